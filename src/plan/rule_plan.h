#pragma once
// Plans for rules: which strata a set of relations needs, and the printable plan of each
// stratum (its rules' join orders, including the semi-naive variants) for `explain`.
#include "bind/bound.h"
#include "plan/plan.h"
#include "schema/catalog.h"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace chipgraph::plan {

// Indices of the strata `relations` need: their own and, transitively, those their rules use;
// in evaluation order.
std::vector<size_t> neededStrata(const std::vector<bind::BoundRule>& rules,
                                 const std::vector<bind::Stratum>& strata,
                                 const std::vector<RelationId>& relations);

// The argument position that every recursive rule of `stratum` copies from its premise in the
// stratum to its head, or -1: the stratum is not recursive, has several relations or an
// aggregate, a rule reads the stratum twice, or no column is kept by all its rules. Such a
// closure splits by that column into parts that never meet (eval/partition.h).
int passThroughColumn(const std::vector<bind::BoundRule>& rules, const bind::Stratum& stratum);

// A stratum whose closure is a search over one base relation's edges: one relation R of two
// columns, its recursive rule (exactly one) `R(X, Z) :- E(.., X, .., Y, ..), R(Y, Z).` (or
// with Z first: `column`, from passThroughColumn, is Z's), E's other arguments blanks or
// variables used nowhere else, no comparison, negation, constant or provenance filter. Then
// R(x, z) holds exactly where some seed R(w, z) of the exit rules has a chain of E edges from
// x to w. When the premises also hold on the same days with the same status (checked on the
// tables: eval/closure_search.h), a search per z finds the closure.
struct EdgeStep {
    size_t rule;         // the recursive rule
    RelationId edges;    // E
    int fromColumn = -1; // E's column holding X (the head's other column)
    int toColumn = -1;   // E's column holding Y (joined with R's other column)
};
std::optional<EdgeStep> edgeStep(const std::vector<bind::BoundRule>& rules,
                                 const bind::Stratum& stratum, int column);

std::string describeStrata(const std::vector<bind::BoundRule>& rules,
                           const std::vector<bind::Stratum>& strata,
                           const std::vector<size_t>& needed, const schema::Catalog& catalog,
                           const std::function<size_t(RelationId)>& cardinality,
                           const RelationLabels* labels = nullptr);

} // namespace chipgraph::plan
