#include "eval/body_join.h"

#include "eval/expr_eval.h"

namespace chipgraph::eval {

using bind::BoundTerm;

static std::vector<ValueId> internConstants(const bind::BoundAtom& atom, Interner& interner,
                                            bool& impossible) {
    std::vector<ValueId> out;
    for (const BoundTerm& t : atom.args) {
        if (t.kind != BoundTerm::Kind::Constant) {
            out.push_back(kNoValue);
            continue;
        }
        ValueId id = interner.find(t.value);
        // A constant no fact mentions: interning it is harmless, but nothing will match.
        if (id == kNoValue) {
            id = interner.intern(t.value);
            impossible = true;
        }
        out.push_back(id);
    }
    return out;
}

BodyJoin::BodyJoin(RuleEngine& engine, const bind::BoundQuery& body, const plan::QueryPlan& plan,
                   TableOverride override)
    : engine_(engine), override_(override), body_(body), plan_(plan),
      binding_(body.variables.size(), kNoValue), bound_(body.variables.size()),
      tables_(body.atoms.size(), nullptr), rows_(body.atoms.size(), 0) {
    // Load the tables first so that constants appearing in facts are already interned.
    for (const bind::BoundAtom& atom : body.atoms)
        tableOf(atom.relation);
    for (const bind::BoundAtom& atom : body.negations)
        tableOf(atom.relation);
    for (const bind::BoundAtom& atom : body.atoms) {
        atomConstants_.push_back(internConstants(atom, engine_.interner(), impossible_));
        atomMatches_.push_back(compileAtom(atom, atomConstants_.back(), engine_.interner()));
    }
    bool negationImpossible = false; // a `not` on an unseen constant simply never removes days
    for (const bind::BoundAtom& atom : body.negations)
        negationConstants_.push_back(internConstants(atom, engine_.interner(), negationImpossible));
}

bool BodyJoin::run(const std::vector<DeltaEntry>* delta,
                   const std::function<void(const Derivation&)>& emit) {
    if (impossible_) return true;
    delta_ = delta;
    emit_ = &emit;
    stopped_ = false;
    visit(0, Interval::always(), schema::FactStatus::Actual);
    return !stopped_;
}

bool BodyJoin::pairShaped() const {
    if (plan_.steps.size() != 2 || !body_.comparisons.empty() || !body_.negations.empty())
        return false;
    const plan::JoinStep& second = plan_.steps[1];
    return second.lookupPosition >= 0 &&
           body_.atoms[second.atom].relation != body_.atoms[plan_.steps[0].atom].relation;
}

std::optional<std::vector<BodyJoin::CellMatch>>
BodyJoin::freshBindings(int atom, int probed, std::vector<bool>& bound) const {
    std::vector<CellMatch> out;
    for (const CellMatch& m : atomMatches_[atom]) {
        if (m.cell == probed) continue;
        if (m.qualifier || m.variable < 0 || bound[m.variable]) return std::nullopt;
        bound[m.variable] = true; // a second occurrence is an equality test: not fresh
        out.push_back(m);
    }
    return out;
}

ValueId BodyJoin::boundValue(const BoundTerm& term, const std::vector<ValueId>& constants,
                             size_t position) const {
    if (term.kind == BoundTerm::Kind::Constant) return constants[position];
    if (term.kind == BoundTerm::Kind::Variable) return binding_[term.variable];
    return kNoValue;
}

void BodyJoin::unbindTo(size_t mark) {
    while (boundCount_ > mark)
        binding_[bound_[--boundCount_]] = kNoValue;
}

std::vector<BodyJoin::CellMatch> BodyJoin::compileAtom(const bind::BoundAtom& atom,
                                                       const std::vector<ValueId>& constants,
                                                       Interner& interner) {
    std::vector<CellMatch> out;
    auto add = [&](int cell, const BoundTerm& t, ValueId constant, bool qualifier) {
        if (t.kind == BoundTerm::Kind::Wildcard) return;
        if (t.kind == BoundTerm::Kind::Constant)
            out.push_back({cell, -1, constant, qualifier});
        else
            out.push_back({cell, t.variable, kNoValue, qualifier});
    };
    for (size_t p = 0; p < atom.args.size(); ++p)
        add(static_cast<int>(p), atom.args[p], constants[p], false);
    for (const auto& [index, t] : atom.qualifiers)
        add(static_cast<int>(atom.args.size()) + index, t,
            t.kind == BoundTerm::Kind::Constant ? interner.intern(t.value) : kNoValue, true);
    return out;
}

bool BodyJoin::matchAtom(const std::vector<CellMatch>& match, const ValueId* cells) {
    for (const CellMatch& m : match) {
        ValueId cell = cells[m.cell];
        if (m.qualifier && cell == kNoValue) return false;
        if (m.variable == -1) {
            if (cell != m.constant) return false;
        } else {
            ValueId& slot = binding_[m.variable];
            if (slot == kNoValue) {
                slot = cell;
                bound_[boundCount_++] = m.variable;
            } else if (slot != cell) {
                return false;
            }
        }
    }
    return true;
}

bool BodyJoin::check(const bind::BoundComparison& c) {
    const Interner& interner = engine_.interner();
    auto lookup = [&](int v) -> const Value* {
        return binding_[v] == kNoValue ? nullptr : &interner.value(binding_[v]);
    };
    // Variables are bound and typed by now: an undefined side is a division by zero, counted
    // for the answer's notes (RuleEngine::leftOut).
    auto rhs = evaluateExpr(c.rhs, lookup);
    if (!rhs) return engine_.countDivisionByZero();
    // An assignment whose variable is already bound (a demand guard binds head variables
    // first, plan/demand.h) is an equality test.
    if (c.assigns >= 0 && binding_[c.assigns] == kNoValue) {
        binding_[c.assigns] = engine_.interner().intern(*rhs);
        bound_[boundCount_++] = c.assigns;
        return true;
    }
    auto lhs = evaluateExpr(c.lhs, lookup);
    if (!lhs) return engine_.countDivisionByZero();
    return compareValues(*lhs, c.op, *rhs, engine_.catalog_);
}

IntervalSet BodyJoin::negatedDays(size_t n) {
    const bind::BoundAtom& atom = body_.negations[n];
    const std::vector<ValueId>& constants = negationConstants_[n];
    const TupleTable& table = tableOf(atom.relation);
    IntervalSet days;
    auto consider = [&](RowId r) {
        const ValueId* cells = table.row(r);
        for (size_t p = 0; p < atom.args.size(); ++p) {
            ValueId want = boundValue(atom.args[p], constants, p);
            if (want != kNoValue && cells[p] != want) return;
        }
        days.merge(table.validity(r));
    };
    int probe = -1;
    for (size_t p = 0; p < atom.args.size() && probe < 0; ++p)
        if (boundValue(atom.args[p], constants, p) != kNoValue) probe = static_cast<int>(p);
    if (probe >= 0) {
        for (RowId r : table.lookup(probe, boundValue(atom.args[probe], constants, probe)))
            consider(r);
    } else {
        for (RowId r = 0; r < table.size(); ++r)
            consider(r);
    }
    return days;
}

void BodyJoin::tryRow(size_t stepIndex, const TupleTable& table, RowId row,
                      const IntervalSet* increment, const Interval& valid,
                      schema::FactStatus status) {
    const plan::JoinStep& step = plan_.steps[stepIndex];
    size_t mark = boundCount_;
    bool ok = matchAtom(atomMatches_[step.atom], table.row(row));
    for (size_t c = 0; ok && c < step.comparisons.size(); ++c)
        ok = check(body_.comparisons[step.comparisons[c]]);
    if (ok) {
        schema::FactStatus combined = schema::weakest(status, table.status(row));
        // The common case — one interval, no negation — needs no set algebra.
        Interval single;
        const IntervalSet* from = increment;
        if (step.negations.empty() &&
            (from ? from->parts().size() == 1 : table.singleValidity(row, single))) {
            Interval part = (from ? from->parts()[0] : single).intersect(valid);
            if (!part.empty()) {
                tables_[step.atom] = &table;
                rows_[step.atom] = row;
                visit(stepIndex + 1, part, combined);
            }
            unbindTo(mark);
            return;
        }
        // A copy, not a reference: deeper steps may add rows to this very table.
        IntervalSet days = (increment ? *increment : table.validity(row)).intersect(valid);
        for (int n : step.negations) {
            if (days.empty()) break;
            days = days.subtract(negatedDays(static_cast<size_t>(n)));
        }
        if (!days.empty()) {
            tables_[step.atom] = &table;
            rows_[step.atom] = row;
            for (const Interval& part : days.parts())
                visit(stepIndex + 1, part, combined);
        }
    }
    unbindTo(mark);
}

void BodyJoin::visit(size_t stepIndex, Interval valid, schema::FactStatus status) {
    if (stopped_) return;
    if ((++polls_ & 0x3FFF) == 0 && !engine_.checkLimits().isOk()) {
        stopped_ = true;
        return;
    }
    if (stepIndex == plan_.steps.size()) {
        premiseProvenance_.clear();
        if (engine_.options_.trackProvenance)
            for (size_t a = 0; a < rows_.size(); ++a)
                if (const RowProvenance* p = tables_[a]->provenance(rows_[a]))
                    premiseProvenance_.push_back(p);
        (*emit_)(Derivation{binding_, valid, status, premiseProvenance_, rows_});
        return;
    }
    const plan::JoinStep& step = plan_.steps[stepIndex];
    const bind::BoundAtom& atom = body_.atoms[step.atom];
    const TupleTable& table = tableOf(atom.relation);
    if (stepIndex == 0 && delta_) {
        for (const DeltaEntry& entry : *delta_)
            tryRow(0, table, entry.row, &entry.added, valid, status);
        return;
    }
    if (step.lookupPosition >= 0) {
        ValueId key = boundValue(atom.args[step.lookupPosition], atomConstants_[step.atom],
                                 step.lookupPosition);
        // Copy: the lookup list may grow while we recurse (a recursive rule adds rows).
        const std::vector<RowId>& rows = table.lookup(step.lookupPosition, key);
        // Rows of a lookup are scattered over the table: fetch a few ahead.
        constexpr size_t kAhead = 4;
        for (size_t i = 0, n = rows.size(); i < n; ++i) {
            if (i + kAhead < n) __builtin_prefetch(table.row(rows[i + kAhead]));
            tryRow(stepIndex, table, rows[i], nullptr, valid, status);
        }
        return;
    }
    for (RowId r = 0, n = static_cast<RowId>(table.size()); r < n; ++r)
        tryRow(stepIndex, table, r, nullptr, valid, status);
}

} // namespace chipgraph::eval
