#pragma once
// BodyJoin::runPairs: a semi-naive round of a two-atom rule (a delta row, then the rows of the
// other atom its bound column looks up) as two plain loops. Closing a transitive closure is
// little else, so per derivation this is the whole cost of the join: no recursion, no
// callback through std::function, no premise bookkeeping.
#include "eval/body_join.h"

namespace chipgraph::eval {

template <class Derive>
bool BodyJoin::runPairs(const std::vector<DeltaEntry>& delta, Derive&& derive) {
    if (impossible_) return true;
    const plan::JoinStep& first = plan_.steps[0];
    const plan::JoinStep& second = plan_.steps[1];
    const bind::BoundAtom& probed = body_.atoms[second.atom];
    const TupleTable& deltaTable = tableOf(body_.atoms[first.atom].relation);
    const TupleTable& table = tableOf(probed.relation);
    // Usually both atoms only fill fresh variables: their cells are copied, never compared.
    std::vector<bool> bound(binding_.size());
    for (size_t v = 0; v < binding_.size(); ++v)
        bound[v] = binding_[v] != kNoValue; // preset
    // The delta is read row by row, whatever the plan would probe on the first atom.
    std::optional<std::vector<CellMatch>> firstFresh = freshBindings(first.atom, -1, bound);
    std::optional<std::vector<CellMatch>> secondFresh =
        firstFresh ? freshBindings(second.atom, second.lookupPosition, bound) : std::nullopt;
    auto bind = [&](const std::optional<std::vector<CellMatch>>& fresh, size_t atom,
                    const ValueId* cells) {
        if (!fresh) return matchAtom(atomMatches_[atom], cells);
        for (const CellMatch& m : *fresh)
            binding_[m.variable] = cells[m.cell];
        return true;
    };
    auto unbind = [&](const std::optional<std::vector<CellMatch>>& fresh, size_t mark) {
        if (fresh)
            for (const CellMatch& m : *fresh)
                binding_[m.variable] = kNoValue;
        unbindTo(mark);
    };
    // The probed relation is not the one being derived: its index does not change meanwhile.
    const TupleTable::ColumnIndex& index = table.columnIndex(second.lookupPosition);
    for (const DeltaEntry& entry : delta) {
        size_t mark = boundCount_;
        // The delta row's cells are read before any derivation: deriving may add rows to its
        // table and move them.
        schema::FactStatus entryStatus = deltaTable.status(entry.row);
        if (!bind(firstFresh, first.atom, deltaTable.row(entry.row))) {
            unbind(firstFresh, mark);
            continue;
        }
        ValueId key = boundValue(probed.args[second.lookupPosition], atomConstants_[second.atom],
                                 second.lookupPosition);
        auto found = index.find(key);
        if (found == index.end()) {
            unbind(firstFresh, mark);
            continue;
        }
        const std::vector<RowId>& rows = found->second;
        // Rows of a lookup are scattered over the table: fetch a few ahead.
        constexpr size_t kAhead = 4;
        for (size_t i = 0; i < kAhead && i < rows.size(); ++i)
            __builtin_prefetch(table.row(rows[i]));
        for (const Interval& added : entry.added.parts()) {
            for (size_t i = 0, n = rows.size(); i < n; ++i) {
                if (i + kAhead < n) __builtin_prefetch(table.row(rows[i + kAhead]));
                if ((++polls_ & 0x3FFF) == 0 && !engine_.checkLimits().isOk()) {
                    unbind(secondFresh, boundCount_);
                    unbind(firstFresh, mark);
                    return false;
                }
                RowId row = rows[i];
                size_t inner = boundCount_;
                if (bind(secondFresh, second.atom, table.row(row))) {
                    schema::FactStatus status = schema::weakest(entryStatus, table.status(row));
                    Interval single;
                    if (table.singleValidity(row, single)) {
                        if (Interval part = single.intersect(added); !part.empty())
                            derive(binding_, part, status);
                    } else {
                        IntervalSet days = table.validity(row);
                        for (const Interval& held : days.parts())
                            if (Interval part = held.intersect(added); !part.empty())
                                derive(binding_, part, status);
                    }
                }
                if (!secondFresh) unbindTo(inner);
            }
        }
        unbind(secondFresh, boundCount_);
        unbind(firstFresh, mark);
    }
    return true;
}

} // namespace chipgraph::eval
