// Bulk imports without the fact_key index (Store::suspendKeyIndex): only for a batch at least
// as large as what is stored, rebuilt afterwards with duplicates removed, and restored by a
// rollback.
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

TEST_CASE("a bulk import rebuilds the key index and drops duplicates", "[store][bulk]") {
    OneRelation db;
    constexpr int kRows = 1100; // above the bulk minimum
    {
        Transaction transaction(*db.store);
        Result<bool> bulk = db.store->suspendKeyIndex(kRows + 1);
        REQUIRE(bulk.isOk());
        REQUIRE(bulk.value());
        // Without the index nothing is recognised as a duplicate: the caller's job.
        CHECK(db.store->saveFact(db.fact(db.a)).value());
        CHECK(db.store->saveFact(db.fact(db.a)).value());
        std::vector<schema::Fact> more;
        for (int day = 0; day < kRows - 1; ++day)
            more.push_back(db.fact(db.b, day));
        REQUIRE(db.store->appendFacts(more, 0).isOk());
        REQUIRE(db.store->restoreKeyIndex().isOk());
        REQUIRE(transaction.commit().isOk());
    }
    CHECK(db.store->factCount() == kRows);
    CHECK_FALSE(db.store->saveFact(db.fact(db.a)).value()); // the index is back
    CHECK_FALSE(db.store->saveFact(db.fact(db.b, 7)).value());
    std::vector<schema::Fact> loaded;
    REQUIRE(db.store->loadFacts(db.catalog, [&](schema::Fact f) { loaded.push_back(f); }).isOk());
    REQUIRE(loaded.size() == kRows);
    CHECK(loaded[0].args[0] == Value::entity(db.a)); // the first of the duplicates stays
    CHECK(loaded[1].valid.from == 0);                // the rest in the order written
    CHECK(loaded[kRows - 1].valid.from == kRows - 2);
}

TEST_CASE("a small batch keeps the key index", "[store][bulk]") {
    OneRelation db;
    Transaction transaction(*db.store);
    CHECK_FALSE(db.store->suspendKeyIndex(0).value());
    CHECK_FALSE(db.store->suspendKeyIndex(1000).value()); // under the minimum
    std::vector<schema::Fact> stored;
    for (int day = 0; day < 2000; ++day)
        stored.push_back(db.fact(db.a, day));
    REQUIRE(db.store->appendFacts(stored, 0).isOk());
    CHECK_FALSE(db.store->suspendKeyIndex(1500).value()); // fewer than are stored
    // With the index, appendFacts ignores what is stored already.
    REQUIRE(db.store->appendFacts(stored, 1990).isOk());
    CHECK(db.store->factCount() == 2000);
}

TEST_CASE("a rolled-back bulk import leaves the key index in place", "[store][bulk][error]") {
    OneRelation db;
    {
        Transaction transaction(*db.store);
        REQUIRE(db.store->suspendKeyIndex(2000).value());
        CHECK(db.store->saveFact(db.fact(db.a)).value());
    } // no commit
    CHECK(db.store->factCount() == 0);
    REQUIRE(db.store->saveFact(db.fact(db.a)).value());
    CHECK_FALSE(db.store->saveFact(db.fact(db.a)).value());
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

// ---- bulk transactions: foreign keys off, references checked by the store ----------------

TEST_CASE("a bulk transaction turns foreign keys off until it ends", "[store][bulk]") {
    OneRelation db;
    constexpr EntityId kMissing = 999;
    bool commit = GENERATE(true, false);
    {
        Transaction bulk(*db.store, Transaction::Kind::Bulk);
        REQUIRE(bulk.status().isOk());
        // An alias is not checked by the store: only SQLite would refuse it.
        CHECK(db.store->saveAlias(kMissing, "ghost", 0).isOk());
        if (commit) REQUIRE(bulk.commit().isOk());
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
