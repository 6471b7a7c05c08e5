#pragma once
// Join planning for conjunctive bodies (queries and rule bodies): the order in which atoms are
// joined, which argument position each step probes an index on, and where each comparison,
// assignment and negation is checked. Printable as stable text for `explain`.
#include "bind/bound.h"
#include "schema/catalog.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace chipgraph::plan {

struct JoinStep {
    int atom = 0;                    // index into BoundQuery::atoms
    std::vector<int> boundPositions; // argument positions bound before this step
    int lookupPosition = -1;         // the bound position used to probe an index; -1: scan
    std::vector<int> comparisons;    // checked (or assigned) right after this step, in order
    std::vector<int> negations;      // checked right after this step (all their vars bound)
    bool onDisk = false;             // the lookup reads the store's index (engine: paged lookups)
};

struct QueryPlan {
    std::vector<JoinStep> steps;
};

struct PlanOptions {
    int firstAtom = -1;            // semi-naive: the delta atom goes first
    std::vector<bool> boundBefore; // variables bound before the join (e.g. by `why`)
    // Whether a lookup of `relation` at argument `position` is served by an index (unset: every
    // one is). A relation read by lookups on disk has indexes on some positions only.
    std::function<bool(RelationId relation, int position)> indexed;
};

// Orders the atoms greedily: at each step an atom that can be looked up by a bound argument
// (an indexed one) before any that cannot, then the atom with the most bound arguments, ties
// broken by the smaller relation (`cardinality`), then by position in the body.
QueryPlan planQuery(const bind::BoundQuery& query,
                    const std::function<size_t(RelationId)>& cardinality,
                    const PlanOptions& options = {});

// Printable names of relations that are not in the catalog (those a rewrite adds, see
// demand.h): consulted before the catalog.
struct RelationLabel {
    std::string name;
    std::vector<std::string> columns;
};
using RelationLabels = std::map<RelationId, RelationLabel>;

// The relation's printable name: its label when it has one, else the catalog's.
std::string relationName(RelationId id, const schema::Catalog& catalog,
                         const RelationLabels* labels = nullptr);

// One line per step: "1. scan designs(F, C)" / "2. lookup develops(Amazon, C) on chip".
std::string describePlan(const bind::BoundQuery& query, const QueryPlan& plan,
                         const schema::Catalog& catalog, const std::string& indent = "",
                         const RelationLabels* labels = nullptr);

// An atom as source-like text: "supplies(A, c123)".
std::string describeAtom(const bind::BoundAtom& atom, const bind::BoundQuery& query,
                         const schema::Catalog& catalog, const RelationLabels* labels = nullptr);

// Source-like text of a term or expression, for plans and derivation trees.
std::string describeExpr(const bind::BoundExpr& expr, const bind::BoundQuery& query,
                         const schema::Catalog& catalog);

// "X = U * 2", "Y != Amazon": a comparison as source-like text.
std::string describeComparison(const bind::BoundComparison& comparison,
                               const bind::BoundQuery& query, const schema::Catalog& catalog);

// The variables an expression mentions.
std::vector<int> variablesOf(const bind::BoundExpr& expr);

} // namespace chipgraph::plan
