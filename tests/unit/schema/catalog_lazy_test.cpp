// Entities read on demand (schema/catalog_lazy.cpp), from a source that counts its reads.
#include "common/text.h"
#include "schema/catalog.h"

#include <catch2/catch.hpp>

#include <map>

using namespace chipgraph;
using schema::Catalog;
using schema::EntityInfo;

namespace {

class FakeSource : public schema::EntitySource {
public:
    std::map<EntityId, EntityInfo> stored;
    int reads = 0, scans = 0;
    bool failing = false;

    void add(EntityId id, std::string name, TypeId type, std::vector<std::string> aliases = {}) {
        EntityInfo info{id, std::move(name), type, std::move(aliases), {}, {}};
        info.aliasTerms.resize(info.aliases.size());
        stored[id] = info;
    }
    Result<bool> entityNamed(std::string_view name, EntityInfo& out) override {
        ++reads;
        if (failing) return Status::error("disk I/O error");
        for (const auto& [id, info] : stored) {
            bool named = text::foldCase(info.name) == text::foldCase(name);
            for (const std::string& alias : info.aliases)
                named = named || text::foldCase(alias) == text::foldCase(name);
            if (named) return out = info, true;
        }
        return false;
    }
    Result<bool> entityWithId(EntityId id, EntityInfo& out) override {
        ++reads;
        if (failing) return Status::error("disk I/O error");
        auto it = stored.find(id);
        if (it == stored.end()) return false;
        out = it->second;
        return true;
    }
    Status allEntities(const std::function<void(EntityInfo&&)>& each) override {
        ++scans;
        for (const auto& [id, info] : stored)
            each(EntityInfo(info));
        return Status::ok();
    }
    Status allEntityIds(std::vector<EntityId>& out) override {
        ++scans;
        for (const auto& [id, info] : stored)
            out.push_back(id);
        return Status::ok();
    }
};

// A catalog with types `company` (1) and its subtype `foundry` (2), and a source of three
// entities (ids 1, 2 and 4: 3 is a gap).
struct Fixture {
    std::shared_ptr<FakeSource> source = std::make_shared<FakeSource>();
    Catalog catalog;
    Fixture() {
        catalog.addType("company", kNoId, 1);
        catalog.addType("foundry", 1, 2);
        source->add(1, "Acme", 1, {"ACME Corp"});
        source->add(2, "TSMC", 2);
        source->add(4, "Intel", 2, {"Intel Corp"});
        catalog.setEntitySource(source, 5);
    }
};

// A catalog of type `thing` (1) and a source of 2,000 things, ids 1..2000: more than the
// catalog reads one at a time (1,024).
struct ManyThings {
    std::shared_ptr<FakeSource> source = std::make_shared<FakeSource>();
    Catalog catalog;
    ManyThings() {
        catalog.addType("thing", kNoId, 1);
        for (EntityId id = 1; id <= 2000; ++id)
            source->add(id, "thing-" + std::to_string(id), 1);
        catalog.setEntitySource(source, 2001);
    }
};

} // namespace

TEST_CASE("a lazy catalog reads an entity by name, alias or id once", "[schema][lazy]") {
    Fixture f;
    uint64_t generation = f.catalog.generation();
    const EntityInfo* acme = f.catalog.findEntity("acme corp"); // an alias, case-folded
    REQUIRE(acme != nullptr);
    CHECK(acme->name == "Acme");
    CHECK(acme->aliases == std::vector<std::string>{"ACME Corp"});
    CHECK(f.source->reads == 1);
    CHECK(f.catalog.findEntity("ACME") == acme); // its name, held now
    CHECK(f.catalog.entity(1).name == "Acme");
    CHECK(f.source->reads == 1);
    CHECK(f.catalog.entity(4).name == "Intel"); // by id
    CHECK(f.catalog.findEntity("intel corp") == &f.catalog.entity(4));
    CHECK(f.source->reads == 2);
    CHECK(f.catalog.generation() == generation); // reading is not a change
    CHECK_FALSE(f.catalog.holdsAllEntities());
}

TEST_CASE("a lazy catalog asks about an unknown name once, and never past its ids",
          "[schema][lazy]") {
    Fixture f;
    CHECK(f.catalog.findEntity("Nvidia") == nullptr);
    CHECK(f.catalog.findEntity("NVIDIA") == nullptr);
    CHECK(f.source->reads == 1);
    CHECK_FALSE(f.catalog.hasEntity(3)); // a gap: asked
    CHECK_FALSE(f.catalog.hasEntity(5)); // past the stored ids: not asked
    CHECK(f.catalog.hasEntity(2));
    CHECK(f.source->reads == 3);
}

TEST_CASE("a lazy catalog's new entities take ids after the stored ones", "[schema][lazy]") {
    Fixture f;
    CHECK(f.catalog.addEntity("Samsung", 2) == 5);
    CHECK(f.catalog.findEntity("samsung")->id == 5);
    CHECK(f.source->reads == 0);
}

TEST_CASE("a rollback keeps what was read and undoes what was added", "[schema][lazy]") {
    Fixture f;
    f.catalog.beginChanges();
    EntityId samsung = f.catalog.addEntity("Samsung", 2);
    f.catalog.addAlias(2, "Taiwan Semi"); // TSMC is read first
    CHECK(f.catalog.findEntity("taiwan semi")->id == 2);
    CHECK(f.catalog.findEntity("Intel")->id == 4); // read while changes are pending
    f.catalog.rollbackChanges();
    CHECK(f.catalog.findEntity("Samsung") == nullptr);
    CHECK_FALSE(f.catalog.hasEntity(samsung));
    CHECK(f.catalog.findEntity("taiwan semi") == nullptr);
    CHECK(f.catalog.entity(2).aliases.empty());
    int reads = f.source->reads;
    CHECK(f.catalog.findEntity("Intel")->id == 4); // still held
    CHECK(f.catalog.findEntity("TSMC")->id == 2);
    CHECK(f.source->reads == reads);
    CHECK(f.catalog.addEntity("Samsung", 2) == samsung); // the same id again
}

TEST_CASE("the methods that need every entity read them all once", "[schema][lazy]") {
    Fixture f;
    (void)f.catalog.findEntity("TSMC");
    f.catalog.addEntity("Samsung", 2);
    CHECK(f.catalog.entitiesOfType(2) == std::vector<EntityId>{4, 5, 2}); // by name
    CHECK(f.source->scans == 1);
    CHECK(f.catalog.holdsAllEntities());
    CHECK(f.catalog.entityNamesAndAliases() ==
          std::vector<std::string>{"ACME Corp", "Acme", "Intel", "Intel Corp", "Samsung", "TSMC"});
    CHECK(f.catalog.entities().size() == 4);
    CHECK(f.catalog.findEntity("nobody") == nullptr);
    CHECK(f.source->scans == 1);
    CHECK(f.source->reads == 1); // TSMC's, before
}

TEST_CASE("a lazy catalog reads them all after many single reads", "[schema][lazy]") {
    ManyThings f;
    auto& [source, catalog] = f;
    for (EntityId id = 1; id <= 1100; ++id)
        REQUIRE(catalog.entity(id).name == "thing-" + std::to_string(id));
    CHECK(source->reads == 1024); // then one scan
    CHECK(source->scans == 1);
    CHECK(catalog.holdsAllEntities());
    CHECK(catalog.findEntity("THING-2000")->id == 2000);
}

TEST_CASE("a caller about to read many entities has them read in one scan", "[schema][lazy]") {
    ManyThings f;
    auto& [source, catalog] = f;
    catalog.expectEntityReads(10); // a few: read one at a time, when asked for
    CHECK(source->scans == 0);
    CHECK(catalog.entity(7).name == "thing-7");
    catalog.expectEntityReads(1023); // with the one read: as many as read one at a time
    CHECK(source->reads == 1);
    CHECK(source->scans == 1);
    CHECK(catalog.holdsAllEntities());
    CHECK(catalog.entity(1999).name == "thing-1999");
    CHECK(source->reads == 1);
}

TEST_CASE("a failed read is kept for the caller, and copies share it", "[schema][lazy]") {
    Fixture f;
    Catalog copy = f.catalog;
    f.source->failing = true;
    CHECK(f.catalog.findEntity("Acme") == nullptr);
    CHECK(f.catalog.entityReadError().message() == "disk I/O error");
    CHECK(copy.entityReadError().message() == "disk I/O error");
}

TEST_CASE("an entity read with a type that does not exist is reported as corrupt",
          "[schema][lazy]") {
    Fixture f;
    f.source->add(3, "Ghost", 99);
    CHECK(f.catalog.findEntity("ghost") == nullptr);
    CHECK(f.catalog.entityReadError().message() ==
          "the database is corrupt: entity 'Ghost' names type 99, which does not exist");
}
