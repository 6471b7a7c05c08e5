// A closure of plan::edgeStep's shape, `R(X, Z) :- E(.., X, .., Y, ..), R(Y, Z).`, whose seeds
// (the exit rules' facts) and edges all hold on the same days with the same status (timeless
// facts, say) and whose provenance is not tracked per derivation: every fact of R then holds on
// those days with that status, and R(x, z) holds exactly where x reaches a seed R(w, z) over E.
// So the closure is one search per z over E's edges, indexed by Y (a CSR), each fact found
// once: no hash probe, no interval set, no semi-naive rounds. Facts are appended to R's table
// in order of z, as the parts of runInParts would be.
#include "eval/stratum_run.h"

#include <algorithm>

namespace chipgraph::eval {

namespace {

// E's edges as adjacency lists by their Y value (ids are the interner's, dense).
struct EdgeIndex {
    std::vector<uint32_t> start; // by Y: where its Xs begin in `from` (size: ids + 1)
    std::vector<ValueId> from;

    EdgeIndex(const TupleTable& edges, int fromColumn, int toColumn, size_t ids)
        : start(ids + 1, 0), from(edges.size()) {
        for (RowId r = 0; r < edges.size(); ++r)
            ++start[edges.row(r)[toColumn] + 1];
        for (size_t v = 1; v <= ids; ++v)
            start[v] += start[v - 1];
        std::vector<uint32_t> next(start.begin(), start.end() - 1);
        for (RowId r = 0; r < edges.size(); ++r)
            from[next[edges.row(r)[toColumn]]++] = edges.row(r)[fromColumn];
    }
};

} // namespace

bool StratumRun::searchClosure(const Parts& parts, int column, Status& status) {
    std::optional<plan::EdgeStep> step = plan::edgeStep(engine_.rules_, stratum_, column);
    if (!step || engine_.options_.trackProvenance || engine_.isDemandRelation(parts.relation))
        return false;
    const TupleTable& seeds = *parts.seeds;
    const TupleTable& edges = engine_.table(step->edges);
    Interval valid, edgeValid;
    schema::FactStatus seedStatus, edgeStatus;
    if (seeds.size() == 0 || !seeds.uniformRows(valid, seedStatus)) return false;
    // Without edges only the seeds hold; with them, a derivation must hold exactly where its
    // seed does, as strongly, for the closure to be uniform too.
    if (edges.size() > 0 &&
        (!edges.uniformRows(edgeValid, edgeStatus) || !(valid.intersect(edgeValid) == valid) ||
         schema::weakest(seedStatus, edgeStatus) != seedStatus))
        return false;
    size_t ids = engine_.interner_.size();
    EdgeIndex index(edges, step->fromColumn, step->toColumn, ids);
    std::vector<uint32_t> seen(ids, 0); // the group (plus one) that last reached the value
    std::vector<ValueId> stack;
    TupleTable& table = *engine_.tables_[parts.relation];
    const int other = 1 - column;
    ValueId cells[2];
    size_t found = 0;
    const std::vector<size_t>& starts = parts.groups.starts;
    const size_t sample = std::max<size_t>(1, starts.size() / 64);
    for (size_t g = 0; g < starts.size(); ++g) {
        size_t end = g + 1 < starts.size() ? starts[g + 1] : parts.groups.rows.size();
        uint32_t mark = static_cast<uint32_t>(g + 1);
        cells[column] = seeds.row(parts.groups.rows[starts[g]])[column];
        auto reach = [&](ValueId x) {
            if (seen[x] == mark) return;
            seen[x] = mark;
            cells[other] = x;
            table.appendNew(cells, seedStatus, valid);
            stack.push_back(x);
        };
        for (size_t k = starts[g]; k < end; ++k)
            reach(seeds.row(parts.groups.rows[k])[other]);
        while (!stack.empty()) {
            ValueId y = stack.back();
            stack.pop_back();
            for (uint32_t e = index.start[y]; e < index.start[y + 1]; ++e)
                reach(index.from[e]);
        }
        countDerived(table.size() - found);
        found = table.size();
        // The whole closure, estimated from its first groups: growing a table of millions of
        // rows by doubling would copy it (and fault its pages in) several times.
        if (g + 1 == sample)
            table.reserveRows(found + found * (starts.size() - sample) / sample * 11 / 10);
        if ((g & 255) == 255)
            if (status = engine_.checkLimits(); !status) return true;
    }
    status = engine_.checkLimits();
    return true;
}

} // namespace chipgraph::eval
