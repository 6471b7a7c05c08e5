// Upgrading databases written by earlier schema versions (2 to 6, to 7), and the constraints
// of the current one (written with OR so that SQLite needs no ephemeral table per insert).
#include "store/fact_codec.h"
#include "store/schema_sql.h"
#include "store/store.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>
#include <vector>

using namespace chipgraph;
using store::Store;

namespace {

// The version 2 DDL as chipgraph 2 created it (before fact_values became WITHOUT ROWID).
const char* const kV2Schema = R"SQL(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE types (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    name_key  TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES types(id)
);
CREATE TABLE relations (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    derived  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE rules (
    id          INTEGER PRIMARY KEY,
    relation_id INTEGER NOT NULL REFERENCES relations(id),
    text        TEXT NOT NULL UNIQUE
);
CREATE TABLE relation_columns (
    relation_id  INTEGER NOT NULL REFERENCES relations(id),
    is_qualifier INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('entity', 'text', 'number')),
    type_id      INTEGER REFERENCES types(id),
    PRIMARY KEY (relation_id, is_qualifier, position)
);
CREATE TABLE entities (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    type_id  INTEGER NOT NULL REFERENCES types(id)
);
CREATE INDEX entities_type ON entities(type_id);
CREATE TABLE aliases (
    alias_key TEXT PRIMARY KEY,
    alias     TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    position  INTEGER NOT NULL
);
CREATE INDEX aliases_entity ON aliases(entity_id);
CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    author        TEXT NOT NULL,
    url           TEXT NOT NULL,
    published     TEXT,
    published_day INTEGER
);
CREATE TABLE facts (
    id          INTEGER PRIMARY KEY,
    relation_id INTEGER NOT NULL REFERENCES relations(id),
    valid_from  INTEGER,
    valid_to    INTEGER,
    source_id   INTEGER REFERENCES sources(id),
    status      TEXT NOT NULL CHECK (status IN
                  ('actual', 'reported', 'expected', 'forecast', 'rumored', 'view')),
    fact_key    TEXT NOT NULL UNIQUE
);
CREATE INDEX facts_relation ON facts(relation_id, valid_from, valid_to);
CREATE INDEX facts_source ON facts(source_id);
CREATE TABLE fact_values (
    fact_id      INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    is_qualifier INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    entity_id    INTEGER REFERENCES entities(id),
    text_value   TEXT,
    num_kind     TEXT CHECK (num_kind IN ('exact', 'approx', 'greater', 'less', 'range')),
    num_lo       REAL,
    num_hi       REAL,
    PRIMARY KEY (fact_id, is_qualifier, position)
);
CREATE INDEX fact_values_entity ON fact_values(entity_id, position) WHERE entity_id IS NOT NULL;
)SQL";

const bool kUriFilenames = sqlite3_config(SQLITE_CONFIG_URI, 1) == SQLITE_OK;

struct Raw {
    sqlite3* db = nullptr;
    explicit Raw(const std::string& uri) {
        REQUIRE(kUriFilenames);
        REQUIRE(sqlite3_open_v2(uri.c_str(), &db,
                                SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI,
                                nullptr) == SQLITE_OK);
    }
    ~Raw() { sqlite3_close(db); }
    int exec(const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }
    std::string text(const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
        std::string out;
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return out;
    }
};

std::string memoryUri(const std::string& name) {
    return "file:" + name + "?mode=memory&cache=shared";
}

// A version 2 database with one type, relation, two entities, a source and two facts (one
// with a number value and a qualifier).
void writeV2(Raw& raw) {
    REQUIRE(raw.exec(kV2Schema) == SQLITE_OK);
    REQUIRE(raw.exec(R"SQL(
INSERT INTO meta VALUES ('schema_version', '2');
INSERT INTO types VALUES (1, 'Chip', 'chip', NULL), (2, 'Company', 'company', NULL);
INSERT INTO relations VALUES (1, 'ships', 'ships', 0);
INSERT INTO relation_columns VALUES (1, 0, 0, 'firm', 'entity', 2), (1, 0, 1, 'chip', 'entity', 1),
    (1, 0, 2, 'units', 'number', NULL), (1, 1, 0, 'note', 'text', NULL);
INSERT INTO entities VALUES (1, 'Acme', 'acme', 2), (2, 'X1', 'x1', 1);
INSERT INTO sources VALUES (1, 'seed', 'seed', '', '', '', NULL, NULL);
INSERT INTO facts VALUES (1, 1, 20000, 20365, 1, 'actual', 'k1'),
    (2, 1, NULL, NULL, NULL, 'expected', 'k2');
INSERT INTO fact_values VALUES (1, 0, 0, 1, NULL, NULL, NULL, NULL),
    (1, 0, 1, 2, NULL, NULL, NULL, NULL), (1, 0, 2, NULL, NULL, 'greater', 3000000, NULL),
    (1, 1, 0, NULL, 'first', NULL, NULL, NULL), (2, 0, 0, 1, NULL, NULL, NULL, NULL),
    (2, 0, 1, 2, NULL, NULL, NULL, NULL), (2, 0, 2, NULL, NULL, 'exact', 5, 5);
)SQL") == SQLITE_OK);
}

// Turns the version 2 database of writeV2 into a version 3 one (what chipgraph 3 did on open).
void upgradeToV3(Raw& raw) {
    REQUIRE(raw.exec("PRAGMA foreign_keys = OFF") == SQLITE_OK);
    REQUIRE(raw.exec(store::kMigrateV2ToV3Sql) == SQLITE_OK);
    REQUIRE(raw.text("SELECT value FROM meta WHERE key = 'schema_version'") == "3");
}

// The catalog tables of versions 4 to 7: the current ones without what version 8 added to
// `relations` (timeless, per_period).
std::string oldCatalogSql() {
    std::string sql = store::kCatalogSchemaSql;
    std::string added = "derived  INTEGER NOT NULL DEFAULT 0,";
    size_t from = sql.find(added);
    REQUIRE(from != std::string::npos);
    size_t to = sql.find(");", from);
    return sql.substr(0, from) + "derived  INTEGER NOT NULL DEFAULT 0\n" + sql.substr(to);
}

// The entities and facts tables of versions 4 to 6 (names unique by a column constraint; facts
// a rowid table with a UNIQUE index on the key, a BLOB key in 4 and 5), as they created them.
std::string oldTablesSql(const std::string& keyType) {
    return R"SQL(
CREATE TABLE entities (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    type_id  INTEGER NOT NULL REFERENCES types(id)
);
CREATE TABLE facts (
    id          INTEGER PRIMARY KEY,
    relation_id INTEGER NOT NULL REFERENCES relations(id),
    valid_from  INTEGER,
    valid_to    INTEGER,
    source_id   INTEGER REFERENCES sources(id),
    status      TEXT NOT NULL CHECK (status = 'actual' OR status = 'reported' OR
                  status = 'expected' OR status = 'forecast' OR status = 'rumored' OR
                  status = 'view'),
    fact_key    )SQL" +
           keyType +
           R"SQL( NOT NULL
);
CREATE UNIQUE INDEX facts_key ON facts(fact_key);
)SQL";
}

// The two facts of writeV2, as an upgrade must read them back.
std::vector<schema::Fact> writtenFacts() {
    schema::Fact first;
    first.relation = 1;
    first.args = {Value::entity(1), Value::entity(2), Value::number(Number::greater(3000000))};
    first.qualifiers = {Value::text("first")};
    first.valid = {20000, 20365};
    first.source = 1;
    schema::Fact second;
    second.relation = 1;
    second.args = {Value::entity(1), Value::entity(2), Value::number(Number::exact(5))};
    second.qualifiers = {std::nullopt};
    second.status = schema::FactStatus::Expected;
    return {first, second};
}

// A version 4, 5 or 6 database with the rows of writeV2: the current catalog tables but
// entities (4 also had entities_type) and the entities and facts tables of its version, its keys
// encoded as that version did (4 and 5: a binary key, where the values are since version 4; 6: a
// text key).
void writeV4To6(Raw& raw, const std::string& version) {
    std::string ddl = oldCatalogSql() + oldTablesSql(version == "6" ? "TEXT" : "BLOB");
    REQUIRE(raw.exec(ddl.c_str()) == SQLITE_OK);
    if (version == "4") REQUIRE(raw.exec("CREATE INDEX entities_type ON entities(type_id)") == 0);
    std::vector<std::string> keys = {
        "x'01020104050000000060E34641000000000000F07F0205666972737402C0B8029ABE020200'",
        "x'0102010403000000000000144000000000000014400002FFFFFFFF0FFEFFFFFF0F0002'"};
    if (version == "6") // text keys, the relation in the trailer
        keys = {"CAST(x'0203020506C28C8D870680E1030306666972737403C1B8029BBE020301' AS TEXT)",
                "CAST(x'0203020504C128C12801038080808010FFFFFFFF0F0103' AS TEXT)"};
    std::string rows = "INSERT INTO meta VALUES ('schema_version', '" + version + "');" + R"SQL(
INSERT INTO types VALUES (1, 'Chip', 'chip', NULL), (2, 'Company', 'company', NULL);
INSERT INTO relations VALUES (1, 'ships', 'ships', 0);
INSERT INTO relation_columns VALUES (1, 0, 0, 'firm', 'entity', 2), (1, 0, 1, 'chip', 'entity', 1),
    (1, 0, 2, 'units', 'number', NULL), (1, 1, 0, 'note', 'text', NULL);
INSERT INTO entities VALUES (1, 'Acme', 'acme', 2), (2, 'X1', 'x1', 1);
INSERT INTO sources VALUES (1, 'seed', 'seed', '', '', '', NULL, NULL);
)SQL" + "INSERT INTO facts VALUES (1, 1, 20000, 20365, 1, 'actual', " +
                       keys[0] + "), (2, 1, NULL, NULL, NULL, 'expected', " + keys[1] + ");";
    REQUIRE(raw.exec(rows.c_str()) == SQLITE_OK);
}

std::vector<schema::Fact> loadAll(Store& store, schema::Catalog& catalog) {
    REQUIRE(store.loadCatalog(catalog).isOk());
    std::vector<schema::Fact> facts;
    REQUIRE(
        store.loadFacts(catalog, [&](schema::Fact f) { facts.push_back(std::move(f)); }).isOk());
    return facts;
}

// What an upgraded database must hold: the current layout and the two facts of writeV2.
void checkUpgraded(Raw& raw, Store& store) {
    CHECK(raw.text("SELECT value FROM meta WHERE key = 'schema_version'") ==
          std::to_string(store::kSchemaVersion));
    CHECK(raw.text("SELECT group_concat(name) FROM sqlite_master WHERE type = 'index' AND "
                   "tbl_name = 'entities'") == "entities_name"); // name_key only
    CHECK(raw.text("SELECT count(*) FROM sqlite_master WHERE name = 'fact_values'") == "0");
    CHECK(raw.text("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                   "tbl_name = 'facts'") == "0"); // the table is keyed by fact_key
    std::string factsSql = raw.text("SELECT sql FROM sqlite_master WHERE name = 'facts'");
    CHECK(factsSql.find("fact_key    TEXT PRIMARY KEY") != std::string::npos);
    CHECK(factsSql.find("WITHOUT ROWID") != std::string::npos);
    CHECK(raw.text("SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v3' OR name LIKE "
                   "'%_new'") == "0");
    CHECK(raw.text("SELECT group_concat(DISTINCT typeof(fact_key)) FROM facts") == "text");
    CHECK(raw.text("SELECT group_concat(id) FROM (SELECT id FROM facts ORDER BY id)") ==
          "1,2"); // ids kept

    schema::Catalog catalog;
    std::vector<schema::Fact> facts = loadAll(store, catalog);
    REQUIRE(facts.size() == 2);
    CHECK(facts[0].args[0] == Value::entity(1));
    CHECK(facts[0].args[1] == Value::entity(2));
    CHECK(facts[0].args[2] == Value::number(Number::greater(3000000)));
    CHECK(facts[0].qualifiers[0] == Value::text("first"));
    CHECK(facts[0].source == 1);
    CHECK(facts[0].valid.from == 20000);
    CHECK(facts[0].valid.to == 20365);
    CHECK(facts[1].status == schema::FactStatus::Expected);
    CHECK(facts[1].args[2] == Value::number(Number::exact(5)));
    CHECK_FALSE(facts[1].qualifiers[0].has_value());
    CHECK(facts[1].valid.isAlways());
    for (size_t i = 0; i < facts.size(); ++i)
        CHECK(facts[i].key() == writtenFacts()[i].key());

    // The migrated keys are the keys saveFact writes: saving again adds nothing, and a fact
    // can be retracted by its key.
    for (const schema::Fact& f : facts) {
        Result<bool> added = store.saveFact(f);
        REQUIRE(added.isOk());
        CHECK_FALSE(added.value());
    }
    Store::LogEntry entry{0, "2026-12-07T00:00:00Z", "test", "retract", "test"};
    REQUIRE(store.openLogEntry(entry).isOk());
    REQUIRE(store.retractFact(facts[0], entry.id).isOk());
    CHECK(store.factCount() == 1);
}

// Opens the older database at `uri` (which upgrades it) and checks the result.
void openUpgraded(Raw& raw, const std::string& uri) {
    Result<std::unique_ptr<Store>> opened = Store::open(uri);
    INFO(opened.status().message());
    REQUIRE(opened.isOk());
    checkUpgraded(raw, *opened.value());
}

} // namespace

TEST_CASE("a version 2 database is upgraded to the current version on open", "[store][migration]") {
    std::string uri = memoryUri("cg_migrate_v2");
    Raw raw(uri);
    writeV2(raw);
    openUpgraded(raw, uri);
}

TEST_CASE("a version 3 database is upgraded to the current version on open", "[store][migration]") {
    std::string uri = memoryUri("cg_migrate_v3");
    Raw raw(uri);
    writeV2(raw);
    upgradeToV3(raw);
    openUpgraded(raw, uri);
}

TEST_CASE("a version 5 database is upgraded to the current version on open", "[store][migration]") {
    std::string uri = memoryUri("cg_migrate_v5");
    Raw raw(uri);
    writeV4To6(raw, "5");
    openUpgraded(raw, uri);
    CHECK(raw.text("SELECT count(*) FROM entities") == "2");
}

TEST_CASE("a version 6 database is upgraded to the current version on open", "[store][migration]") {
    std::string uri = memoryUri("cg_migrate_v6");
    Raw raw(uri);
    writeV4To6(raw, "6");
    openUpgraded(raw, uri);
}

// Version 4 was version 5 with an index of entities by type.
TEST_CASE("a version 4 database is upgraded to the current version on open", "[store][migration]") {
    std::string uri = memoryUri("cg_migrate_v4");
    Raw raw(uri);
    writeV4To6(raw, "4");
    openUpgraded(raw, uri);
}

// Version 7 had the current facts and entities; version 8 marks relations timeless or per period.
TEST_CASE("a version 7 database is upgraded to the current version on open", "[store][migration]") {
    std::string uri = memoryUri("cg_migrate_v7");
    Raw raw(uri);
    std::string ddl = oldCatalogSql() + store::createEntitiesTableSql("entities") +
                      store::kCreateEntityNameIndexSql + store::createFactsTableSql("facts");
    REQUIRE(raw.exec(ddl.c_str()) == SQLITE_OK);
    REQUIRE(raw.exec("INSERT INTO meta VALUES ('schema_version', '7');"
                     "INSERT INTO types VALUES (1, 'Chip', 'chip', NULL);"
                     "INSERT INTO relations VALUES (1, 'lineage', 'lineage', 0);") == SQLITE_OK);
    Result<std::unique_ptr<Store>> opened = Store::open(uri);
    REQUIRE(opened.isOk());
    CHECK(raw.text("SELECT value FROM meta WHERE key = 'schema_version'") ==
          std::to_string(store::kSchemaVersion));
    CHECK(raw.text("SELECT timeless || per_period FROM relations") == "00");
    // Its stored rules name entities bare: they are bound as written (bind::NameMode).
    Result<bool> quoted = opened.value()->rulesQuoteEntities();
    REQUIRE(quoted.isOk());
    CHECK_FALSE(quoted.value());
}

TEST_CASE("a version 5 database with a corrupt key is left as it was", "[store][migration]") {
    std::string uri = memoryUri("cg_migrate_v5_corrupt");
    Raw raw(uri);
    writeV4To6(raw, "5");
    REQUIRE(raw.exec("INSERT INTO facts VALUES (3, 1, NULL, NULL, NULL, 'actual', x'0102')") ==
            SQLITE_OK);
    Result<std::unique_ptr<Store>> opened = Store::open(uri);
    REQUIRE_FALSE(opened.isOk());
    CHECK(opened.status().message().find("fact 3 has a corrupt fact_key") != std::string::npos);
    CHECK(raw.text("SELECT value FROM meta WHERE key = 'schema_version'") == "5");
    CHECK(raw.text("SELECT group_concat(DISTINCT typeof(fact_key)) FROM facts") == "blob");
}

TEST_CASE("an upgraded database opens again without another upgrade", "[store][migration]") {
    std::string uri = memoryUri("cg_migrate_twice");
    Raw raw(uri);
    writeV2(raw);
    {
        Result<std::unique_ptr<Store>> first = Store::open(uri);
        REQUIRE(first.isOk());
        schema::Fact fact;
        fact.relation = 1;
        fact.args = {Value::entity(2), Value::entity(1), Value::number(Number::exact(7))};
        fact.qualifiers = {Value::text("later")};
        REQUIRE(first.value()->saveFact(fact).isOk());
    }
    std::string tableSql = raw.text("SELECT sql FROM sqlite_master WHERE name = 'facts'");
    Result<std::unique_ptr<Store>> again = Store::open(uri);
    INFO(again.status().message());
    REQUIRE(again.isOk());
    CHECK(raw.text("SELECT sql FROM sqlite_master WHERE name = 'facts'") == tableSql);
    CHECK(raw.text("SELECT group_concat(id) FROM (SELECT id FROM facts ORDER BY id)") == "1,2,3");
    schema::Catalog catalog;
    std::vector<schema::Fact> facts = loadAll(*again.value(), catalog);
    REQUIRE(facts.size() == 3);
    CHECK(facts[2].qualifiers[0] == Value::text("later"));
}

TEST_CASE("a failing upgrade leaves the version 3 database as it was", "[store][migration]") {
    std::string uri = memoryUri("cg_migrate_fails");
    Raw raw(uri);
    writeV2(raw);
    upgradeToV3(raw);
    // A fact of a relation that does not exist cannot be encoded.
    REQUIRE(raw.exec("INSERT INTO facts VALUES (3, 9, NULL, NULL, NULL, 'actual', 'k3')") ==
            SQLITE_OK);
    Result<std::unique_ptr<Store>> opened = Store::open(uri);
    REQUIRE_FALSE(opened.isOk());
    CHECK(opened.status().message().find("cannot upgrade the database from schema version 3") !=
          std::string::npos);
    CHECK(raw.text("SELECT value FROM meta WHERE key = 'schema_version'") == "3");
    CHECK(raw.text("SELECT count(*) FROM fact_values") == "7");
    CHECK(raw.text("SELECT count(*) FROM sqlite_master WHERE name = 'facts_new'") == "0");
}

TEST_CASE("a stored fact of an unknown relation is reported when loading", "[store][error]") {
    std::string uri = memoryUri("cg_unknown_relation");
    Raw raw(uri);
    auto store = Store::open(uri);
    REQUIRE(store.isOk());
    REQUIRE(raw.exec("PRAGMA foreign_keys = OFF") == SQLITE_OK);
    REQUIRE(raw.exec("INSERT INTO facts(fact_key, id, relation_id, status) "
                     "VALUES ('k', 4, 9, 'actual')") == SQLITE_OK);
    schema::Catalog catalog;
    REQUIRE(store.value()->loadCatalog(catalog).isOk());
    Status loaded = store.value()->loadFacts(catalog, [](schema::Fact) {});
    REQUIRE_FALSE(loaded.isOk());
    CHECK(loaded.message() == "fact 4 has an unknown relation");
}

TEST_CASE("the checks still refuse an unknown status or column kind", "[store][error]") {
    std::string uri = memoryUri("cg_checks_v4");
    Raw raw(uri);
    auto store = Store::open(uri);
    REQUIRE(store.isOk());
    REQUIRE(raw.exec("PRAGMA foreign_keys = OFF") == SQLITE_OK);
    CHECK(raw.exec("INSERT INTO facts(id, relation_id, status, fact_key) VALUES (1, 1, 'actual', "
                   "x'01')") == SQLITE_OK);
    CHECK(
        raw.exec(
            "INSERT INTO facts(id, relation_id, status, fact_key) VALUES (1, 1, 'maybe', x'02')") ==
        SQLITE_CONSTRAINT);
    CHECK(
        raw.exec(
            "INSERT INTO facts(id, relation_id, status, fact_key) VALUES (1, 1, 'view', x'01')") ==
        SQLITE_CONSTRAINT); // the key is unique
    CHECK(raw.exec("INSERT INTO relation_columns VALUES (1, 0, 0, 'x', 'blob', NULL)") ==
          SQLITE_CONSTRAINT);
}

// Issue 14, item 3: a database changed by hand to name ids that do not exist threw
// std::out_of_range out of the catalog; it is reported as corrupt when loaded.
namespace {

std::string loadError(const std::string& uri, Raw& raw, const char* damage) {
    REQUIRE(raw.exec(damage) == SQLITE_OK);
    Result<std::unique_ptr<Store>> opened = Store::open(uri);
    REQUIRE(opened.isOk());
    schema::Catalog catalog;
    Status loaded = opened.value()->loadCatalog(catalog);
    if (loaded) loaded = opened.value()->loadFacts(catalog, [](schema::Fact) {});
    REQUIRE_FALSE(loaded.isOk());
    return loaded.message();
}

} // namespace

TEST_CASE("a catalog naming ids that do not exist is reported as corrupt", "[store][issue14]") {
    std::string uri = memoryUri("cg_corrupt_catalog");
    Raw raw(uri);
    writeV2(raw);
    openUpgraded(raw, uri);
    CHECK(loadError(uri, raw, "UPDATE entities SET type_id = 99999 WHERE name = 'Acme'") ==
          "the database is corrupt: entity 'Acme' names type 99999, which does not exist");
    REQUIRE(raw.exec("UPDATE entities SET type_id = 2 WHERE name = 'Acme'") == SQLITE_OK);
    CHECK(loadError(uri, raw, "UPDATE relation_columns SET type_id = 77 WHERE name = 'chip'") ==
          "the database is corrupt: column 'chip' names type 77, which does not exist");
    REQUIRE(raw.exec("UPDATE relation_columns SET type_id = 1 WHERE name = 'chip'") == SQLITE_OK);
    CHECK(loadError(uri, raw, "UPDATE facts SET source_id = 55") ==
          "the database is corrupt: fact 2 names an entity or a source that does not exist");
}
