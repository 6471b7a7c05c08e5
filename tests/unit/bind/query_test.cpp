// Binding conjunctive queries: variables and constants, comparisons, modifiers. The errors are
// golden records (tests/golden/errors/bind_queries.test).
#include "support/bind_text.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using testing::bindText;
using testing::chipCatalog;
using testing::positionOf;

namespace {

struct BoundQuery {
    schema::Catalog catalog = chipCatalog();
    bind::BoundQuery query;
};

BoundQuery bindQuery(const std::string& text) {
    BoundQuery out;
    bind::BindResult r = bindText(text, out.catalog);
    for (const Diagnostic& d : r.diagnostics)
        UNSCOPED_INFO(positionOf(d) << ": " << d.message << "; " << d.hint);
    REQUIRE(r.ok());
    REQUIRE(r.statements.size() == 1);
    REQUIRE(std::holds_alternative<bind::RunQuery>(r.statements[0].node));
    out.query = std::get<bind::RunQuery>(r.statements[0].node).query;
    return out;
}

std::vector<std::string> variableNames(const bind::BoundQuery& q) {
    std::vector<std::string> names;
    for (const bind::Variable& v : q.variables)
        names.push_back(v.name);
    return names;
}

DayNumber day(int y, int m, int d) {
    return daysFromCivil(y, m, d);
}

} // namespace

// ---- atoms and variables -----------------------------------------------------------------

TEST_CASE("variables are numbered by first appearance and shared", "[bind][query]") {
    BoundQuery b = bindQuery("? designs(F, C), develops(Amazon, C).");
    CHECK(variableNames(b.query) == std::vector<std::string>{"F", "C"});
    REQUIRE(b.query.atoms.size() == 2);
    const bind::BoundAtom& designs = b.query.atoms[0];
    CHECK(designs.relation == b.catalog.findRelation("designs")->id);
    CHECK(designs.args[0].kind == bind::BoundTerm::Kind::Variable);
    CHECK(designs.args[0].variable == 0);
    CHECK(designs.args[1].variable == 1);
    const bind::BoundAtom& develops = b.query.atoms[1];
    CHECK(develops.args[0].kind == bind::BoundTerm::Kind::Constant);
    CHECK(develops.args[0].value == Value::entity(b.catalog.findEntity("Amazon")->id));
    CHECK(develops.args[1].variable == 1);
}

TEST_CASE("variables take the kind of their column", "[bind][query]") {
    BoundQuery b = bindQuery("? spec(C, M, V, U).");
    REQUIRE(b.query.variables.size() == 4);
    CHECK(b.query.variables[0].kind == schema::ColumnKind::Entity);
    CHECK(b.query.variables[1].kind == schema::ColumnKind::Text);
    CHECK(b.query.variables[2].kind == schema::ColumnKind::Number);
    CHECK(b.query.variables[3].kind == schema::ColumnKind::Text);
    CHECK(b.query.variables[0].requiredType == kNoId);
}

TEST_CASE("capitalised entity names and aliases are constants", "[bind][query]") {
    BoundQuery b = bindQuery("? designs(Broadcom, Ironwood).");
    CHECK(b.query.variables.empty());
    CHECK(b.query.atoms[0].args[1].value == Value::entity(b.catalog.findEntity("TPU v7")->id));
    CHECK(bindQuery("? develops(谷歌, C).").query.atoms[0].args[0].value ==
          Value::entity(b.catalog.findEntity("Google")->id));
}

TEST_CASE("wildcards bind nothing", "[bind][query]") {
    BoundQuery b = bindQuery("? designs(_, C).");
    CHECK(variableNames(b.query) == std::vector<std::string>{"C"});
    CHECK(b.query.atoms[0].args[0].kind == bind::BoundTerm::Kind::Wildcard);
}

TEST_CASE("qualifier constraints bind variables and constants", "[bind][query]") {
    BoundQuery b = bindQuery("? designs(F, C) { role: R }.");
    CHECK(variableNames(b.query) == std::vector<std::string>{"F", "C", "R"});
    REQUIRE(b.query.atoms[0].qualifiers.size() == 1);
    CHECK(b.query.atoms[0].qualifiers[0].first == 0);
    CHECK(b.query.variables[2].kind == schema::ColumnKind::Text);
    BoundQuery c = bindQuery("? designs(F, C) { role: \"primary\" }.");
    CHECK(c.query.atoms[0].qualifiers[0].second.value == Value::text("primary"));
}

TEST_CASE("comparisons bind to variables and constants", "[bind][query]") {
    BoundQuery b = bindQuery("? designs(F, C), designs(G, C), F != G, F = Broadcom.");
    REQUIRE(b.query.comparisons.size() == 2);
    const bind::BoundComparison& ne = b.query.comparisons[0];
    CHECK(ne.op == bind::CompareOp::Ne);
    CHECK(ne.lhs.isTerm);
    CHECK(ne.lhs.term.variable == 0);
    CHECK(ne.rhs.term.variable == 2);
    const bind::BoundComparison& eq = b.query.comparisons[1];
    CHECK(eq.op == bind::CompareOp::Eq);
    CHECK(eq.rhs.term.kind == bind::BoundTerm::Kind::Constant);
    CHECK(eq.rhs.term.value == Value::entity(b.catalog.findEntity("Broadcom")->id));
}

TEST_CASE("comparison operators and number constants", "[bind][query]") {
    BoundQuery b = bindQuery(
        "? shipments(V, U), U > 1000, U >= 1, U < >5, U <= 7, M = \"TB/s\", spec(_, M, _, _).");
    REQUIRE(b.query.comparisons.size() == 5);
    CHECK(b.query.comparisons[0].op == bind::CompareOp::Gt);
    CHECK(b.query.comparisons[0].rhs.term.value == Value::number(Number::exact(1000)));
    CHECK(b.query.comparisons[1].op == bind::CompareOp::Ge);
    CHECK(b.query.comparisons[2].op == bind::CompareOp::Lt);
    CHECK(b.query.comparisons[2].rhs.term.value == Value::number(Number::greater(5)));
    CHECK(b.query.comparisons[3].op == bind::CompareOp::Le);
    CHECK(b.query.comparisons[4].rhs.term.value == Value::text("TB/s"));
}

// ---- modifiers ---------------------------------------------------------------------------

TEST_CASE("as of, in and during become the query window", "[bind][query]") {
    CHECK(bindQuery("? designs(F, C) as of 2026.").query.window ==
          std::optional<Interval>({day(2026, 1, 1), day(2027, 1, 1)}));
    CHECK(bindQuery("? designs(F, C) in 2H2026.").query.window ==
          std::optional<Interval>({day(2026, 7, 1), day(2027, 1, 1)}));
    CHECK(bindQuery("? designs(F, C) during 2024..2026.").query.window ==
          std::optional<Interval>({day(2024, 1, 1), day(2027, 1, 1)}));
    CHECK_FALSE(bindQuery("? designs(F, C).").query.window);
}

TEST_CASE("known at keeps the last day of its period", "[bind][query]") {
    CHECK(bindQuery("? designs(F, C) known at 2025-06-30.").query.knownAt ==
          std::optional<DayNumber>(day(2025, 6, 30)));
    CHECK(bindQuery("? designs(F, C) known at 2025-06.").query.knownAt ==
          std::optional<DayNumber>(day(2025, 6, 30)));
    CHECK(bindQuery("? designs(F, C) known at 2024-02.").query.knownAt ==
          std::optional<DayNumber>(day(2024, 2, 29)));
}

TEST_CASE("order by refers to result columns, provenance included", "[bind][query]") {
    BoundQuery b = bindQuery("? designs(F, C) order by C desc, F, reported desc limit 3.");
    REQUIRE(b.query.orderBy.size() == 3);
    CHECK(b.query.orderBy[0].column == 1);
    CHECK(b.query.orderBy[0].descending);
    CHECK(b.query.orderBy[1].column == 0);
    CHECK_FALSE(b.query.orderBy[1].descending);
    CHECK(b.query.orderBy[2].column == 2 + 3); // valid, status, source, reported
    CHECK(b.query.limit == std::optional<int64_t>(3));
}
