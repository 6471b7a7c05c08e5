#include "schema/catalog.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using schema::Catalog;

namespace {

// Company > Vendor, DesignFirm; Chip; entities with aliases (Chinese included); one relation.
struct Fixture {
    Catalog catalog;
    TypeId company, vendor, designFirm, chip;
    EntityId google, broadcom, tpu;
    RelationId designs;

    Fixture() {
        company = catalog.addType("Company", kNoId);
        vendor = catalog.addType("Vendor", company);
        designFirm = catalog.addType("DesignFirm", company);
        chip = catalog.addType("Chip", kNoId);
        google = catalog.addEntity("Google", vendor);
        catalog.addAlias(google, "Alphabet");
        catalog.addAlias(google, "谷歌");
        broadcom = catalog.addEntity("Broadcom", designFirm);
        catalog.addAlias(broadcom, "博通");
        tpu = catalog.addEntity("TPU v7", chip);
        catalog.addAlias(tpu, "Ironwood");
        schema::RelationInfo r;
        r.name = "designs";
        r.columns = {{"firm", schema::ColumnKind::Entity, designFirm},
                     {"chip", schema::ColumnKind::Entity, chip}};
        r.qualifiers = {{"role", schema::ColumnKind::Text, kNoId},
                        {"Note", schema::ColumnKind::Text, kNoId}};
        designs = catalog.addRelation(r);
    }
};

} // namespace

TEST_CASE("ids are assigned from 1 per kind", "[catalog]") {
    Fixture f;
    CHECK(f.company == 1);
    CHECK(f.vendor == 2);
    CHECK(f.chip == 4);
    CHECK(f.google == 1);
    CHECK(f.tpu == 3);
    CHECK(f.designs == 1);
}

TEST_CASE("lookups are case-insensitive", "[catalog]") {
    Fixture f;
    REQUIRE(f.catalog.findType("designfirm"));
    CHECK(f.catalog.findType("DESIGNFIRM")->id == f.designFirm);
    CHECK(f.catalog.findRelation("DESIGNS")->id == f.designs);
    CHECK(f.catalog.findEntity("google")->id == f.google);
    CHECK(f.catalog.findEntity("tpu V7")->id == f.tpu);
    // The stored spelling is the declared one.
    CHECK(f.catalog.findEntity("GOOGLE")->name == "Google");
}

TEST_CASE("aliases resolve to their entity, Chinese included", "[catalog]") {
    Fixture f;
    CHECK(f.catalog.findEntity("Alphabet")->id == f.google);
    CHECK(f.catalog.findEntity("alphabet")->id == f.google);
    CHECK(f.catalog.findEntity("谷歌")->id == f.google);
    CHECK(f.catalog.findEntity("博通")->id == f.broadcom);
    CHECK(f.catalog.findEntity("ironwood")->id == f.tpu);
    CHECK(f.catalog.entity(f.google).aliases == std::vector<std::string>{"Alphabet", "谷歌"});
}

TEST_CASE("unknown names are not found", "[catalog][error]") {
    Fixture f;
    CHECK(f.catalog.findType("Foundry") == nullptr);
    CHECK(f.catalog.findRelation("develops") == nullptr);
    CHECK(f.catalog.findEntity("Amazon") == nullptr);
    CHECK(f.catalog.findEntity("谷") == nullptr);
    CHECK(f.catalog.findEntity("") == nullptr);
    CHECK(f.catalog.findSource("seed2025") == nullptr);
}

TEST_CASE("names in different kinds do not clash", "[catalog]") {
    Fixture f;
    // A type and an entity may share a name: they live in different namespaces.
    EntityId chipEntity = f.catalog.addEntity("Chip", f.chip);
    CHECK(f.catalog.findType("Chip")->id == f.chip);
    CHECK(f.catalog.findEntity("Chip")->id == chipEntity);
    CHECK(f.catalog.findRelation("Chip") == nullptr);
}

TEST_CASE("subtypes are transitive and reflexive", "[catalog]") {
    Fixture f;
    TypeId hyperscaler = f.catalog.addType("Hyperscaler", f.vendor);
    CHECK(f.catalog.isSubtype(f.vendor, f.company));
    CHECK(f.catalog.isSubtype(hyperscaler, f.company));
    CHECK(f.catalog.isSubtype(hyperscaler, hyperscaler));
    CHECK(f.catalog.isSubtype(f.company, f.company));
    CHECK_FALSE(f.catalog.isSubtype(f.company, f.vendor));
    CHECK_FALSE(f.catalog.isSubtype(f.vendor, f.designFirm));
    CHECK_FALSE(f.catalog.isSubtype(f.chip, f.company));
}

TEST_CASE("entitiesOfType includes subtypes, ordered by name", "[catalog]") {
    Fixture f;
    EntityId amazon = f.catalog.addEntity("Amazon", f.vendor);
    CHECK(f.catalog.entitiesOfType(f.company) ==
          std::vector<EntityId>{amazon, f.broadcom, f.google});
    CHECK(f.catalog.entitiesOfType(f.vendor) == std::vector<EntityId>{amazon, f.google});
    CHECK(f.catalog.entitiesOfType(f.chip) == std::vector<EntityId>{f.tpu});
    TypeId foundry = f.catalog.addType("Foundry", f.company);
    CHECK(f.catalog.entitiesOfType(foundry).empty());
}

TEST_CASE("name lists for suggestions are sorted and include aliases", "[catalog]") {
    Fixture f;
    CHECK(f.catalog.typeNames() ==
          std::vector<std::string>{"Chip", "Company", "DesignFirm", "Vendor"});
    CHECK(f.catalog.relationNames() == std::vector<std::string>{"designs"});
    CHECK(f.catalog.entityNamesAndAliases() == std::vector<std::string>{"Alphabet", "Broadcom",
                                                                        "Google", "Ironwood",
                                                                        "TPU v7", "博通", "谷歌"});
    CHECK(f.catalog.sourceNames().empty());
}

TEST_CASE("items are listed by id", "[catalog]") {
    Fixture f;
    std::vector<std::string> types;
    for (const schema::TypeInfo* t : f.catalog.types())
        types.push_back(t->name);
    CHECK(types == std::vector<std::string>{"Company", "Vendor", "DesignFirm", "Chip"});
    std::vector<std::string> entities;
    for (const schema::EntityInfo* e : f.catalog.entities())
        entities.push_back(e->name);
    CHECK(entities == std::vector<std::string>{"Google", "Broadcom", "TPU v7"});
    CHECK(f.catalog.relations().size() == 1);
}

TEST_CASE("explicit ids are kept and later ids continue after them", "[catalog]") {
    Catalog c;
    CHECK(c.addType("A", kNoId, 7) == 7);
    CHECK(c.addType("B", kNoId) == 8);
    CHECK(c.addEntity("X", 7, 20) == 20);
    CHECK(c.addEntity("Y", 7) == 21);
    schema::SourceInfo s;
    s.name = "s";
    s.id = 5;
    CHECK(c.addSource(s) == 5);
    s.name = "t";
    s.id = kNoId;
    CHECK(c.addSource(s) == 6);
    CHECK(c.type(7).name == "A");
    CHECK(c.entity(21).name == "Y");
}

TEST_CASE("sources keep their fields and are found case-insensitively", "[catalog]") {
    Catalog c;
    schema::SourceInfo s;
    s.name = "seed2025";
    s.title = "海外算力ASIC:需求或提速";
    s.author = "AI李子";
    s.published = PartialDate{DatePrecision::Month, 2025, 6, 0};
    SourceId id = c.addSource(s);
    const schema::SourceInfo* found = c.findSource("SEED2025");
    REQUIRE(found);
    CHECK(found->id == id);
    CHECK(found->title == "海外算力ASIC:需求或提速");
    CHECK(found->published == std::optional<PartialDate>(s.published));
    CHECK(c.sourceNames() == std::vector<std::string>{"seed2025"});
}

TEST_CASE("qualifierIndex finds qualifier columns case-insensitively", "[catalog]") {
    Fixture f;
    const schema::RelationInfo& r = f.catalog.relation(f.designs);
    CHECK(r.qualifierIndex("role") == 0);
    CHECK(r.qualifierIndex("ROLE") == 0);
    CHECK(r.qualifierIndex("note") == 1);
    CHECK(r.qualifierIndex("firm") == -1);
    CHECK(r.qualifierIndex("") == -1);
}

TEST_CASE("a catalog is a value: a copy changes independently", "[catalog]") {
    Fixture f;
    Catalog copy = f.catalog;
    copy.addEntity("Amazon", f.vendor);
    copy.addAlias(f.google, "GOOGL");
    CHECK(copy.findEntity("Amazon") != nullptr);
    CHECK(f.catalog.findEntity("Amazon") == nullptr);
    CHECK(f.catalog.findEntity("GOOGL") == nullptr);
    CHECK(f.catalog.entity(f.google).aliases.size() == 2);
}

TEST_CASE("names differing in spaces or non-ASCII case are different", "[catalog][error]") {
    Fixture f;
    CHECK(f.catalog.findEntity("Google ") == nullptr);
    CHECK(f.catalog.findEntity(" google") == nullptr);
    CHECK(f.catalog.findEntity("TPUv7") == nullptr);
    TypeId chip = f.chip;
    f.catalog.addEntity("Ärzte", chip);
    CHECK(f.catalog.findEntity("ärzte") == nullptr); // only ASCII letters fold
    CHECK(f.catalog.findEntity("ÄRZTE") != nullptr);
}

TEST_CASE("a partial name or alias is not found", "[catalog][error]") {
    Fixture f;
    CHECK(f.catalog.findEntity("Goog") == nullptr);
    CHECK(f.catalog.findEntity("谷") == nullptr);
    CHECK(f.catalog.findRelation("design") == nullptr);
    CHECK(f.catalog.findType("Chips") == nullptr);
}

TEST_CASE("an entity of an unrelated type is not listed for a type", "[catalog][error]") {
    Fixture f;
    CHECK(f.catalog.entitiesOfType(f.designFirm) == std::vector<EntityId>{f.broadcom});
    CHECK_FALSE(f.catalog.isSubtype(f.chip, f.vendor));
}

TEST_CASE("rolled-back changes leave the catalog exactly as before", "[catalog]") {
    Fixture f;
    Catalog& c = f.catalog;
    std::vector<std::string> names = c.entityNamesAndAliases();
    c.beginChanges();
    TypeId foundry = c.addType("Foundry", kNoId);
    EntityId tsmc = c.addEntity("TSMC", foundry);
    c.addAlias(tsmc, "台积电");
    c.addAlias(f.google, "Goog");
    schema::RelationInfo fabs;
    fabs.name = "fabs";
    c.addRelation(fabs);
    schema::SourceInfo later;
    later.name = "later";
    c.addSource(later);
    c.addRule({kNoId, f.designs, "rule x."});
    CHECK(c.findEntity("goog") != nullptr);
    c.rollbackChanges();
    CHECK_FALSE(c.changesPending());
    CHECK(c.findType("Foundry") == nullptr);
    CHECK(c.findEntity("TSMC") == nullptr);
    CHECK(c.findEntity("台积电") == nullptr);
    CHECK(c.findEntity("Goog") == nullptr);
    CHECK(c.entity(f.google).aliases == std::vector<std::string>{"Alphabet", "谷歌"});
    CHECK(c.entity(f.google).aliasTerms.size() == 2); // the dates of names, one per alias
    CHECK(c.findRelation("fabs") == nullptr);
    CHECK(c.findSource("later") == nullptr);
    CHECK(c.rules().empty());
    CHECK(c.entityNamesAndAliases() == names);
    // Ids continue where they were: the undone ones are handed out again.
    CHECK(c.addType("Foundry", kNoId) == foundry);
    CHECK(c.addEntity("TSMC", foundry) == tsmc);
}

TEST_CASE("committed changes stay", "[catalog]") {
    Fixture f;
    Catalog& c = f.catalog;
    c.beginChanges();
    EntityId tsmc = c.addEntity("TSMC", f.company);
    c.commitChanges();
    c.beginChanges();
    c.rollbackChanges(); // undoes nothing of the committed unit
    CHECK(c.findEntity("tsmc")->id == tsmc);
}

TEST_CASE("names known at a date: the name, else the alias with a source reported last",
          "[catalog][names]") {
    Fixture f;
    auto source = [&](const char* name, const char* published) {
        schema::SourceInfo s;
        s.name = name;
        s.published = PartialDate::parse(published).value();
        return f.catalog.addSource(s);
    };
    SourceId note = source("note", "2025-06"), blog = source("blog", "2025-08-01"),
             press = source("press", "2025-09-08");
    f.catalog.setNameTerms(f.tpu, "TPU v7", {Interval::always(), press});
    f.catalog.addAlias(f.tpu, "unnamed chip", {Interval::always(), note});
    f.catalog.addAlias(f.tpu, "the new chip", {Interval::always(), blog});
    auto shownAt = [&](const char* day) {
        schema::ShowNamesKnownAt names(f.catalog, PartialDate::parse(day).value().lastDay());
        return f.catalog.shownName(f.tpu);
    };
    CHECK(shownAt("2025-06-29") == "TPU v7"); // no name reported yet: its name
    CHECK(shownAt("2025-06-30") == "unnamed chip");
    CHECK(shownAt("2025-08-01") == "the new chip");
    CHECK(shownAt("2025-09-07") == "the new chip");
    CHECK(shownAt("2025-09-08") == "TPU v7");
    CHECK(f.catalog.shownName(f.tpu) == "TPU v7"); // the guard restored "no date"
    CHECK_FALSE(f.catalog.setNameTerms(f.tpu, "not a name", {}));
}
