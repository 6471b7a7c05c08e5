#pragma once
// `history ATOM.` and `conflicts ATOM.` over a base relation's claims (docs/time.md): every
// claim matching the atom, oldest report first, with how each relates to the earlier claims of
// its key; or the claims of keys that disagree.
#include "bind/bound.h"
#include "common/table.h"
#include "eval/fact_base.h"
#include "schema/catalog.h"

namespace chipgraph::engine {

// The history of the claims of a base relation matching `query`'s one atom (its window and
// `known at` choose the claims, as in a query); `retracted` (the relation's retracted claims)
// are listed at their report dates as `retracted`, and count as no earlier claim.
Table claimHistory(const bind::BoundQuery& query, const eval::FactBase& facts,
                   const std::vector<schema::Fact>& retracted, const schema::Catalog& catalog);

// The claims matching `query`'s one atom whose key has disagreeing claims, by key, oldest first.
Table claimConflicts(const bind::BoundQuery& query, const eval::FactBase& facts,
                     const schema::Catalog& catalog);

} // namespace chipgraph::engine
