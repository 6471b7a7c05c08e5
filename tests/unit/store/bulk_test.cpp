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
    // The batch's entities count as stored: a fact naming one needs no lookup, and is saved.
    CHECK(db.store->saveFact(db.fact(entities[100]->id)).value());
}
