// Queries over derived relations read rule evaluation's tables in place (FactView::addTable):
// the answers must be exactly those of the same tables turned into Facts first — values,
// validity intervals (a row valid on several), statuses, sources, report dates and order.
// Answers keep each distinct set of sources once (SourceSets).
#include "bind/stratify.h"
#include "eval/query_answer.h"
#include "eval/query_eval.h"
#include "eval/rule_engine.h"
#include "support/bind_text.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using testing::bindText;
using testing::chipCatalog;

namespace {

// Facts and rules bound into a catalog, the rules evaluated once.
struct Derived {
    schema::Catalog catalog = chipCatalog();
    eval::FactBase facts;
    std::vector<bind::BoundRule> rules;
    std::vector<bind::Stratum> strata;
    std::unique_ptr<eval::RuleEngine> engine;

    explicit Derived(const std::string& text) {
        bind::BindResult r = bindText(text, catalog);
        for (const Diagnostic& d : r.diagnostics)
            UNSCOPED_INFO(d.span.line << ":" << d.span.column << ": " << d.message);
        REQUIRE(r.ok());
        for (bind::BoundStatement& s : r.statements) {
            if (auto* add = std::get_if<bind::AddFact>(&s.node)) facts.add(add->fact);
            if (auto* rule = std::get_if<bind::DeclareRule>(&s.node)) rules.push_back(rule->rule);
        }
        bind::StratifyResult stratified = bind::stratify(rules, catalog);
        REQUIRE(stratified.ok());
        strata = stratified.strata;
        engine = std::make_unique<eval::RuleEngine>(catalog, facts, rules, strata,
                                                    eval::RuleEvalOptions{});
        std::vector<RelationId> all;
        for (const bind::BoundRule& rule : rules)
            all.push_back(rule.relation);
        REQUIRE(engine->evaluate(all).isOk());
    }

    RelationId relation(const std::string& name) const { return catalog.findRelation(name)->id; }

    // The query's rows, every column but the per-atom sources, with the derived relations read
    // from `view`.
    std::vector<std::vector<std::string>> rows(const std::string& question,
                                               const eval::FactView& view) {
        schema::Catalog copy = catalog;
        bind::BindResult r = bindText(question, copy);
        REQUIRE(r.ok());
        const bind::BoundQuery& q = std::get<bind::RunQuery>(r.statements[0].node).query;
        plan::QueryPlan plan = plan::planQuery(q, [&](RelationId id) { return view.size(id); });
        Result<Table> table = eval::evaluateQuery(q, plan, view, catalog);
        REQUIRE(table.isOk());
        std::vector<std::vector<std::string>> out;
        size_t shown = table.value().columns.size() - table.value().detailColumns;
        for (const std::vector<Cell>& row : table.value().rows) {
            out.emplace_back();
            for (size_t i = 0; i < shown; ++i)
                out.back().push_back(row[i].kind == Cell::Kind::Null ? "NULL" : row[i].text);
        }
        return out;
    }

    // The answers read in place and read from Facts agree; returns them.
    std::vector<std::vector<std::string>> agree(const std::string& question) {
        eval::FactBase derivedFacts;
        eval::FactView inPlace(facts);
        for (const bind::BoundRule& rule : rules) {
            for (schema::Fact& f : engine->factsOf(rule.relation))
                derivedFacts.add(std::move(f));
            inPlace.addTable(rule.relation, engine->table(rule.relation), engine->interner());
        }
        eval::FactView copied(facts, &derivedFacts);
        auto expected = rows(question, copied);
        auto actual = rows(question, inPlace);
        CHECK(actual == expected);
        return actual;
    }
};

const char* const kWorld = R"(
entity Meta: Vendor.
develops(Google, "TPU v7") during 2020..2022 per seed2025.
develops(Google, "TPU v7") during 2025..2026 per reuters2025.
develops(Amazon, Trainium3) from 2024 per reuters2025 expected.
designs(Broadcom, "TPU v7") during 2021..2025 per seed2025.
shipments(Google, 100) in 2021 per seed2025.
shipments(Google, 50) during 2021..2022 per reuters2025.
shipments(Amazon, 70) from 2025.
rule builds(F, V) :- designs(F, C), develops(V, C).
rule owns(V, C) :- develops(V, C).
rule units(V, sum(U)) :- shipments(V, U).
)";

} // namespace

TEST_CASE("a row valid on several intervals is one fact per interval", "[eval][view]") {
    Derived d(kWorld);
    // Google develops TPU v7 during 2020..2022 and 2025..2026: one row, two intervals.
    eval::DerivedTable owns(d.engine->table(d.relation("owns")), d.engine->interner());
    CHECK(owns.table().size() == 2);
    CHECK(owns.factCount() == 3);
    eval::DerivedTable builds(d.engine->table(d.relation("builds")), d.engine->interner());
    CHECK(builds.table().size() == 1);
    CHECK(builds.factCount() == 2);
    auto rows = d.agree("? builds(F, V).");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][2] == "2021..2022");
    CHECK(rows[1][2] == "2025");
}

TEST_CASE("in-place answers equal those read from facts", "[eval][view]") {
    Derived d(kWorld);
    CHECK(d.agree("? owns(V, C).").size() == 3);
    CHECK(d.agree("? owns(Google, C).").size() == 2);           // a lookup on a constant
    CHECK(d.agree("? owns(V, C), designs(F, C).").size() == 2); // joined with base facts
    CHECK(d.agree("? develops(V, C), owns(V, C).").size() == 3);
    CHECK(d.agree("? units(V, U).").size() == 3);
    CHECK(d.agree("? units(V, U), U > 60.").size() == 2);
    CHECK(d.agree("? owns(V, C) as of 2021.").size() == 1);
    CHECK(d.agree("? develops(V, C), not builds(_, V).").size() == 3); // 2020, 2026, Amazon
    // Sources and report dates come from the table's provenance.
    auto rows = d.agree("? owns(V, C) order by V.");
    CHECK(rows[0][4] == "reuters2025");
}

TEST_CASE("a constant no derived row holds finds nothing", "[eval][view]") {
    Derived d(kWorld);
    CHECK(d.agree("? owns(Meta, C).").empty()); // an entity no fact mentions: never interned
    CHECK(d.agree("? owns(V, Trainium3), owns(V, \"TPU v7\").").empty());
}

TEST_CASE("source sets are stored once and united", "[eval][view]") {
    eval::SourceSets sets;
    CHECK(sets.intern({}) == 0);
    uint32_t a = sets.intern({3, 7});
    CHECK(sets.intern({3, 7}) == a);
    CHECK(sets.unite(a, {7}) == a); // already included: the same set
    uint32_t b = sets.unite(a, {1, 7});
    CHECK(sets.at(b) == std::vector<SourceId>{1, 3, 7});
    CHECK(sets.unite(0, {1, 3, 7}) == b);
    CHECK(sets.size() == 3);
}

TEST_CASE("aggregates per stretch carry their members' sources and report dates",
          "[eval][view][aggregate]") {
    // Matches of the two groups arrive interleaved; one stretch has no member.
    Derived d(R"(
shipments(Google, 100) in 2021 per seed2025.
shipments(Amazon, 30) in 2022 per seed2025.
shipments(Google, 50) during 2021..2022 per reuters2025.
shipments(Amazon, 70) from 2025.
rule units(V, sum(U)) :- shipments(V, U).
rule sellers(count(V)) :- shipments(V, _).
)");
    using Rows = std::vector<std::vector<std::string>>;
    CHECK(d.agree("? units(V, U).") ==
          Rows{{"Amazon", "30", "2022", "actual", "seed2025", "2025-06"},
               {"Amazon", "70", "2025..", "actual", "NULL", "NULL"},
               {"Google", "50", "2022", "actual", "reuters2025", "2025-12-03"},
               {"Google", "150", "2021", "actual", "seed2025, reuters2025", "2025-12-03"}});
    // Provenance is kept per row: "1 seller" in 2021 and from 2025 is one row, its sources
    // those of both stretches.
    CHECK(d.agree("? sellers(N).") ==
          Rows{{"1", "2021", "actual", "seed2025, reuters2025", "2025-12-03"},
               {"1", "2025..", "actual", "seed2025, reuters2025", "2025-12-03"},
               {"2", "2022", "actual", "seed2025, reuters2025", "2025-12-03"}});
}
