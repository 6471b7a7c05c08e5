#pragma once
// Runs the body of a rule (a planned conjunctive query) over the rule engine's tables and
// reports each derivation: the variables' values, the interval on which all premises hold
// (negation removes days), the weakest status and, when tracked, the premises' provenance.
#include "bind/bound.h"
#include "eval/rule_engine.h"
#include "plan/plan.h"

#include <functional>
#include <optional>

namespace chipgraph::eval {

// A row of the previous iteration's delta and the days it newly holds.
struct DeltaEntry {
    RowId row;
    IntervalSet added;
};

struct Derivation {
    const std::vector<ValueId>& binding; // by variable index
    Interval valid;
    schema::FactStatus status;
    const std::vector<const RowProvenance*>& premises; // empty unless provenance is tracked
    const std::vector<RowId>& rows; // the premise rows, by atom index of the body
};

// A table a join reads instead of the engine's: a part of a partitioned closure.
struct TableOverride {
    RelationId relation = kNoId;
    const TupleTable* table = nullptr;
};

class BodyJoin {
public:
    BodyJoin(RuleEngine& engine, const bind::BoundQuery& body, const plan::QueryPlan& plan,
             TableOverride override = {});

    // Runs the join. With `delta`, the plan's first atom ranges over the delta rows only.
    // Stops early (returning false) when the engine's limits say so.
    bool run(const std::vector<DeltaEntry>* delta,
             const std::function<void(const Derivation&)>& emit);

    // Variables that must be bound before the join starts (`why` fixes the head's values).
    void preset(int variable, ValueId value) { binding_[variable] = value; }

    // Whether runPairs() can stand in for run(): two steps, the second probing an index on a
    // relation other than the first's, and nothing checked in between (no comparison, no
    // negation). The recursive rule of a transitive closure has this shape.
    bool pairShaped() const;
    // run() for a pair-shaped join over `delta`, without recursion or a std::function call per
    // derivation: `derive(binding, valid, status)` is inlined (eval/body_join_pairs.h). The
    // premises' rows and provenance are not reported. Returns false when the limits stop it.
    template <class Derive> bool runPairs(const std::vector<DeltaEntry>& delta, Derive&& derive);

private:
    void visit(size_t step, Interval valid, schema::FactStatus status);
    void tryRow(size_t step, const TupleTable& table, RowId row, const IntervalSet* increment,
                const Interval& valid, schema::FactStatus status);
    // Matching a row against an atom, compiled once: per cell, the constant it must equal or
    // the variable it binds or must equal (wildcards dropped). A row's cells are read in
    // order, and the bound terms (with their values and spans) are never touched per row.
    struct CellMatch {
        int cell;         // argument position, or arity + qualifier column
        int variable;     // -1: a constant
        ValueId constant; // when a constant
        bool qualifier;   // a missing qualifier (kNoValue) never matches
    };
    static std::vector<CellMatch> compileAtom(const bind::BoundAtom& atom,
                                              const std::vector<ValueId>& constants,
                                              Interner& interner);
    // The cells a row of `atom` copies into the binding, when that is all matching it takes:
    // every cell but the `probed` one (an index lookup guarantees it; -1: none) binds a
    // variable not in `bound`, once, and none is a qualifier. Else nullopt. Adds the atom's
    // variables to `bound`.
    std::optional<std::vector<CellMatch>> freshBindings(int atom, int probed,
                                                        std::vector<bool>& bound) const;
    // Binds variables and pushes them on `bound_`; the caller unbinds back to its mark.
    bool matchAtom(const std::vector<CellMatch>& match, const ValueId* cells);
    bool check(const bind::BoundComparison& comparison);
    void unbindTo(size_t mark);
    IntervalSet negatedDays(size_t negation);
    ValueId boundValue(const bind::BoundTerm& term, const std::vector<ValueId>& constants,
                       size_t position) const;

    const TupleTable& tableOf(RelationId relation) const {
        return relation == override_.relation ? *override_.table : engine_.table(relation);
    }

    RuleEngine& engine_;
    TableOverride override_;
    uint64_t polls_ = 0; // the limits are checked every so many steps
    const bind::BoundQuery& body_;
    const plan::QueryPlan& plan_;
    std::vector<std::vector<ValueId>> atomConstants_;     // per atom, per argument (or kNoValue)
    std::vector<std::vector<CellMatch>> atomMatches_;     // per atom
    std::vector<std::vector<ValueId>> negationConstants_; // per negated atom
    std::vector<ValueId> binding_;
    // Variables bound by the steps so far, innermost last: a stack no deeper than the number
    // of variables (each is bound once), so pushing never checks for room.
    std::vector<int> bound_;
    size_t boundCount_ = 0;
    std::vector<const RowProvenance*> premiseProvenance_; // scratch for each derivation
    // The premises, by atom index: (table, row), not pointers into the table (a recursive
    // rule adds rows to the table it reads, which may move its storage).
    std::vector<const TupleTable*> tables_;
    std::vector<RowId> rows_;
    const std::vector<DeltaEntry>* delta_ = nullptr;
    const std::function<void(const Derivation&)>* emit_ = nullptr;
    bool stopped_ = false;
    bool impossible_ = false; // a constant never seen: no row can match
};

} // namespace chipgraph::eval
