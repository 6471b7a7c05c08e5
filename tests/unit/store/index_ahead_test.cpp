// An import bound ahead makes its relation's index entries on its thread (store/index_entries.h):
// the commit writes those, and lookups find what an index made at the commit finds.
#include "store/row_order.h"
#include "store/store.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using store::Store;
using store::Transaction;

namespace {

struct Pairs {
    std::unique_ptr<Store> store;
    schema::Catalog catalog;
    RelationId link = kNoId;
    std::vector<EntityId> things;

    Pairs() {
        Result<std::unique_ptr<Store>> opened = Store::open(":memory:");
        REQUIRE(opened.isOk());
        store = std::move(opened).value();
        TypeId thing = catalog.addType("Thing", kNoId);
        REQUIRE(store->saveType(catalog.type(thing)).isOk());
        schema::RelationInfo info;
        info.name = "link";
        info.columns = {{"src", schema::ColumnKind::Entity, thing},
                        {"dst", schema::ColumnKind::Entity, thing}};
        link = catalog.addRelation(info);
        REQUIRE(store->saveRelation(catalog.relation(link)).isOk());
        for (int i = 0; i < 500; ++i) {
            things.push_back(catalog.addEntity("t" + std::to_string(i), thing));
            REQUIRE(store->saveEntity(catalog.entity(things.back())).isOk());
        }
    }
    // More facts than an index needs (Store::kMinIndexedFacts), some repeated.
    std::vector<schema::Fact> facts() const {
        std::vector<schema::Fact> out;
        for (size_t i = 0; i < 6000; ++i) {
            schema::Fact f;
            f.relation = link;
            f.args = {Value::entity(things[i % 500]),
                      Value::entity(things[(i * 13 + i / 500) % 500])};
            out.push_back(f);
        }
        for (size_t i = 0; i < 100; ++i)
            out.push_back(out[i * 7]);
        return out;
    }
    // The facts whose `dst` is things[n], as the index finds them.
    std::vector<std::string> linksTo(size_t n) const {
        std::vector<schema::Fact> found;
        REQUIRE(store->lookupFacts(catalog, link, 1, Value::entity(things[n]), found).isOk());
        std::vector<std::string> keys;
        for (const schema::Fact& f : found)
            keys.push_back(f.key());
        return keys;
    }
};

} // namespace

TEST_CASE("index entries made ahead are those the commit would make", "[store][bulk]") {
    Pairs ahead, atCommit;
    std::vector<schema::Fact> facts = ahead.facts();
    std::vector<int> positions = {1};
    store::PreparedRows prepared = store::prepareRows(facts, 0);
    store::prepareIndexes(prepared, positions);
    REQUIRE(prepared.indexKeys);
    REQUIRE(prepared.indexKeys->ahead.size() == 1);
    CHECK(prepared.indexKeys->ahead[0].worthIt);
    for (Pairs* db : {&ahead, &atCommit}) {
        Transaction transaction(*db->store, Transaction::Kind::Bulk);
        REQUIRE(
            db->store->appendFacts(facts, 0, nullptr, db == &ahead ? &prepared : nullptr).isOk());
        REQUIRE(transaction.commit().isOk());
    }
    for (Pairs* db : {&ahead, &atCommit}) {
        Result<Store::IndexedRelation> indexed = db->store->indexedRelation(db->link);
        REQUIRE(indexed.isOk());
        CHECK(indexed.value().positions == std::vector<int>{0, 1});
    }
    for (size_t n : {0u, 13u, 260u, 499u}) {
        std::vector<std::string> found = ahead.linksTo(n);
        CHECK_FALSE(found.empty());
        CHECK(found == atCommit.linksTo(n));
    }
}
