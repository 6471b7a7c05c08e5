// The diagram model built from the engine's facts: edges merged per relation and ends, owners
// as boxes, time order, conflicts, the entity and chain filters, `known at`, prefer latest,
// diffs, and errors for bad requests.
#include "engine/diagram_builder.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace chipgraph;
using namespace chipgraph::engine;
using Catch::Matchers::Contains;
using exporter::Change;

namespace {

const char* const kWorld = R"(
type Company.
type Vendor <: Company.
type DesignFirm <: Company.
type Foundry <: Company.
type Chip.
type ProcessNode.
relation develops(owner: Vendor, chip: Chip).
relation designs(firm: DesignFirm, chip: Chip) { role: text }.
relation fabbed_on(chip: Chip, node: ProcessNode).
relation made_by(node: ProcessNode, foundry: Foundry).
relation successor_of(next: Chip, prev: Chip).
relation announced(chip: Chip, event: text).
relation shipments(owner: Vendor, units: number).
entity Amazon: Vendor.
entity Google: Vendor.
entity Alchip: DesignFirm.
entity Alphawave: DesignFirm.
entity Annapurna: DesignFirm.
entity Broadcom: DesignFirm aka "博通".
entity TSMC: Foundry.
entity N3: ProcessNode.
entity Trainium2: Chip.
entity Trainium3: Chip.
entity "TPU v7": Chip.
source note published 2025-06.
source press published 2025-12-03.
Amazon develops Trainium2 per note.
Amazon develops Trainium3 per note expected.
Amazon develops Trainium3 per press actual.
Google develops "TPU v7" per note.
successor_of(Trainium3, Trainium2) per note.
announced(Trainium2, "re:Invent") in 2023-11 per note.
Alphawave designs Trainium3 per note rumored { role: "main partner" }.
Alchip designs Trainium3 from 2026 per press rumored { role: "back-end" }.
Annapurna designs Trainium3 per press { role: "front-end" }.
Broadcom designs "TPU v7" per note.
fabbed_on(Trainium3, N3) per press.
made_by(N3, TSMC) per note.
)";

std::unique_ptr<Engine> world() {
    auto engine = Engine::open(":memory:");
    REQUIRE(engine.isOk());
    Outcome loaded = engine.value()->run(kWorld, "world.kg");
    INFO(loaded.renderDiagnostics());
    REQUIRE(loaded.ok());
    return std::move(engine.value());
}

exporter::Diagram build(const Engine& engine, DiagramRequest request = {}) {
    Result<exporter::Diagram> diagram = buildDiagram(engine, request);
    INFO(diagram.status().message());
    REQUIRE(diagram.isOk());
    return diagram.value();
}

const exporter::DiagramNode* findNode(const exporter::Diagram& d, const std::string& id) {
    auto it = std::find_if(d.nodes.begin(), d.nodes.end(), [&](auto& n) { return n.id == id; });
    return it == d.nodes.end() ? nullptr : &*it;
}

const exporter::DiagramEdge* findEdge(const exporter::Diagram& d, const std::string& from,
                                      const std::string& to) {
    auto it = std::find_if(d.edges.begin(), d.edges.end(),
                           [&](auto& e) { return e.from == from && e.to == to; });
    return it == d.edges.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("owners become boxes: develops edges fold into the chip", "[diagram_builder]") {
    auto engine = world();
    exporter::Diagram d = build(*engine);
    CHECK(d.title == "develops, designs, fabbed_on, made_by");
    CHECK(findNode(d, "Amazon") == nullptr);
    CHECK(findEdge(d, "Amazon", "Trainium3") == nullptr);
    const exporter::DiagramNode* t3 = findNode(d, "Trainium3");
    REQUIRE(t3);
    CHECK(t3->cluster == "Amazon");
    CHECK(t3->kind == exporter::NodeKind::Chip);
    CHECK(t3->ownerStatus == schema::FactStatus::Actual); // the strongest of its two claims
    CHECK_THAT(t3->tooltip, Contains("Amazon develops Trainium3"));
    CHECK_THAT(t3->tooltip, Contains("- expected · always · note (2025-06)"));
    // Generations: Trainium2 (announced 2023-11) before its successor Trainium3.
    CHECK(findNode(d, "Trainium2")->timeOrder < t3->timeOrder);
}

TEST_CASE("edges carry status, validity, role and every source", "[diagram_builder]") {
    auto engine = world();
    exporter::Diagram d = build(*engine);
    const exporter::DiagramEdge* alchip = findEdge(d, "Alchip", "Trainium3");
    REQUIRE(alchip);
    CHECK(alchip->relation == "designs");
    CHECK(alchip->status == schema::FactStatus::Rumored);
    CHECK(alchip->validity == "2026–");
    CHECK(alchip->role == "back-end");
    CHECK_THAT(alchip->tooltip,
               Contains("- rumored · 2026– · press (2025-12-03) · role: back-end"));
    CHECK(findEdge(d, "N3", "TSMC")->validity.empty()); // always
}

TEST_CASE("claims conflict when sources disagree, not when one source names both",
          "[diagram_builder]") {
    auto engine = world();
    exporter::Diagram d = build(*engine);
    // Alphawave (note) against Alchip and Annapurna (press); press names Alchip and Annapurna
    // together, so those two do not conflict with each other.
    CHECK(findEdge(d, "Alphawave", "Trainium3")->conflict);
    CHECK(findEdge(d, "Alchip", "Trainium3")->conflict);
    CHECK_THAT(findEdge(d, "Alphawave", "Trainium3")->tooltip,
               Contains("conflicts with: Alchip, Annapurna"));
    CHECK_THAT(findEdge(d, "Alchip", "Trainium3")->tooltip,
               Contains("conflicts with: Alphawave\n"));
    CHECK_FALSE(findEdge(d, "Broadcom", "TPU v7")->conflict);
}

TEST_CASE("the supply chain of an owner: its chips, partners and what lies downstream",
          "[diagram_builder]") {
    auto engine = world();
    DiagramRequest request;
    request.entity = "Amazon";
    exporter::Diagram d = build(*engine, request);
    CHECK(findNode(d, "TSMC") != nullptr); // Trainium3 -> N3 -> TSMC
    CHECK(findNode(d, "Alphawave") != nullptr);
    CHECK(findNode(d, "TPU v7") == nullptr);
    CHECK(findNode(d, "Broadcom") == nullptr);
    CHECK(d.title == "develops, designs, fabbed_on, made_by · supply chain of Amazon");
}

TEST_CASE("a chain keeps what lies within the given hops", "[diagram_builder]") {
    auto engine = world();
    DiagramRequest request;
    request.chainOf = "N3";
    request.hops = 1;
    exporter::Diagram d = build(*engine, request);
    CHECK(d.edges.size() == 2); // Trainium3 -> N3 -> TSMC
    request.hops = 2;
    CHECK(build(*engine, request).edges.size() == 5); // plus Trainium3's three designers
}

TEST_CASE("known at drops what was reported later", "[diagram_builder]") {
    auto engine = world();
    DiagramRequest request;
    request.knownAt = PartialDate::parse("2025-06-30").value().lastDay();
    exporter::Diagram d = build(*engine, request);
    CHECK(findEdge(d, "Alchip", "Trainium3") == nullptr);
    CHECK_FALSE(findEdge(d, "Alphawave", "Trainium3")->conflict); // nothing to disagree with
    CHECK(findNode(d, "Trainium3")->ownerStatus == schema::FactStatus::Expected);
}

TEST_CASE("prefer latest keeps the most recent claims per key", "[diagram_builder]") {
    auto engine = world();
    DiagramRequest request;
    request.policy = ConflictPolicy::PreferLatest;
    exporter::Diagram d = build(*engine, request);
    CHECK(findEdge(d, "Alphawave", "Trainium3") == nullptr);
    CHECK(findEdge(d, "Alchip", "Trainium3") != nullptr);
    CHECK(findEdge(d, "Annapurna", "Trainium3") != nullptr);
}

TEST_CASE("a diff marks what was added, removed and changed", "[diagram_builder]") {
    auto engine = world();
    DiagramRequest request;
    request.policy = ConflictPolicy::PreferLatest;
    request.diff = DiagramDiff{PartialDate::parse("2025-06-30").value(), std::nullopt};
    exporter::Diagram d = build(*engine, request);
    CHECK(d.isDiff);
    CHECK(findEdge(d, "Alchip", "Trainium3")->change == Change::Added);
    CHECK(findEdge(d, "Alphawave", "Trainium3")->change == Change::Removed);
    CHECK(findEdge(d, "N3", "TSMC")->change == Change::Unchanged);
    CHECK(findNode(d, "Alphawave")->change == Change::Removed);
    // Amazon's claim on Trainium3 went from expected to actual: the chip is changed.
    CHECK(findNode(d, "Trainium3")->change == Change::Changed);
    CHECK_THAT(findNode(d, "Trainium3")->tooltip, Contains("[changed: expected → actual]"));
    CHECK_THAT(d.title, Contains("changes known at 2025-06-30 → now"));
}

TEST_CASE("native names add the first non-Latin alias", "[diagram_builder]") {
    auto engine = world();
    DiagramRequest request;
    request.nativeNames = true;
    CHECK(findNode(build(*engine, request), "Broadcom")->label == "Broadcom\n博通");
}

TEST_CASE("bad requests are errors with a suggestion", "[diagram_builder][errors]") {
    auto engine = world();
    auto error = [&](DiagramRequest request) {
        return buildDiagram(*engine, request).status().message();
    };
    DiagramRequest r;
    r.relations = {"desings"};
    CHECK(error(r) == "unknown relation 'desings'; did you mean 'designs'?");
    r.relations = {"shipments"};
    CHECK(error(r) ==
          "relation 'shipments' cannot be drawn: an edge needs two entity columns and it has 1");
    r = {};
    r.entity = "Amazn";
    CHECK(error(r) == "unknown entity 'Amazn'; did you mean 'Amazon'?");
    r = {};
    r.chainOf = "Amazon";
    r.hops = 0;
    CHECK(error(r) == "hops must be at least 1 (got 0)");
    r = {};
    r.diff = DiagramDiff{PartialDate::parse("2025").value(), std::nullopt, DiffAxis::AsOf};
    CHECK(error(r) == "a diff of what holds needs two dates, as in 2025..2026");
    r = {};
    r.conflictKeys = {{"designs", "role"}};
    CHECK(error(r) == "conflict key 'role' is not one of the two entity columns of 'designs'");
}
