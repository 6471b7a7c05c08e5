// Join planning: greedy order (most bound arguments, then the smaller relation, then query
// order), index lookup positions, where comparisons are checked, and the describePlan text.
#include "plan/plan.h"
#include "support/bind_text.h"

#include <catch2/catch.hpp>

#include <map>

using namespace chipgraph;
using testing::bindText;
using testing::chipCatalog;

namespace {

struct Planned {
    schema::Catalog catalog = chipCatalog();
    bind::BoundQuery query;
    plan::QueryPlan plan;
    std::string text;
};

// Plans the query with the given relation sizes (by name; missing relations are empty).
Planned planText(const std::string& text, const std::map<std::string, size_t>& sizes = {}) {
    Planned out;
    bind::BindResult r = bindText(text, out.catalog);
    for (const Diagnostic& d : r.diagnostics)
        UNSCOPED_INFO(d.message);
    REQUIRE(r.ok());
    REQUIRE(r.statements.size() == 1);
    out.query = std::get<bind::RunQuery>(r.statements[0].node).query;
    std::map<RelationId, size_t> byId;
    for (const auto& [name, size] : sizes)
        byId[out.catalog.findRelation(name)->id] = size;
    out.plan = plan::planQuery(out.query, [&](RelationId id) {
        auto it = byId.find(id);
        return it == byId.end() ? size_t{0} : it->second;
    });
    out.text = plan::describePlan(out.query, out.plan, out.catalog);
    return out;
}

std::vector<int> atomOrder(const plan::QueryPlan& plan) {
    std::vector<int> order;
    for (const plan::JoinStep& step : plan.steps)
        order.push_back(step.atom);
    return order;
}

} // namespace

TEST_CASE("a single atom with a constant is an index lookup", "[plan]") {
    Planned p = planText("? designs(F, Trainium3).");
    REQUIRE(p.plan.steps.size() == 1);
    CHECK(p.plan.steps[0].boundPositions == std::vector<int>{1});
    CHECK(p.plan.steps[0].lookupPosition == 1);
    CHECK(p.text == "1. lookup designs(F, Trainium3) on chip\n");
}

TEST_CASE("a single atom without constants is a scan", "[plan]") {
    Planned p = planText("? designs(F, C).");
    REQUIRE(p.plan.steps.size() == 1);
    CHECK(p.plan.steps[0].boundPositions.empty());
    CHECK(p.plan.steps[0].lookupPosition == -1);
    CHECK(p.text == "1. scan designs(F, C)\n");
}

TEST_CASE("the atom with a constant goes first, then the join on the shared variable", "[plan]") {
    Planned p =
        planText("? designs(F, C), develops(Amazon, C).", {{"designs", 10}, {"develops", 1000}});
    CHECK(atomOrder(p.plan) == std::vector<int>{1, 0});
    CHECK(p.plan.steps[1].boundPositions == std::vector<int>{1});
    CHECK(p.plan.steps[1].lookupPosition == 1);
    CHECK(p.text == "1. lookup develops(Amazon, C) on owner\n"
                    "2. lookup designs(F, C) on chip\n");
}

TEST_CASE("ties on bound arguments go to the smaller relation", "[plan]") {
    Planned small =
        planText("? designs(F, C), develops(V, C).", {{"designs", 50}, {"develops", 5}});
    CHECK(atomOrder(small.plan) == std::vector<int>{1, 0});
    CHECK(small.text == "1. scan develops(V, C)\n"
                        "2. lookup designs(F, C) on chip\n");
    Planned large =
        planText("? designs(F, C), develops(V, C).", {{"designs", 5}, {"develops", 50}});
    CHECK(atomOrder(large.plan) == std::vector<int>{0, 1});
}

TEST_CASE("equal sizes keep the query order", "[plan]") {
    Planned p = planText("? designs(F, C), develops(V, C).", {{"designs", 7}, {"develops", 7}});
    CHECK(atomOrder(p.plan) == std::vector<int>{0, 1});
}

TEST_CASE("more bound arguments beat a smaller relation", "[plan]") {
    Planned p = planText("? designs(F, C), designs(F, C2), develops(Amazon, C2), develops(V, C).",
                         {{"designs", 1}, {"develops", 100}});
    // develops(Amazon, C2) has a constant; then designs(F, C2) shares C2; then designs(F, C)
    // shares F; develops(V, C) comes last with C bound.
    CHECK(atomOrder(p.plan) == std::vector<int>{2, 1, 0, 3});
    CHECK(p.text == "1. lookup develops(Amazon, C2) on owner\n"
                    "2. lookup designs(F, C2) on chip\n"
                    "3. lookup designs(F, C) on firm\n"
                    "4. lookup develops(V, C) on chip\n");
}

TEST_CASE("a constant is preferred over a bound variable for the lookup", "[plan]") {
    Planned p = planText("? designs(F, C), designs(Broadcom, C).", {{"designs", 3}});
    // The second atom goes first (a constant); the first then has C bound.
    CHECK(atomOrder(p.plan) == std::vector<int>{1, 0});
    CHECK(p.plan.steps[0].lookupPosition == 0);
    Planned both =
        planText("? develops(V, C), designs(Broadcom, C).", {{"designs", 3}, {"develops", 3}});
    CHECK(both.plan.steps[1].boundPositions == std::vector<int>{1});
}

TEST_CASE("a fully bound atom probes on its constant", "[plan]") {
    Planned p = planText("? designs(F, C), designs(F, Trainium3).", {{"designs", 9}});
    REQUIRE(p.plan.steps.size() == 2);
    CHECK(p.plan.steps[0].atom == 1);
    CHECK(p.plan.steps[1].boundPositions == std::vector<int>{0});
    CHECK(p.plan.steps[1].lookupPosition == 0);
}

TEST_CASE("comparisons are checked right after their variables are bound", "[plan]") {
    Planned p = planText("? designs(F, C), designs(G, C), F != G.", {{"designs", 4}});
    REQUIRE(p.plan.steps.size() == 2);
    CHECK(p.plan.steps[0].comparisons.empty());
    CHECK(p.plan.steps[1].comparisons == std::vector<int>{0});
    CHECK(p.text == "1. scan designs(F, C)\n"
                    "2. lookup designs(G, C) on chip, then F != G\n");
}

TEST_CASE("a comparison with one variable is checked at the first step binding it", "[plan]") {
    Planned p = planText("? shipments(V, U), develops(V, C), U > 1000.",
                         {{"shipments", 1}, {"develops", 100}});
    CHECK(atomOrder(p.plan) == std::vector<int>{0, 1});
    CHECK(p.plan.steps[0].comparisons == std::vector<int>{0});
    CHECK(p.text == "1. scan shipments(V, U), then U > 1000\n"
                    "2. lookup develops(V, C) on owner\n");
}

TEST_CASE("variables bound by qualifiers count for comparisons", "[plan]") {
    Planned p = planText("? designs(F, C) { role: R }, R = \"primary\".");
    CHECK(p.plan.steps[0].comparisons == std::vector<int>{0});
    CHECK(p.text == "1. scan designs(F, C), then R = \"primary\"\n");
}

TEST_CASE("describePlan quotes names and prints numbers and wildcards", "[plan]") {
    CHECK(planText("? designs(_, \"TPU v7\").").text ==
          "1. lookup designs(_, \"TPU v7\") on chip\n");
    CHECK(planText("? shipments(Google, >3000000).").text ==
          "1. lookup shipments(Google, >3000000) on owner\n");
    CHECK(planText("? spec(C, \"HBM bandwidth\", V, U).").text ==
          "1. lookup spec(C, \"HBM bandwidth\", V, U) on metric\n");
}

TEST_CASE("every atom appears in the plan exactly once", "[plan]") {
    Planned p = planText("? designs(F, C), develops(V, C), customer_of(V, F), shipments(V, U).",
                         {{"designs", 3}, {"develops", 2}, {"customer_of", 5}, {"shipments", 1}});
    std::vector<int> order = atomOrder(p.plan);
    std::sort(order.begin(), order.end());
    CHECK(order == std::vector<int>{0, 1, 2, 3});
    CHECK(p.plan.steps[0].atom == 3); // the smallest relation, nothing bound yet
}
