// Judgements (`deprecate FACT because "..." per SOURCE`): saved with the claim's values encoded
// as a fact key (fact_codec.h), loaded into the catalog.
#include "store/fact_codec.h"
#include "store/sqlite_handle.h"
#include "store/store.h"
#include "store/store_macros.h"

namespace chipgraph::store {

Status Store::saveJudgement(const schema::Judgement& judgement) {
    CG_PREPARE(insert, "INSERT INTO judgements(id, relation_id, pattern_key, match_validity, "
                       "valid_from, valid_to, reason, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    std::string key = encodeFactKey(judgement.pattern);
    insert.bind(1, judgement.id);
    insert.bind(2, judgement.pattern.relation);
    insert.bindTextStatic(3, key);
    insert.bind(4, int64_t{judgement.matchValidity});
    const Interval& valid = judgement.pattern.valid;
    if (judgement.matchValidity && valid.from != kMinDay) insert.bind(5, int64_t{valid.from});
    if (judgement.matchValidity && valid.to != kMaxDay) insert.bind(6, int64_t{valid.to});
    insert.bind(7, judgement.reason);
    insert.bind(8, judgement.source);
    return insert.run();
}

Status Store::loadJudgements(schema::Catalog& catalog) {
    CG_PREPARE(rows, "SELECT id, relation_id, pattern_key, match_validity, valid_from, valid_to, "
                     "reason, source_id FROM judgements ORDER BY id");
    for (;;) {
        Result<bool> row = rows.step();
        if (!row) return row.status();
        if (!row.value()) break;
        schema::Judgement j;
        j.id = rows.columnInt(0);
        j.pattern.relation = rows.columnInt(1);
        bool known =
            catalog.hasRelation(j.pattern.relation) && catalog.hasSource(rows.columnInt(7));
        if (known) {
            const schema::RelationInfo& relation = catalog.relation(j.pattern.relation);
            j.pattern.args.resize(relation.columns.size());
            j.pattern.qualifiers.resize(relation.qualifiers.size());
        }
        if (!known || !decodeFactValues(rows.columnBlob(2), j.pattern)) {
            rows.reset();
            return Status::error("the database is corrupt: judgement " + std::to_string(j.id) +
                                 " names a relation, a source or values that do not exist");
        }
        j.matchValidity = rows.columnInt(3) != 0;
        if (!rows.columnIsNull(4)) j.pattern.valid.from = static_cast<DayNumber>(rows.columnInt(4));
        if (!rows.columnIsNull(5)) j.pattern.valid.to = static_cast<DayNumber>(rows.columnInt(5));
        j.reason = rows.columnText(6);
        j.source = rows.columnInt(7);
        catalog.addJudgement(std::move(j));
    }
    rows.reset();
    return Status::ok();
}

} // namespace chipgraph::store
