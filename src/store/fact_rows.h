#pragma once
// Internal to src/store: reading the plain columns of a `facts` row, shared by the loader
// (store_facts.cpp) and the upgrades (store_migrate.cpp), which read the same columns.
#include "schema/catalog.h"
#include "schema/fact.h"
#include "store/sqlite_handle.h"

#include <unordered_map>

namespace chipgraph::store {

using RelationsById = std::unordered_map<RelationId, const schema::RelationInfo*>;
RelationsById relationsById(const schema::Catalog& catalog);

// The columns every version's `facts` row has, selected in this order: id, relation_id,
// valid_from, valid_to, source_id, status. `fact` gets them, with values of the relation's
// sizes to fill in; a relation the catalog does not know is an error naming the fact.
Status readFactRow(const RelationsById& relations, const Statement& row, schema::Fact& fact);

// Reads every row of `rows` (id, relation_id, valid_from, valid_to, source_id, status,
// fact_key) into `facts` and their ids into `ids`, in the order they come; a corrupt row (an
// unknown relation, a bad key, a missing entity or source) is an error naming it.
Status readFacts(const schema::Catalog& catalog, Statement& rows, std::vector<schema::Fact>& facts,
                 std::vector<int64_t>& ids);

} // namespace chipgraph::store
