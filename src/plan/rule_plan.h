#pragma once
// Plans for rules: which strata a set of relations needs, and the printable plan of each
// stratum (its rules' join orders, including the semi-naive variants) for `explain`.
#include "bind/bound.h"
#include "plan/plan.h"
#include "schema/catalog.h"

#include <functional>
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

std::string describeStrata(const std::vector<bind::BoundRule>& rules,
                           const std::vector<bind::Stratum>& strata,
                           const std::vector<size_t>& needed, const schema::Catalog& catalog,
                           const std::function<size_t(RelationId)>& cardinality,
                           const RelationLabels* labels = nullptr);

} // namespace chipgraph::plan
