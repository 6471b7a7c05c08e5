// A database changed by hand (or damaged) is reported, never misread: unknown relations, ids
// that do not exist, and the CHECK constraints of the schema (written with OR so that SQLite
// needs no ephemeral table per insert).
#include "store/store.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>

using namespace chipgraph;
using store::Store;

namespace {

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
};

std::string memoryUri(const std::string& name) {
    return "file:" + name + "?mode=memory&cache=shared";
}

std::unique_ptr<Store> openStore(const std::string& uri) {
    Result<std::unique_ptr<Store>> opened = Store::open(uri);
    INFO(opened.status().message());
    REQUIRE(opened.isOk());
    return std::move(opened).value();
}

// One type per entity column, a relation with a number and a text qualifier, two entities, a
// source and a fact that names them all.
void saveSample(Store& store) {
    REQUIRE(store.saveType({1, "Chip", kNoId}).isOk());
    REQUIRE(store.saveType({2, "Company", kNoId}).isOk());
    schema::RelationInfo ships;
    ships.id = 1;
    ships.name = "ships";
    ships.columns = {{"firm", schema::ColumnKind::Entity, 2},
                     {"chip", schema::ColumnKind::Entity, 1},
                     {"units", schema::ColumnKind::Number, kNoId}};
    ships.qualifiers = {{"note", schema::ColumnKind::Text, kNoId}};
    REQUIRE(store.saveRelation(ships).isOk());
    REQUIRE(store.saveEntity({1, "Acme", 2, {}}).isOk());
    REQUIRE(store.saveEntity({2, "X1", 1, {}}).isOk());
    REQUIRE(store.saveSource({1, "seed", "", "", "", std::nullopt}).isOk());
    schema::Fact fact;
    fact.relation = 1;
    fact.args = {Value::entity(1), Value::entity(2), Value::number(Number::greater(3000000))};
    fact.qualifiers = {Value::text("first")};
    fact.source = 1;
    REQUIRE(store.saveFact(fact).isOk());
}

// Damages the database with `damage`, then returns the error of loading it again.
std::string loadError(const std::string& uri, Raw& raw, const char* damage) {
    REQUIRE(raw.exec(damage) == SQLITE_OK);
    std::unique_ptr<Store> opened = openStore(uri);
    schema::Catalog catalog;
    Status loaded = opened->loadCatalog(catalog);
    catalog.readAllEntities(); // entities are read (and checked) on demand
    if (loaded) loaded = catalog.entityReadError();
    if (loaded) loaded = opened->loadFacts(catalog, [](schema::Fact) {});
    REQUIRE_FALSE(loaded.isOk());
    return loaded.message();
}

} // namespace

TEST_CASE("a stored fact of an unknown relation is reported when loading", "[store][error]") {
    std::string uri = memoryUri("cg_unknown_relation");
    Raw raw(uri);
    std::unique_ptr<Store> store = openStore(uri);
    REQUIRE(raw.exec("PRAGMA foreign_keys = OFF") == SQLITE_OK);
    REQUIRE(raw.exec("INSERT INTO facts(fact_key, id, relation_id, status) "
                     "VALUES ('k', 4, 9, 'actual')") == SQLITE_OK);
    schema::Catalog catalog;
    REQUIRE(store->loadCatalog(catalog).isOk());
    Status loaded = store->loadFacts(catalog, [](schema::Fact) {});
    REQUIRE_FALSE(loaded.isOk());
    CHECK(loaded.message() == "fact 4 has an unknown relation");
}

TEST_CASE("the checks refuse an unknown status or column kind", "[store][error]") {
    std::string uri = memoryUri("cg_checks");
    Raw raw(uri);
    std::unique_ptr<Store> store = openStore(uri);
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
TEST_CASE("a catalog naming ids that do not exist is reported as corrupt", "[store][issue14]") {
    std::string uri = memoryUri("cg_corrupt_catalog");
    Raw raw(uri);
    saveSample(*openStore(uri));
    REQUIRE(raw.exec("PRAGMA foreign_keys = OFF") == SQLITE_OK);
    CHECK(loadError(uri, raw, "UPDATE entities SET type_id = 99999 WHERE name = 'Acme'") ==
          "the database is corrupt: entity 'Acme' names type 99999, which does not exist");
    REQUIRE(raw.exec("UPDATE entities SET type_id = 2 WHERE name = 'Acme'") == SQLITE_OK);
    CHECK(loadError(uri, raw, "UPDATE relation_columns SET type_id = 77 WHERE name = 'chip'") ==
          "the database is corrupt: column 'chip' names type 77, which does not exist");
    REQUIRE(raw.exec("UPDATE relation_columns SET type_id = 1 WHERE name = 'chip'") == SQLITE_OK);
    CHECK(loadError(uri, raw, "UPDATE facts SET source_id = 55") ==
          "the database is corrupt: fact 1 names an entity or a source that does not exist");
}
