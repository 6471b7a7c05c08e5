// Saving, deleting and loading facts (the rest of the catalog is in store.cpp / store_load.cpp).
#include "store/store.h"

#include "store/sqlite_handle.h"
#include "store/store_macros.h"

#include <unordered_map>

namespace chipgraph::store {

static const char* kNumberKinds[] = {"exact", "approx", "greater", "less", "range"};

Status Store::saveValue(int64_t factId, bool qualifier, int position, const Value& value) {
    CG_PREPARE(insert, "INSERT INTO fact_values(fact_id, is_qualifier, position, entity_id, "
                       "text_value, num_kind, num_lo, num_hi) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, factId);
    insert.bind(2, int64_t{qualifier});
    insert.bind(3, int64_t{position});
    switch (value.kind()) {
    case Value::Kind::Entity:
        insert.bind(4, value.entityId());
        break;
    case Value::Kind::Text:
        insert.bind(5, value.textValue());
        break;
    case Value::Kind::Number: {
        const Number& n = value.numberValue();
        insert.bindStatic(6, kNumberKinds[static_cast<int>(n.kind)]);
        // SQLite stores no infinities in REAL columns reliably: NULL means unbounded.
        if (!std::isinf(n.lo)) insert.bind(7, n.lo);
        if (!std::isinf(n.hi)) insert.bind(8, n.hi);
        break;
    }
    }
    return insert.run();
}

Result<bool> Store::saveFact(const schema::Fact& fact) {
    CG_PREPARE(insert, "INSERT OR IGNORE INTO facts(relation_id, valid_from, valid_to, source_id, "
                       "status, fact_key) VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, fact.relation);
    insert.bindOptional(2, fact.valid.from == kMinDay ? std::nullopt
                                                      : std::optional<int64_t>(fact.valid.from));
    insert.bindOptional(3, fact.valid.to == kMaxDay ? std::nullopt
                                                    : std::optional<int64_t>(fact.valid.to));
    insert.bindOptional(4, fact.source == kNoId ? std::nullopt : std::optional(fact.source));
    insert.bindStatic(5, schema::statusName(fact.status));
    insert.bind(6, fact.key());
    Status status = insert.run();
    if (!status) return status;
    if (db_->changes() == 0) return false;
    int64_t id = db_->lastInsertRowid();
    for (size_t i = 0; i < fact.args.size(); ++i)
        if (Status s = saveValue(id, false, static_cast<int>(i), fact.args[i]); !s) return s;
    for (size_t i = 0; i < fact.qualifiers.size(); ++i)
        if (fact.qualifiers[i])
            if (Status s = saveValue(id, true, static_cast<int>(i), *fact.qualifiers[i]); !s)
                return s;
    return true;
}

Status Store::deleteFact(const schema::Fact& fact) {
    CG_PREPARE(remove, "DELETE FROM facts WHERE fact_key = ?");
    remove.bind(1, fact.key());
    return remove.run();
}

Status Store::backupTo(const std::string& path) {
    return db_->backupTo(path);
}

int64_t Store::factCount() {
    Result<Statement*> count = db_->prepare("SELECT count(*) FROM facts");
    if (!count || !count.value()->step()) return 0;
    int64_t n = count.value()->columnInt(0);
    count.value()->reset();
    return n;
}

static Value readValue(const Statement& row, int first) {
    if (!row.columnIsNull(first)) return Value::entity(row.columnInt(first));
    if (!row.columnIsNull(first + 1)) return Value::text(row.columnText(first + 1));
    std::string kind = row.columnText(first + 2);
    double inf = std::numeric_limits<double>::infinity();
    double lo = row.columnIsNull(first + 3) ? -inf : row.columnDouble(first + 3);
    double hi = row.columnIsNull(first + 4) ? inf : row.columnDouble(first + 4);
    for (int k = 0; k < 5; ++k)
        if (kind == kNumberKinds[k]) return Value::number({static_cast<NumberKind>(k), lo, hi});
    return Value::number(Number::exact(lo));
}

Status Store::loadFacts(const schema::Catalog& catalog,
                        const std::function<void(schema::Fact)>& sink) {
    // Values are read in one ordered pass and merged with the facts by id.
    CG_PREPARE(facts, "SELECT id, relation_id, valid_from, valid_to, source_id, status "
                      "FROM facts ORDER BY id");
    CG_PREPARE(values, "SELECT fact_id, is_qualifier, position, entity_id, text_value, num_kind, "
                       "num_lo, num_hi FROM fact_values ORDER BY fact_id, is_qualifier, position");
    Result<bool> valueRow = values.step();
    if (!valueRow) return valueRow.status();
    for (;;) {
        Result<bool> row = facts.step();
        if (!row) return row.status();
        if (!row.value()) break;
        int64_t id = facts.columnInt(0);
        schema::Fact fact;
        fact.relation = facts.columnInt(1);
        const schema::RelationInfo& relation = catalog.relation(fact.relation);
        fact.args.resize(relation.columns.size());
        fact.qualifiers.resize(relation.qualifiers.size());
        if (!facts.columnIsNull(2)) fact.valid.from = static_cast<DayNumber>(facts.columnInt(2));
        if (!facts.columnIsNull(3)) fact.valid.to = static_cast<DayNumber>(facts.columnInt(3));
        if (!facts.columnIsNull(4)) fact.source = facts.columnInt(4);
        fact.status = schema::parseStatus(facts.columnText(5)).value_or(schema::FactStatus::Actual);
        while (valueRow.value() && values.columnInt(0) <= id) {
            if (values.columnInt(0) == id) {
                size_t position = static_cast<size_t>(values.columnInt(2));
                Value value = readValue(values, 3);
                if (values.columnInt(1) == 0 && position < fact.args.size())
                    fact.args[position] = value;
                else if (values.columnInt(1) == 1 && position < fact.qualifiers.size())
                    fact.qualifiers[position] = value;
            }
            valueRow = values.step();
            if (!valueRow) return valueRow.status();
        }
        sink(std::move(fact));
    }
    facts.reset();
    values.reset();
    return Status::ok();
}

} // namespace chipgraph::store
