// Loading the catalog (types, relations, sources, rules; entities on demand: store_entities.cpp)
// from the database.
#include "store/store.h"

#include "store/sqlite_handle.h"
#include "store/store_macros.h"

#include <map>

namespace chipgraph::store {

// Runs `sql` and calls `each` per row, stopping at the first error.
template <typename F> static Status forEachRow(Statement& statement, F each) {
    for (;;) {
        Result<bool> row = statement.step();
        if (!row) return row.status();
        if (!row.value()) break;
        each(statement);
    }
    statement.reset();
    return Status::ok();
}

// The first broken reference found while loading: the database was changed by hand (or is
// damaged). Reported as the loader reports a corrupt fact, rather than thrown later.
class Corruption {
public:
    void check(bool ok, const std::string& what, int64_t id, const std::string& names) {
        if (!ok && status_)
            status_ = Status::error("the database is corrupt: " + what + " names " + names + " " +
                                    std::to_string(id) + ", which does not exist");
    }
    const Status& status() const { return status_; }

private:
    Status status_ = Status::ok();
};

// A stored key ("owner", "chip, role") as column indices; false when it names no column.
static bool resolveKey(const std::string& key, schema::RelationInfo& info) {
    size_t start = 0;
    while (start < key.size()) {
        size_t comma = key.find(", ", start);
        std::string name = key.substr(start, comma == std::string::npos ? comma : comma - start);
        start = comma == std::string::npos ? key.size() : comma + 2;
        bool found = false;
        for (size_t i = 0; i < info.columns.size() && !found; ++i)
            if (info.columns[i].name == name) {
                info.keyColumns.push_back(static_cast<int>(i));
                found = true;
            }
        if (int q = info.qualifierIndex(name); !found && q >= 0) {
            info.keyQualifiers.push_back(q);
            found = true;
        }
        if (!found) return false;
    }
    return true;
}

Status Store::loadCatalog(schema::Catalog& catalog) {
    CG_PREPARE(types, "SELECT id, name, parent_id FROM types ORDER BY id");
    CG_TRY(forEachRow(types, [&](Statement& r) {
        catalog.addType(r.columnText(1), r.columnIsNull(2) ? kNoId : r.columnInt(2),
                        r.columnInt(0));
    }));
    Corruption corruption;
    for (const schema::TypeInfo* type : catalog.types())
        corruption.check(type->parent == kNoId || catalog.hasType(type->parent),
                         "type '" + type->name + "'", type->parent, "parent type");

    std::map<RelationId, schema::RelationInfo> relations;
    CG_PREPARE(rels, "SELECT id, name, derived, timeless, per_period, key_columns FROM relations "
                     "ORDER BY id");
    std::map<RelationId, std::string> keys;
    CG_TRY(forEachRow(rels, [&](Statement& r) {
        keys[r.columnInt(0)] = r.columnText(5);
        schema::RelationInfo info;
        info.id = r.columnInt(0);
        info.name = r.columnText(1);
        info.derived = r.columnInt(2) != 0;
        info.timeless = r.columnInt(3) != 0;
        info.perPeriod = r.columnInt(4) != 0;
        relations[info.id] = info;
    }));
    CG_PREPARE(columns, "SELECT relation_id, is_qualifier, name, kind, type_id "
                        "FROM relation_columns ORDER BY relation_id, is_qualifier, position");
    CG_TRY(forEachRow(columns, [&](Statement& r) {
        schema::Column column;
        column.name = r.columnText(2);
        std::string kind = r.columnText(3);
        column.kind = kind == "text"     ? schema::ColumnKind::Text
                      : kind == "number" ? schema::ColumnKind::Number
                                         : schema::ColumnKind::Entity;
        if (!r.columnIsNull(4)) column.type = r.columnInt(4);
        auto relation = relations.find(r.columnInt(0));
        corruption.check(relation != relations.end(), "a relation column", r.columnInt(0),
                         "relation");
        corruption.check(column.type == kNoId || catalog.hasType(column.type),
                         "column '" + column.name + "'", column.type, "type");
        if (relation != relations.end())
            (r.columnInt(1) ? relation->second.qualifiers : relation->second.columns)
                .push_back(column);
    }));
    for (auto& [id, info] : relations) {
        corruption.check(resolveKey(keys[id], info), "relation '" + info.name + "'", id,
                         "a key column that is not among the columns of relation");
        catalog.addRelation(std::move(info));
    }

    CG_PREPARE(sources, "SELECT id, name, title, author, url, published FROM sources ORDER BY id");
    Status badDate = Status::ok();
    CG_TRY(forEachRow(sources, [&](Statement& r) {
        schema::SourceInfo info;
        info.id = r.columnInt(0);
        info.name = r.columnText(1);
        info.title = r.columnText(2);
        info.author = r.columnText(3);
        info.url = r.columnText(4);
        if (!r.columnIsNull(5)) {
            Result<PartialDate> date = PartialDate::parse(r.columnText(5));
            if (date)
                info.published = date.value();
            else
                badDate = Status::error("source '" + info.name + "' has a corrupt date");
        }
        catalog.addSource(std::move(info));
    }));
    // After the sources: a name's dates may name the source that introduced it.
    CG_TRY(giveEntitySource(catalog));
    CG_PREPARE(rules, "SELECT id, relation_id, text FROM rules ORDER BY id");
    CG_TRY(forEachRow(rules, [&](Statement& r) {
        corruption.check(catalog.hasRelation(r.columnInt(1)),
                         "rule " + std::to_string(r.columnInt(0)), r.columnInt(1), "relation");
        catalog.addRule({r.columnInt(0), r.columnInt(1), r.columnText(2)});
    }));
    CG_TRY(corruption.status());
    CG_TRY(loadJudgements(catalog));
    return badDate;
}

} // namespace chipgraph::store
