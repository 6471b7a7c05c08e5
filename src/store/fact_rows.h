#pragma once
// Internal to src/store: reading `facts` rows, shared by the loader (store_facts.cpp) and the
// log (store_log.cpp), which reads the facts a database held at an earlier time.
#include "schema/catalog.h"
#include "schema/fact.h"
#include "store/sqlite_handle.h"

#include <functional>
#include <unordered_map>
#include <vector>

namespace chipgraph::store {

using RelationsById = std::unordered_map<RelationId, const schema::RelationInfo*>;
RelationsById relationsById(const schema::Catalog& catalog);

// The columns of a `facts` row, selected in this order: id, relation_id, valid_from, valid_to,
// source_id, status. `fact` gets them, with values of the relation's sizes to fill in; a
// relation the catalog does not know is an error naming the fact.
Status readFactRow(const RelationsById& relations, const Statement& row, schema::Fact& fact);

// Reads every row of `rows` (id, relation_id, valid_from, valid_to, source_id, status,
// fact_key, then any columns of the caller's) into `facts` and their ids into `ids`, in the
// order they come, handing each row to `alsoRead` for the caller's columns; a corrupt row (an
// unknown relation, a bad key, a missing entity or source) is an error naming it.
Status readFacts(const schema::Catalog& catalog, Statement& rows, std::vector<schema::Fact>& facts,
                 std::vector<int64_t>& ids,
                 const std::function<void(const Statement&)>& alsoRead = {});

} // namespace chipgraph::store
