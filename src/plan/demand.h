#pragma once
// Demand-driven evaluation (the magic-set rewrite). `? reach(X, c123).` needs only the `reach`
// facts whose second argument is c123, and those need only the facts reachable backwards from
// c123 — not the whole closure. For each derived relation and each pattern of bound arguments
// it is asked with (an adornment, "fb": first free, second bound), the rewrite adds a copy of
// its rules guarded by a demand relation holding the bound values asked for. Demand flows from
// the query's constants into the rule bodies, left to right after putting the atoms with bound
// arguments first (sideways information passing).
//
// Demand facts are valid always, `actual` and without sources, so a guarded rule derives
// exactly the original facts (same validity, status and provenance) for the demanded values.
// Negated atoms, relations defined with aggregates and query atoms without a constant keep full
// evaluation by the original strata, so the rewritten program stays stratified.
#include "bind/bound.h"
#include "plan/plan.h"
#include "schema/catalog.h"

#include <string>
#include <utility>
#include <vector>

namespace chipgraph::plan {

struct DemandRelation {
    RelationId id = kNoId;       // above every catalog id
    RelationId original = kNoId; // the derived relation it restricts (or asks about)
    std::string adornment;       // per argument of `original`: 'b' bound, 'f' free
    bool isDemand = false;       // holds the bound values asked for (a magic relation)
    int width = 0;               // cells: every argument, or only the bound ones for a demand
};

struct DemandProgram {
    std::vector<bind::BoundRule> rules; // the original rules, then the rewritten ones
    std::vector<bind::Stratum> strata;  // the original strata, then one recursive stratum
    std::vector<DemandRelation> relations;
    RelationLabels labels; // names and columns of `relations`, for `explain`
    // (restricted relation, original): the facts of the first answer the query's atoms on the
    // second; several adornments of one relation may answer it together.
    std::vector<std::pair<RelationId, RelationId>> answers;

    bool empty() const { return relations.empty(); }
};

// The rewrite for the query's positive derived atoms that have a constant argument; empty when
// there is none (then the original program is evaluated as it is).
DemandProgram demandProgram(const bind::BoundQuery& query,
                            const std::vector<bind::BoundRule>& rules,
                            const std::vector<bind::Stratum>& strata,
                            const schema::Catalog& catalog);

} // namespace chipgraph::plan
