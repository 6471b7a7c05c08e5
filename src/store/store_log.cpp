// The log: entries for the units that changed the database, retracted facts kept, and the
// database as it stood at a past day (docs/time.md, "The log").
#include "store/fact_codec.h"
#include "store/fact_rows.h"
#include "store/row_order.h"
#include "store/store.h"
#include "store/store_macros.h"

namespace chipgraph::store {

Status Store::openLogEntry(LogEntry& entry) {
    Result<int64_t> firstFact = takeFactIds(0);
    if (!firstFact) return firstFact.status();
    entry.firstFact = firstFact.value();
    CG_PREPARE(rules, "SELECT coalesce(max(id), 0) + 1 FROM rules");
    entry.firstRule = rules.singleInt();
    CG_PREPARE(next, "SELECT coalesce(max(id), 0) + 1 FROM log");
    entry.id = next.singleInt();
    CG_PREPARE(insert, "INSERT INTO log(id, at, author, action, what, first_fact, first_rule) "
                       "VALUES (?, ?, ?, 'load', ?, ?, ?)");
    insert.bind(1, entry.id);
    insert.bind(2, entry.at);
    insert.bind(3, entry.author);
    insert.bind(4, entry.what);
    insert.bind(5, entry.firstFact);
    insert.bind(6, entry.firstRule);
    return insert.run();
}

Status Store::restampLog(const std::string& at, const std::string& author) {
    CG_PREPARE(update, "UPDATE log SET at = ?, author = ?");
    update.bind(1, at);
    update.bind(2, author);
    return update.run();
}

Status Store::closeLogEntry(const LogEntry& entry, bool changed) {
    if (!changed) {
        CG_PREPARE(remove, "DELETE FROM log WHERE id = ?");
        remove.bind(1, entry.id);
        return remove.run();
    }
    CG_PREPARE(update, "UPDATE log SET action = ? WHERE id = ?");
    update.bind(1, entry.action);
    update.bind(2, entry.id);
    return update.run();
}

Result<std::vector<Store::LogEntry>> Store::logEntries() {
    Result<LogLimit> limit = logLimit();
    if (!limit) return limit.status();
    CG_PREPARE(rows, "SELECT id, at, author, action, what, first_fact, first_rule FROM log "
                     "WHERE id <= ? ORDER BY id");
    rows.bind(1, limit.value().lastEntry);
    std::vector<LogEntry> entries;
    for (;;) {
        Result<bool> row = rows.step();
        if (!row) return row.status();
        if (!row.value()) break;
        entries.push_back({rows.columnInt(0), rows.columnText(1), rows.columnText(2),
                           rows.columnText(3), rows.columnText(4), rows.columnInt(5),
                           rows.columnInt(6)});
    }
    rows.reset();
    return entries;
}

Result<int64_t> Store::storedFactCount() {
    CG_PREPARE(count, "SELECT count(*) FROM facts");
    return count.singleInt();
}

Status Store::retractFact(const schema::Fact& fact, int64_t entry) {
    std::string key = encodeFactKey(fact);
    CG_PREPARE(keep, "INSERT INTO retracted(fact_key, id, relation_id, valid_from, valid_to, "
                     "source_id, status, retracted_by) SELECT fact_key, id, relation_id, "
                     "valid_from, valid_to, source_id, status, ? FROM facts WHERE fact_key = ?");
    keep.bind(1, entry);
    keep.bindTextStatic(2, key);
    CG_TRY(keep.run());
    CG_PREPARE(remove, "DELETE FROM facts WHERE fact_key = ?");
    remove.bindTextStatic(1, key);
    noteWritten(fact.relation, 1);
    return remove.run();
}

Result<Store::Recorded> Store::recordedBy(const std::string& day) {
    Recorded recorded;
    // ISO times sort as text; every time of `day` starts with it.
    Result<LogLimit> limit = logLimit();
    if (!limit) return limit.status();
    CG_PREPARE(last, "SELECT coalesce(max(id), 0) FROM log WHERE substr(at, 1, 10) <= ?1 AND "
                     "id <= ?2");
    last.bind(1, day);
    last.bind(2, limit.value().lastEntry);
    recorded.lastEntry = last.singleInt();
    // The facts and rules recorded after: those from the next entry's first ids on. Facts
    // stored before the log began (an upgraded database) count as recorded before any entry.
    CG_PREPARE(next, "SELECT coalesce(min(first_fact), 9223372036854775807), "
                     "coalesce(min(first_rule), 9223372036854775807) FROM log WHERE id > ?");
    next.bind(1, recorded.lastEntry);
    Result<bool> row = next.step();
    if (!row) return row.status();
    recorded.factEnd = next.columnInt(0);
    recorded.ruleEnd = next.columnInt(1);
    next.reset();
    return recorded;
}

Status Store::loadFactsRecorded(const schema::Catalog& catalog, const Recorded& recorded,
                                const std::function<void(schema::Fact)>& sink) {
    CG_PREPARE(rows, "SELECT id, relation_id, valid_from, valid_to, source_id, status, fact_key "
                     "FROM facts WHERE id < ?1 UNION ALL "
                     "SELECT id, relation_id, valid_from, valid_to, source_id, status, fact_key "
                     "FROM retracted WHERE id < ?1 AND retracted_by > ?2");
    rows.bind(1, recorded.factEnd);
    rows.bind(2, recorded.lastEntry);
    std::vector<schema::Fact> facts;
    std::vector<int64_t> ids;
    CG_TRY(readFacts(catalog, rows, facts, ids));
    for (uint32_t index : idOrder(ids))
        sink(std::move(facts[index]));
    return Status::ok();
}

Result<std::vector<Store::FactRecord>> Store::factRecords(const schema::Catalog& catalog,
                                                          RelationId relation) {
    Result<LogLimit> limit = logLimit();
    if (!limit) return limit.status();
    // A retraction after the limit is not seen: the fact is still stored then.
    CG_PREPARE(rows, "SELECT id, relation_id, valid_from, valid_to, source_id, status, fact_key, "
                     "0 FROM facts WHERE relation_id = ?1 AND id < ?2 UNION ALL "
                     "SELECT id, relation_id, valid_from, valid_to, source_id, status, fact_key, "
                     "CASE WHEN retracted_by > ?3 THEN 0 ELSE retracted_by END FROM retracted "
                     "WHERE relation_id = ?1 AND id < ?2");
    rows.bind(1, static_cast<int64_t>(relation));
    rows.bind(2, limit.value().factEnd);
    rows.bind(3, limit.value().lastEntry);
    std::vector<schema::Fact> facts;
    std::vector<int64_t> ids;
    std::vector<int64_t> retractedBy;
    CG_TRY(readFacts(catalog, rows, facts, ids,
                     [&](const Statement& row) { retractedBy.push_back(row.columnInt(7)); }));
    std::vector<FactRecord> records;
    for (uint32_t index : idOrder(ids))
        records.push_back({std::move(facts[index]), ids[index], retractedBy[index]});
    return records;
}

} // namespace chipgraph::store
