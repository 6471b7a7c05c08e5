// The diagram model built from the engine's facts: edges merged per relation and ends, owners
// as boxes, time order, conflicts, the entity and chain filters, `known at`, prefer latest,
// diffs, and errors for bad requests.
#include "diagram/builder_impl.h"
#include "engine/diagram_view.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace chipgraph;
using namespace chipgraph::engine;
using namespace chipgraph::diagram;
using Catch::Matchers::Contains;
using diagram::Change;

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
relation successor_of(next: Chip, prev: Chip) timeless.
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
Amazon develops Trainium3 from 2025 per note expected.
Amazon develops Trainium3 from 2025 per press actual.
Google develops "TPU v7" per note.
successor_of(Trainium3, Trainium2) per note.
announced(Trainium2, "re:Invent") in 2023-11 per note.
Alphawave designs Trainium3 from 2025 per note rumored { role: "main partner" }.
Alchip designs Trainium3 from 2026 per press rumored { role: "back-end" }.
Annapurna designs Trainium3 per press { role: "front-end" }.
Broadcom designs "TPU v7" per note.
fabbed_on(Trainium3, N3) per press.
made_by(N3, TSMC) per note.
draw type Vendor as owner.
draw type Chip as product.
draw type DesignFirm as partner.
draw type Foundry as plant.
draw type ProcessNode as process.
draw relation develops as owner { key: chip }.
draw relation designs as edge { key: chip, role: role }.
draw relation fabbed_on as edge { key: chip }.
draw relation made_by as edge { key: node }.
draw relation successor_of as successor.
draw relation announced as event.
)";

std::unique_ptr<Engine> world() {
    auto engine = Engine::open(":memory:");
    REQUIRE(engine.isOk());
    Outcome loaded = engine.value()->run(kWorld, "world.kg");
    INFO(loaded.renderDiagnostics());
    REQUIRE(loaded.ok());
    return std::move(engine.value());
}

diagram::Diagram build(const Engine& engine, DiagramRequest request = {}) {
    Result<diagram::Diagram> diagram = buildDiagram(engine, request);
    INFO(diagram.status().message());
    REQUIRE(diagram.isOk());
    return diagram.value();
}

const diagram::DiagramNode* findNode(const diagram::Diagram& d, const std::string& id) {
    auto it = std::find_if(d.nodes.begin(), d.nodes.end(), [&](auto& n) { return n.id == id; });
    return it == d.nodes.end() ? nullptr : &*it;
}

const diagram::DiagramEdge* findEdge(const diagram::Diagram& d, const std::string& from,
                                     const std::string& to) {
    auto it = std::find_if(d.edges.begin(), d.edges.end(),
                           [&](auto& e) { return e.from == from && e.to == to; });
    return it == d.edges.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("owners become boxes: develops edges fold into the chip", "[diagram_builder]") {
    auto engine = world();
    diagram::Diagram d = build(*engine);
    CHECK(d.title == "develops, designs, fabbed_on, made_by");
    CHECK(findNode(d, "Amazon") == nullptr);
    CHECK(findEdge(d, "Amazon", "Trainium3") == nullptr);
    const diagram::DiagramNode* t3 = findNode(d, "Trainium3");
    REQUIRE(t3);
    CHECK(t3->cluster == "Amazon");
    CHECK(t3->kind == diagram::NodeKind::Product);
    CHECK(t3->ownerStatus == schema::FactStatus::Actual); // the strongest of its two claims
    CHECK_THAT(t3->tooltip, Contains("Amazon develops Trainium3"));
    CHECK_THAT(t3->tooltip, Contains("- expected · 2025– · note (2025-06)"));
    // Generations: Trainium2 (announced 2023-11) before its successor Trainium3.
    CHECK(findNode(d, "Trainium2")->timeOrder < t3->timeOrder);
}

TEST_CASE("edges carry status, validity, role and every source", "[diagram_builder]") {
    auto engine = world();
    diagram::Diagram d = build(*engine);
    const diagram::DiagramEdge* alchip = findEdge(d, "Alchip", "Trainium3");
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
    diagram::Diagram d = build(*engine);
    // Alphawave (the note's main partner) against Alchip (press: back-end); press names Alchip
    // and Annapurna together, so those two do not conflict with each other.
    CHECK(findEdge(d, "Alphawave", "Trainium3")->conflict);
    CHECK(findEdge(d, "Alchip", "Trainium3")->conflict);
    CHECK_THAT(findEdge(d, "Alphawave", "Trainium3")->tooltip,
               Contains("conflicts with: Alchip\n"));
    CHECK_THAT(findEdge(d, "Alchip", "Trainium3")->tooltip,
               Contains("conflicts with: Alphawave\n"));
    CHECK_FALSE(findEdge(d, "Broadcom", "TPU v7")->conflict);
}

TEST_CASE("claims on different parts of a design do not conflict (issue 5)",
          "[diagram_builder][roles]") {
    auto engine = world();
    diagram::Diagram d = build(*engine);
    // Annapurna does the front-end in-house; Alphawave is named the (back-end) partner.
    CHECK_FALSE(findEdge(d, "Annapurna", "Trainium3")->conflict);
    Outcome more = engine->run(R"(
        entity Marvell: DesignFirm.
        source blog published 2025-02.
        Marvell designs Trainium3 per blog rumored { role: "front-end and back-end" }.
        Broadcom designs Trainium2 per blog.
        Alchip designs Trainium2 per press { role: "Back End support" }.
    )");
    REQUIRE(more.ok());
    d = build(*engine);
    // Marvell's front-end claim contradicts Annapurna's, its back-end one Alphawave's and
    // Alchip's.
    CHECK_THAT(findEdge(d, "Marvell", "Trainium3")->tooltip,
               Contains("conflicts with: Alphawave, Alchip, Annapurna\n"));
    // No role reads as the back-end: Broadcom and Alchip disagree on Trainium2.
    CHECK(findEdge(d, "Broadcom", "Trainium2")->conflict);
    CHECK(findEdge(d, "Alchip", "Trainium2")->conflict);
}

TEST_CASE("roles name the parts of a design", "[diagram_builder][roles]") {
    using namespace chipgraph::diagram;
    CHECK(roleParts("front-end (in-house)") == kFrontEnd);
    CHECK(roleParts("Front End") == kFrontEnd);
    CHECK(roleParts("back-end, ~1.2M units") == kBackEnd);
    CHECK(roleParts("front-end and back-end") == (kFrontEnd | kBackEnd));
    CHECK(roleParts("main partner (as written)") == kBackEnd);
    CHECK(roleParts("") == kBackEnd);
    CHECK(rolesMayCoincide(kFrontEnd | kBackEnd, kFrontEnd));
    CHECK_FALSE(rolesMayCoincide(kFrontEnd, kBackEnd));
}

TEST_CASE("a query draws the facts its answers bind to", "[diagram_builder][query]") {
    auto engine = world();
    Outcome outcome;
    std::optional<bind::BoundQuery> query = engine->bindQueryText(
        "? designs(F, C), develops(Amazon, C), successor_of(C, _) as of 2026.", "<query>", outcome);
    INFO(outcome.renderDiagnostics());
    REQUIRE(query);
    DiagramRequest request;
    request.query = query;
    request.queryText = "? designs(F, C), develops(Amazon, C), successor_of(C, _)";
    diagram::Diagram d = build(*engine, request);
    CHECK(d.title == "? designs(F, C), develops(Amazon, C), successor_of(C, _) · as of 2026");
    // Trainium3's designers valid in 2026, its owner's box and its predecessor.
    CHECK(findEdge(d, "Alchip", "Trainium3") != nullptr);
    CHECK(findEdge(d, "Alphawave", "Trainium3")->conflict);
    CHECK(findEdge(d, "Trainium3", "Trainium2") != nullptr);
    CHECK(findNode(d, "Trainium3")->cluster == "Amazon");
    CHECK(findNode(d, "TPU v7") == nullptr);
    CHECK(findNode(d, "N3") == nullptr); // fabbed_on is not in the query
    // Colours: the default relations first, as in every other diagram.
    CHECK(d.relations ==
          std::vector<std::string>{"develops", "designs", "fabbed_on", "made_by", "successor_of"});
}

TEST_CASE("a query's atoms without two entities annotate nodes", "[diagram_builder][query]") {
    auto engine = world();
    REQUIRE(engine->run("shipments(Amazon, ~2000000) in 2026 per press forecast.").ok());
    Outcome outcome;
    auto query = engine->bindQueryText("? shipments(V, U), develops(V, C).", "<query>", outcome);
    REQUIRE(query);
    DiagramRequest request;
    request.query = query;
    diagram::Diagram d = build(*engine, request);
    CHECK(findNode(d, "Trainium3")->cluster == "Amazon");
    // Amazon, the box around its chips, is drawn in it too, to carry its shipments.
    const diagram::DiagramNode* amazon = findNode(d, "Amazon");
    REQUIRE(amazon);
    CHECK_THAT(amazon->tooltip, Contains("\nshipments: ~2000000 · forecast · 2026 · press"));
}

TEST_CASE("a query without answers or with bad names is an error", "[diagram_builder][query]") {
    auto engine = world();
    Outcome outcome;
    auto query =
        engine->bindQueryText("? designs(F, \"TPU v7\") known at 2025-01.", "<query>", outcome);
    REQUIRE(query);
    DiagramRequest request;
    request.query = query;
    Result<diagram::Diagram> d = buildDiagram(*engine, request);
    REQUIRE_FALSE(d.isOk());
    CHECK(d.status().message() == "the query has no answers: nothing to draw");

    Outcome bad;
    CHECK_FALSE(engine->bindQueryText("? desings(F, C).", "<query>", bad));
    CHECK_THAT(bad.renderDiagnostics(),
               Contains("<query>:1:3: error: unknown relation 'desings'; did you mean"));
    Outcome notQuery;
    CHECK_FALSE(engine->bindQueryText("entity X: Chip.", "<query>", notQuery));
    CHECK_THAT(notQuery.renderDiagnostics(), Contains("expected one query"));
}

TEST_CASE("the supply chain of an owner: its chips, partners and what lies downstream",
          "[diagram_builder]") {
    auto engine = world();
    DiagramRequest request;
    request.entity = "Amazon";
    diagram::Diagram d = build(*engine, request);
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
    diagram::Diagram d = build(*engine, request);
    CHECK(d.edges.size() == 2); // Trainium3 -> N3 -> TSMC
    request.hops = 2;
    CHECK(build(*engine, request).edges.size() == 5); // plus Trainium3's three designers
}

TEST_CASE("known at drops what was reported later", "[diagram_builder]") {
    auto engine = world();
    DiagramRequest request;
    request.knownAt = PartialDate::parse("2025-06-30").value().lastDay();
    diagram::Diagram d = build(*engine, request);
    CHECK(findEdge(d, "Alchip", "Trainium3") == nullptr);
    CHECK_FALSE(findEdge(d, "Alphawave", "Trainium3")->conflict); // nothing to disagree with
    CHECK(findNode(d, "Trainium3")->ownerStatus == schema::FactStatus::Expected);
}

TEST_CASE("prefer latest keeps the most recent claims per key", "[diagram_builder]") {
    auto engine = world();
    DiagramRequest request;
    request.policy = ConflictPolicy::PreferLatest;
    diagram::Diagram d = build(*engine, request);
    CHECK(findEdge(d, "Alphawave", "Trainium3") == nullptr);
    CHECK(findEdge(d, "Alchip", "Trainium3") != nullptr);
    CHECK(findEdge(d, "Annapurna", "Trainium3") != nullptr);
}

TEST_CASE("a diff marks what was added, removed and changed", "[diagram_builder]") {
    auto engine = world();
    DiagramRequest request;
    request.policy = ConflictPolicy::PreferLatest;
    request.diff = DiagramDiff{PartialDate::parse("2025-06-30").value(), std::nullopt};
    diagram::Diagram d = build(*engine, request);
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

// Issue 21: the subtitle gives the date window and knowledge date shown, the footer how many
// sources are drawn, and an edge links to its newest source's address.
TEST_CASE("dates in the subtitle, the sources count in the footer, links to sources",
          "[diagram_builder]") {
    auto engine = world();
    diagram::Diagram all = build(*engine);
    CHECK(all.subtitle == "valid at any time · known at 2025-12-03 (the newest source)");
    CHECK(all.footer == "drawn from 2 sources");
    DiagramRequest request;
    request.window = Interval::of(PartialDate::parse("2026").value());
    request.knownAt = PartialDate::parse("2025-06-30").value().lastDay();
    diagram::Diagram dated = build(*engine, request);
    CHECK(dated.title == "develops, designs, fabbed_on, made_by"); // the dates are below it
    CHECK(dated.subtitle == "valid in 2026 · known at 2025-06-30");
    CHECK(dated.footer == "drawn from 1 source");

    Outcome added = engine->run("source blog published 2026-01 url \"https://blog.example/t3\".\n"
                                "source old published 2025-01 url \"https://old.example/\".\n"
                                "Alchip designs Trainium3 per blog rumored.\n"
                                "Alchip designs Trainium3 per old rumored.\n",
                                "more.kg");
    INFO(added.renderDiagnostics());
    REQUIRE(added.ok());
    diagram::Diagram linked = build(*engine);
    const diagram::DiagramEdge* alchip = findEdge(linked, "Alchip", "Trainium3");
    REQUIRE(alchip);
    CHECK(alchip->url == "https://blog.example/t3"); // the newest source with an address
    CHECK_THAT(alchip->tooltip, Contains("blog (2026-01) https://blog.example/t3"));
    CHECK(findEdge(linked, "N3", "TSMC")->url.empty()); // its source has no address
}
