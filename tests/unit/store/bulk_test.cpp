// Bulk writes: facts appended in key order under ids in the order given, entities in batches,
// and bulk transactions (foreign keys off, references checked by the store).
#include "store/row_order.h"
#include "store/store.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using store::Store;
using store::Transaction;

namespace {

struct OneRelation {
    std::unique_ptr<Store> store;
    schema::Catalog catalog;
    RelationId likes = kNoId;
    EntityId a = kNoId, b = kNoId;

    OneRelation() {
        Result<std::unique_ptr<Store>> opened = Store::open(":memory:");
        REQUIRE(opened.isOk());
        store = std::move(opened).value();
        TypeId thing = catalog.addType("Thing", kNoId);
        schema::RelationInfo info;
        info.name = "likes";
        info.columns = {{"who", schema::ColumnKind::Entity, thing}};
        likes = catalog.addRelation(info);
        a = catalog.addEntity("a", thing);
        b = catalog.addEntity("b", thing);
        REQUIRE(store->saveType(catalog.type(thing)).isOk());
        REQUIRE(store->saveRelation(catalog.relation(likes)).isOk());
        REQUIRE(store->saveEntity(catalog.entity(a)).isOk());
        REQUIRE(store->saveEntity(catalog.entity(b)).isOk());
    }
    schema::Fact fact(EntityId who, DayNumber from = kMinDay) const {
        schema::Fact f;
        f.relation = likes;
        f.args = {Value::entity(who)};
        f.valid.from = from;
        return f;
    }
};

} // namespace

std::vector<schema::Fact> loadAll(const OneRelation& db) {
    std::vector<schema::Fact> loaded;
    REQUIRE(db.store->loadFacts(db.catalog, [&](schema::Fact f) { loaded.push_back(f); }).isOk());
    return loaded;
}

TEST_CASE("appended facts are written in key order and load in the order given", "[store][bulk]") {
    OneRelation db;
    constexpr int kRows = 1000;
    std::vector<schema::Fact> facts;
    for (int day = kRows; day > 0; --day) // keys in descending order
        facts.push_back(db.fact(day % 2 ? db.a : db.b, day));
    {
        Transaction transaction(*db.store, Transaction::Kind::Bulk);
        REQUIRE(db.store->appendFacts(facts, 0).isOk());
        CHECK(db.store->saveFact(db.fact(db.a)).value()); // after them
        std::vector<schema::Fact> more = {db.fact(db.b, -5), db.fact(db.a, -7)};
        REQUIRE(db.store->appendFacts(more, 0).isOk());
        REQUIRE(transaction.commit().isOk());
    }
    std::vector<schema::Fact> loaded = loadAll(db);
    REQUIRE(loaded.size() == kRows + 3);
    for (int i = 0; i < kRows; ++i)
        CHECK(loaded[i].key() == facts[i].key());
    CHECK(loaded[kRows].key() == db.fact(db.a).key());
    CHECK(loaded[kRows + 1].valid.from == -5);
    CHECK(loaded[kRows + 2].valid.from == -7);
    CHECK_FALSE(db.store->saveFact(facts[17]).value()); // the key is the table's
}

TEST_CASE("appendFacts writes a repeated fact once and reports the repeats", "[store][bulk]") {
    OneRelation db;
    std::vector<schema::Fact> facts = {db.fact(db.b, 3), db.fact(db.a, 1), db.fact(db.b, 3),
                                       db.fact(db.a, 2), db.fact(db.a, 1), db.fact(db.b, 3)};
    std::vector<bool> repeated;
    REQUIRE(db.store->appendFacts(facts, 1, &repeated).isOk()); // from the second on
    CHECK(repeated == std::vector<bool>{false, false, false, true, true});
    std::vector<schema::Fact> loaded = loadAll(db);
    REQUIRE(loaded.size() == 3);
    CHECK(loaded[0].key() == facts[1].key());
    CHECK(loaded[1].key() == facts[2].key());
    CHECK(loaded[2].key() == facts[3].key());
}

TEST_CASE("rows prepared beforehand are written as appendFacts would write them", "[store][bulk]") {
    OneRelation db;
    REQUIRE(db.store->appendFacts({db.fact(db.a, 9)}, 0).isOk()); // the next id is 2, not 1
    std::vector<schema::Fact> facts = {db.fact(db.b, 3), db.fact(db.a, 1), db.fact(db.b, 3),
                                       db.fact(db.a, 2), db.fact(db.a, 1), db.fact(db.b, 3)};
    store::PreparedRows prepared = store::prepareRows(facts, 1); // as a file bound ahead
    std::vector<bool> repeated;
    REQUIRE(db.store->appendFacts(facts, 1, &repeated, &prepared).isOk());
    CHECK(repeated == std::vector<bool>{false, false, false, true, true});
    std::vector<schema::Fact> loaded = loadAll(db);
    REQUIRE(loaded.size() == 4);
    CHECK(loaded[1].key() == facts[1].key());
    CHECK(loaded[2].key() == facts[2].key());
    CHECK(loaded[3].key() == facts[3].key());
}

TEST_CASE("appendFacts ignores facts already stored", "[store][bulk]") {
    OneRelation db;
    Transaction transaction(*db.store);
    std::vector<schema::Fact> stored;
    for (int day = 0; day < 2000; ++day)
        stored.push_back(db.fact(db.a, day));
    REQUIRE(db.store->appendFacts(stored, 0).isOk());
    REQUIRE(db.store->appendFacts(stored, 1990).isOk());
    CHECK(db.store->factCount() == 2000);
}

TEST_CASE("facts load in the order stored after deletions and a rollback", "[store][bulk]") {
    OneRelation db;
    std::vector<schema::Fact> facts;
    for (int day = 300; day > 0; --day)
        facts.push_back(db.fact(db.b, day));
    REQUIRE(db.store->appendFacts(facts, 0).isOk());
    {
        Transaction rolledBack(*db.store);
        REQUIRE(db.store->appendFacts({db.fact(db.a, 1), db.fact(db.a, 2)}, 0).isOk());
    } // no commit: the ids it took are free again
    // Most go: the ids left are far apart (the loader sorts them instead of placing them).
    std::vector<schema::Fact> kept;
    Store::LogEntry entry{0, "2026-12-07T00:00:00Z", "test", "retract", "test"};
    REQUIRE(db.store->openLogEntry(entry).isOk());
    for (size_t i = 0; i < facts.size(); ++i)
        if (i % 50 == 7)
            kept.push_back(facts[i]);
        else
            REQUIRE(db.store->retractFact(facts[i], entry.id).isOk());
    CHECK(db.store->saveFact(db.fact(db.a, 1)).value());
    kept.push_back(db.fact(db.a, 1));
    std::vector<schema::Fact> loaded = loadAll(db);
    REQUIRE(loaded.size() == kept.size());
    for (size_t i = 0; i < kept.size(); ++i)
        CHECK(loaded[i].key() == kept[i].key());
}

TEST_CASE("many entities are saved in batches and load back", "[store][bulk]") {
    OneRelation db;
    std::vector<const schema::EntityInfo*> entities;
    for (int i = 0; i < 130; ++i) // two batches of 64 and two single rows
        entities.push_back(&db.catalog.entity(
            db.catalog.addEntity("E" + std::to_string(i), db.catalog.entity(db.a).type)));
    REQUIRE(db.store->saveEntities(entities).isOk());
    schema::Catalog loaded;
    REQUIRE(db.store->loadCatalog(loaded).isOk());
    REQUIRE(loaded.findEntity("e129"));
    CHECK(loaded.findEntity("E64")->id == entities[64]->id);
    CHECK(loaded.entities().size() == 132);
    // Each row got its own folded name: one differing only in case is refused.
    for (int i : {0, 37, 100}) {
        schema::EntityInfo twin{1000 + i, "e" + std::to_string(i), entities[0]->type, {}};
        CHECK_FALSE(db.store->saveEntity(twin).isOk());
    }
    schema::EntityInfo fresh{2000, "e130", entities[0]->type, {}};
    CHECK(db.store->saveEntity(fresh).isOk());
    // The batch's entities count as stored: a fact naming one needs no lookup, and is saved.
    CHECK(db.store->saveFact(db.fact(entities[100]->id)).value());
}

// Many entities (more than are stored) in a transaction: the name index is built after them.
std::vector<const schema::EntityInfo*> manyEntities(OneRelation& db, int count) {
    std::vector<const schema::EntityInfo*> entities;
    for (int i = 0; i < count; ++i)
        entities.push_back(&db.catalog.entity(
            db.catalog.addEntity("N" + std::to_string(i), db.catalog.entity(db.a).type)));
    return entities;
}

TEST_CASE("many new entities in a transaction keep their names unique", "[store][bulk]") {
    OneRelation db;
    {
        Transaction transaction(*db.store, Transaction::Kind::Bulk);
        REQUIRE(db.store->saveEntities(manyEntities(db, 1100)).isOk());
        REQUIRE(transaction.commit().isOk());
    }
    CHECK(db.store->entityCount() == 1102);
    schema::EntityInfo twin{5000, "n17", db.catalog.entity(db.a).type, {}};
    CHECK_FALSE(db.store->saveEntity(twin).isOk()); // the index is back
}

TEST_CASE("a name used twice among many new entities fails, and the rollback keeps the index",
          "[store][bulk][error]") {
    OneRelation db;
    {
        Transaction transaction(*db.store, Transaction::Kind::Bulk);
        // Written as the catalog would never let it: "N5" and a second "n5".
        std::vector<const schema::EntityInfo*> entities = manyEntities(db, 1100);
        schema::EntityInfo twin{9000, "n5", db.catalog.entity(db.a).type, {}};
        entities.push_back(&twin);
        Status saved = db.store->saveEntities(entities);
        REQUIRE_FALSE(saved.isOk());
        CHECK(saved.message().find("UNIQUE constraint failed: entities.name_key") !=
              std::string::npos);
    } // rolled back
    CHECK(db.store->entityCount() == 2);
    schema::EntityInfo twin{9001, "A", db.catalog.entity(db.a).type, {}};
    CHECK_FALSE(db.store->saveEntity(twin).isOk());
}

// ---- bulk transactions: foreign keys off, references checked by the store ----------------

TEST_CASE("a bulk transaction turns foreign keys off until it ends", "[store][bulk]") {
    OneRelation db;
    constexpr EntityId kMissing = 999;
    bool commit = GENERATE(true, false);
    {
        Transaction bulk(*db.store, Transaction::Kind::Bulk);
        REQUIRE(bulk.status().isOk());
        // An alias is not checked as it is written: the commit checks the keys SQLite would
        // have, and refuses (the transaction then rolls back).
        CHECK(db.store->saveAlias(kMissing, "ghost", 0).isOk());
        if (commit) {
            Status refused = bulk.commit();
            REQUIRE_FALSE(refused.isOk());
            CHECK(refused.message() ==
                  "database error: a row of 'aliases' names a row that is not stored");
        }
    }
    Transaction normal(*db.store);
    Status refused = db.store->saveAlias(kMissing, "phantom", 0);
    REQUIRE_FALSE(refused.isOk());
    CHECK(refused.message() == "database error: FOREIGN KEY constraint failed");
}

TEST_CASE("a bulk transaction refuses facts and entities naming rows that are not stored",
          "[store][bulk][error]") {
    OneRelation db;
    Transaction bulk(*db.store, Transaction::Kind::Bulk);
    schema::Fact unknownSource = db.fact(db.a);
    unknownSource.source = 42;
    Status s = db.store->appendFacts({db.fact(db.b), unknownSource}, 0);
    REQUIRE_FALSE(s.isOk());
    CHECK(s.message() == "database error: source 42 is not stored");
    schema::Fact unknownRelation = db.fact(db.a);
    unknownRelation.relation = 7;
    s = db.store->appendFacts({unknownRelation}, 0);
    REQUIRE_FALSE(s.isOk());
    CHECK(s.message() == "database error: relation 7 is not stored");
    Result<bool> saved = db.store->saveFact(unknownRelation);
    REQUIRE_FALSE(saved.isOk());
    CHECK(saved.status().message() == "database error: relation 7 is not stored");
    schema::EntityInfo ghost{50, "ghost", 13, {}};
    s = db.store->saveEntities({&ghost});
    REQUIRE_FALSE(s.isOk());
    CHECK(s.message() == "database error: type 13 is not stored");
    // The stored ones pass, the same id twice included (checked once).
    CHECK(db.store->appendFacts({db.fact(db.a, 1), db.fact(db.b, 2)}, 0).isOk());
}
