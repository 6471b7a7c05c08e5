// CSV import binding of entity names: one entity for a name in any case, entities created by
// earlier rows found by later ones, each column's type checked on every row, unknown names
// reported on every row that repeats them.
#include "bind/bind_import.h"

#include <catch2/catch.hpp>

using namespace chipgraph;

namespace {

// Company, Chip; develops(owner: Company, chip: Chip) with an entity qualifier `fab: Company`.
struct Fixture {
    schema::Catalog catalog;
    TypeId company, chip;
    EntityId amazon, trainium;

    Fixture() {
        company = catalog.addType("Company", kNoId);
        chip = catalog.addType("Chip", kNoId);
        amazon = catalog.addEntity("Amazon", company);
        catalog.addAlias(amazon, "AWS");
        trainium = catalog.addEntity("Trainium", chip);
        schema::RelationInfo r;
        r.name = "develops";
        r.columns = {{"owner", schema::ColumnKind::Entity, company},
                     {"chip", schema::ColumnKind::Entity, chip}};
        r.qualifiers = {{"fab", schema::ColumnKind::Entity, company}};
        catalog.addRelation(r);
    }

    bind::ImportResult import(const std::string& csv, const std::string& createType = "") {
        return bind::bindImport(csv, "test.csv", {"develops", createType}, catalog);
    }
};

std::vector<EntityId> column(const bind::ImportResult& r, size_t position) {
    std::vector<EntityId> ids;
    for (const schema::Fact& f : r.facts)
        ids.push_back(f.args[position].entityId());
    return ids;
}

} // namespace

TEST_CASE("an import binds a name repeated in any case to one entity", "[import]") {
    Fixture fx;
    bind::ImportResult r = fx.import("owner,chip\nAmazon,Trainium\nAMAZON,Trainium\n"
                                     "amazon,TRAINIUM\nAWS,trainium\nAmazon,Trainium\n",
                                     "Company");
    REQUIRE(r.status);
    CHECK(r.rowErrors.empty());
    CHECK(r.newEntities.empty());
    CHECK(column(r, 0) == std::vector<EntityId>(5, fx.amazon));
    CHECK(column(r, 1) == std::vector<EntityId>(5, fx.trainium));
}

TEST_CASE("an entity created by an import is found by later rows, in any case", "[import]") {
    Fixture fx;
    bind::ImportResult r = fx.import("owner,chip,fab\nNewCo,Trainium,\nNewCo,Trainium,NEWCO\n"
                                     "newco,Trainium,Amazon\nAmazon,Trainium,NewCo\n"
                                     "Other,Trainium,\nNewCo,Trainium,\n",
                                     "Company");
    REQUIRE(r.status);
    CHECK(r.rowErrors.empty());
    REQUIRE(r.newEntities.size() == 2);
    EntityId newCo = r.newEntities[0], other = r.newEntities[1];
    CHECK(fx.catalog.entity(newCo).name == "NewCo");
    CHECK(fx.catalog.entity(other).name == "Other");
    CHECK(column(r, 0) == std::vector<EntityId>{newCo, newCo, newCo, fx.amazon, other, newCo});
    REQUIRE(r.facts.size() == 6);
    CHECK(r.facts[1].qualifiers[0]->entityId() == newCo);
    CHECK(r.facts[2].qualifiers[0]->entityId() == fx.amazon);
    CHECK(r.facts[3].qualifiers[0]->entityId() == newCo);
}

TEST_CASE("a name bound by one column is still checked against another's type", "[import][error]") {
    Fixture fx;
    bind::ImportResult r =
        fx.import("owner,chip\nAmazon,Trainium\nTrainium,Trainium\nAmazon,Amazon\n");
    REQUIRE(r.status);
    REQUIRE(r.rowErrors.size() == 2);
    CHECK(r.rowErrors[0].message ==
          "row 2, column 'owner': 'Trainium' is a Chip, but column 'owner' expects a Company");
    CHECK(r.rowErrors[1].message ==
          "row 3, column 'chip': 'Amazon' is a Company, but column 'chip' expects a Chip");
    CHECK(r.facts.size() == 1);
}

TEST_CASE("an unknown name is reported on every row that repeats it", "[import][error]") {
    Fixture fx;
    bind::ImportResult r =
        fx.import("owner,chip\nAmazon,Trainium\nGhost,Trainium\nGhost,Trainium\nAmazon,Trainium\n");
    REQUIRE(r.status);
    REQUIRE(r.rowErrors.size() == 2);
    CHECK(r.badRows == std::vector<std::string>{"Ghost,Trainium", "Ghost,Trainium"});
    CHECK(column(r, 0) == std::vector<EntityId>{fx.amazon, fx.amazon});
    CHECK(r.newEntities.empty());
    CHECK(fx.catalog.findEntity("Ghost") == nullptr);
}
