#pragma once
// Applies a bound CSV import inside an open transaction: new entities, then the facts (moved
// out of `result` into `facts`).
// Internal to src/engine (used by the `import` statement and Engine::importCsv).
#include "bind/bind_import.h"
#include "engine/engine.h"
#include "eval/fact_base.h"
#include "store/row_order.h"
#include "store/store.h"

namespace chipgraph::engine {

// `prepared`, if given, is store::prepareRows(result.facts, 0), made while the file was bound
// ahead; it is used (up) when the facts go into a relation that has none yet.
Status applyImport(bind::ImportResult& result, const schema::Catalog& catalog, store::Store& store,
                   eval::FactBase& facts, LoadStats& stats,
                   store::PreparedRows* prepared = nullptr);

// The whole content of a file, or an error naming it.
Result<std::string> readTextFile(const std::string& path);

// The row errors to show: the first `limit`, then a note with how many more.
std::vector<Diagnostic> importErrors(const bind::ImportResult& result, size_t limit = 20);

} // namespace chipgraph::engine
