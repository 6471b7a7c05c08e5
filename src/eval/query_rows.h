#pragma once
// Internal to query evaluation: one fact as the join reads it — a Fact of a FactBase, or a row
// of a derived table on one of its validity intervals — and the loop over a relation's facts.
// The join is written once, over either kind of row (query_eval.cpp).
#include "bind/bound.h"
#include "eval/fact_view.h"
#include "plan/plan.h"

#include <optional>
#include <vector>

namespace chipgraph::eval {

// What a premise adds to an answer's provenance: a stated fact's source, a derived fact's
// sources and first-known date.
struct Premise {
    SourceId source = kNoId;
    const std::vector<SourceId>* sources = nullptr;
    const std::optional<PartialDate>* reported = nullptr; // set with `sources`
};

struct FactRow {
    const schema::Fact& fact;

    const Value& arg(size_t position) const { return fact.args[position]; }
    const Value* qualifier(size_t index) const {
        const std::optional<Value>& q = fact.qualifiers[index];
        return q ? &*q : nullptr;
    }
    Interval valid() const { return fact.valid; }
    schema::FactStatus status() const { return fact.status; }
    SourceId source() const { return fact.source; }
    const schema::Fact* identity() const { return &fact; }
    Premise premise() const {
        if (!fact.derived) return {fact.source};
        return {fact.source, &fact.derived->sources, &fact.derived->reported};
    }
};

struct TableRow {
    const DerivedTable& table;
    RowId row;
    Interval part; // one interval of the row's validity

    const Value& arg(size_t position) const {
        return table.interner().value(table.table().row(row)[position]);
    }
    const Value* qualifier(size_t) const { return nullptr; } // derived relations have none
    Interval valid() const { return part; }
    schema::FactStatus status() const { return table.table().status(row); }
    SourceId source() const { return kNoId; }
    // Rows of derived relations are never left out with a note (claim_filter.h): no identity.
    const schema::Fact* identity() const { return nullptr; }
    Premise premise() const {
        const RowProvenance* p = table.table().provenance(row);
        return p ? Premise{kNoId, &p->sources, &p->reported} : Premise{};
    }
};

// Whether no two derivations of `query` can give the same answer, so that the join need not
// look for one to merge into: one atom over a derived table (its rows are unique by values
// and status, each row's stretches of validity disjoint) whose arguments are distinct
// variables, with nothing that binds, drops or splits a column (a wildcard, a constant, a
// qualifier, `per`, a comparison, a negation). An aggregate's half a million groups then skip
// a hash probe (a cache miss) and the hashing of their values each.
inline bool answersAreDistinctRows(const bind::BoundQuery& query, const plan::QueryPlan& plan,
                                   const FactView& view) {
    if (plan.steps.size() != 1 || query.atoms.size() != 1 || !query.comparisons.empty() ||
        !query.negations.empty())
        return false;
    const bind::BoundAtom& atom = query.atoms[0];
    if (!view.table(atom.relation) || !atom.qualifiers.empty() || atom.provenance.any())
        return false;
    std::vector<bool> seen(query.variables.size(), false);
    for (const bind::BoundTerm& term : atom.args) {
        if (term.kind != bind::BoundTerm::Kind::Variable || seen[term.variable]) return false;
        seen[term.variable] = true;
    }
    return true;
}

// Calls `f` with each fact of `relation` (a FactRow or a TableRow) or, given a `key`, with
// those whose argument at `position` equals it; in the order they were added (a table's rows,
// each on its intervals in order), as the FactBase that once held them would.
template <class F>
void forEachFact(const FactView& view, RelationId relation, int position, const Value* key, F&& f) {
    if (const DerivedTable* t = view.table(relation)) {
        const TupleTable& table = t->table();
        auto onParts = [&](RowId r) {
            Interval single;
            if (table.singleValidity(r, single)) return f(TableRow{*t, r, single});
            IntervalSet days = table.validity(r); // a named copy: parts() refers into it
            for (const Interval& part : days.parts())
                f(TableRow{*t, r, part});
        };
        if (!key) {
            // A row's cells name values of the interner, in no order: a cache miss each when
            // the interner is large. Fetched a few rows ahead, the misses overlap.
            constexpr RowId kAhead = 8;
            const Interner& interner = t->interner();
            for (RowId r = 0; r < table.size(); ++r) {
                if (r + kAhead < table.size()) {
                    const ValueId* cells = table.row(r + kAhead);
                    for (int c = 0; c < table.width(); ++c)
                        if (cells[c] < interner.size()) // not kNoValue
                            __builtin_prefetch(&interner.value(cells[c]));
                }
                onParts(r);
            }
            return;
        }
        ValueId id = t->interner().find(*key);
        if (id == kNoValue) return; // a value no row holds
        for (RowId r : table.lookup(position, id))
            onParts(r);
        return;
    }
    // A relation served by lookups, at a position it serves (any other read takes it whole).
    if (const PagedFacts* paged = view.paged(relation);
        paged && key && paged->servesLookup(relation, position)) {
        for (const schema::Fact* fact : paged->lookup(relation, position, *key))
            f(FactRow{*fact});
        return;
    }
    const RelationFacts& facts = view.relation(relation);
    if (!key) {
        for (const schema::Fact& fact : facts.facts())
            f(FactRow{fact});
        return;
    }
    for (uint32_t i : facts.lookup(position, *key))
        f(FactRow{facts.facts()[i]});
}

} // namespace chipgraph::eval
