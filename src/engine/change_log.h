#pragma once
// The log of changes, as the engine uses it (docs/time.md, "The log"): who and when an entry
// records, the database as it stood at a past day (`recorded at`), and `blame`. Internal to
// src/engine.
#include "bind/bound.h"
#include "common/table.h"
#include "engine/engine.h"
#include "eval/fact_base.h"
#include "store/store.h"

#include <string>
#include <vector>

namespace chipgraph::engine {

// The user running chipgraph (the log's default author): the account name, else $USER, else
// "unknown".
std::string osUserName();
// Now in UTC, ISO 8601 to the second ("2026-12-07T13:37:11Z"); from $SOURCE_DATE_EPOCH when it
// is set (reproducible logs: tests).
std::string logTimeNow();
// What an entry came from: the input's names, "a.kg, b.kg"; the first three and a count; or
// for more files of one folder, "graph/ (8 files)".
std::string describeInput(const std::vector<SourceFile>& files);

// The facts and rules stored by the end of `day`, for a query `recorded at` it.
struct RecordedState {
    eval::FactBase facts;
    RuleSet rules;
};
Status loadRecordedState(store::Store& store, const schema::Catalog& catalog,
                         const RuleSet& current, DayNumber day, RecordedState& out);

// The claims of `relation` retracted by now, or by the end of `recordedAt`'s day (claims
// stored then and retracted since are not: the state of that day holds them).
Result<std::vector<schema::Fact>> retractedClaims(store::Store& store,
                                                  const schema::Catalog& catalog,
                                                  RelationId relation,
                                                  std::optional<DayNumber> recordedAt);

// `blame atom.`: per claim matching the atom (its one atom), the entry that added it and, if
// retracted, the one that retracted it, oldest first.
Result<Table> blameTable(store::Store& store, const schema::Catalog& catalog,
                         const bind::BoundQuery& query);

} // namespace chipgraph::engine
