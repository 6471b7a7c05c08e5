// Query evaluation over in-memory facts: joins, interval intersection of validities, window
// and known-at filtering, merging of derivations, ordering and limits.
#include "eval/query_eval.h"
#include "support/bind_text.h"

#include <catch2/catch.hpp>

using namespace chipgraph;
using testing::bindText;
using testing::chipCatalog;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// A catalog with the chip schema plus the facts loaded into a FactBase.
struct World {
    schema::Catalog catalog = chipCatalog();
    eval::FactBase facts;

    explicit World(const std::string& factText = "") {
        if (factText.empty()) return;
        bind::BindResult r = bindText(factText, catalog);
        for (const Diagnostic& d : r.diagnostics)
            UNSCOPED_INFO(d.span.line << ":" << d.span.column << ": " << d.message);
        REQUIRE(r.ok());
        for (bind::BoundStatement& s : r.statements)
            if (auto* add = std::get_if<bind::AddFact>(&s.node)) facts.add(add->fact);
    }

    Result<Table> evaluate(const std::string& queryText, const std::atomic<bool>* cancel) {
        schema::Catalog copy = catalog;
        bind::BindResult r = bindText(queryText, copy);
        for (const Diagnostic& d : r.diagnostics)
            UNSCOPED_INFO(d.message);
        REQUIRE(r.ok());
        REQUIRE(r.statements.size() == 1);
        const bind::BoundQuery& q = std::get<bind::RunQuery>(r.statements[0].node).query;
        plan::QueryPlan plan = plan::planQuery(q, [&](RelationId id) { return facts.size(id); });
        return eval::evaluateQuery(q, plan, eval::FactView(facts), catalog,
                                   eval::queryLimitsFromNow(cancel, {}, 0));
    }

    Table ask(const std::string& queryText) {
        Result<Table> table = evaluate(queryText, nullptr);
        INFO(table.status().message());
        REQUIRE(table.isOk());
        return std::move(table).value();
    }

    // The rows as text, every column but the per-atom sources (`detail`: those too).
    Rows rows(const std::string& queryText, bool detail = false) {
        Rows out;
        Table table = ask(queryText);
        size_t shown = table.columns.size() - (detail ? 0 : table.detailColumns);
        for (const std::vector<Cell>& row : table.rows) {
            std::vector<std::string> cells;
            for (size_t i = 0; i < shown; ++i)
                cells.push_back(row[i].kind == Cell::Kind::Null ? "NULL" : row[i].text);
            out.push_back(cells);
        }
        return out;
    }

    // Only the first `n` columns of each row (the variables).
    Rows values(const std::string& queryText, size_t n) {
        Rows out;
        for (std::vector<std::string> row : rows(queryText)) {
            row.resize(n);
            out.push_back(row);
        }
        return out;
    }
};

} // namespace

// ---- result shape ------------------------------------------------------------------------

TEST_CASE("answers have one column per variable plus provenance", "[eval]") {
    World w("Broadcom designs \"TPU v7\" per seed2025.");
    Table t = w.ask("? designs(F, C).");
    CHECK(t.columns == std::vector<std::string>{"F", "C", "valid", "status", "source", "reported",
                                                "source.designs"});
    CHECK(t.detailColumns == 1);
    CHECK(w.rows("? designs(F, C).") ==
          Rows{{"Broadcom", "TPU v7", "always", "actual", "seed2025", "2025-06"}});
}

TEST_CASE("an answer without a source has null source and report date", "[eval]") {
    World w("Broadcom designs Trainium3.");
    Table t = w.ask("? designs(F, C).");
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0][4].kind == Cell::Kind::Null);
    CHECK(t.rows[0][5].kind == Cell::Kind::Null);
}

TEST_CASE("no matching facts give an empty table with its columns", "[eval][error]") {
    World w;
    Table t = w.ask("? designs(F, Trainium3).");
    CHECK(t.rows.empty());
    CHECK(t.columns ==
          std::vector<std::string>{"F", "valid", "status", "source", "reported", "source.designs"});
}

TEST_CASE("every number is a number cell that keeps its precision", "[eval]") {
    World w("shipments(Google, 4614). shipments(Amazon, ~2000000).");
    Table t = w.ask("? shipments(V, U).");
    REQUIRE(t.rows.size() == 2);
    // Amazon sorts first.
    CHECK(t.rows[0][1].kind == Cell::Kind::Number);
    CHECK(t.rows[0][1].text == "~2000000");
    CHECK(t.rows[0][1].number == Number::approx(2000000));
    CHECK(t.rows[1][1].kind == Cell::Kind::Number);
    CHECK(t.rows[1][1].number == Number::exact(4614));
    CHECK(t.rows[1][1].text == "4614");
}

// ---- per-atom sources (issue 13 §6a) ---------------------------------------------------

TEST_CASE("each atom's sources are a detail column beside the union", "[eval]") {
    World w("Alchip designs Trainium3 per reuters2025.\n"
            "Alchip designs Trainium3 per seed2025.\n"
            "develops(Amazon, Trainium3) per seed2025.\n"
            "Alphawave designs Trainium3 per reuters2025.");
    Table t = w.ask("? designs(F, C), develops(V, C), designs(G, C), F != G.");
    CHECK(t.detailColumns == 3);
    CHECK(std::vector<std::string>(t.columns.end() - 3, t.columns.end()) ==
          std::vector<std::string>{"source.designs", "source.develops", "source.designs.2"});
    // Derivations merged into one answer unite their sources atom by atom: Alchip's two claims
    // back the first atom only.
    CHECK(w.rows("? designs(F, C), develops(V, C), designs(G, C), F != G.", true) ==
          Rows{{"Alchip", "Trainium3", "Amazon", "Alphawave", "always", "actual",
                "seed2025, reuters2025", "2025-12-03", "seed2025, reuters2025", "seed2025",
                "reuters2025"},
               {"Alphawave", "Trainium3", "Amazon", "Alchip", "always", "actual",
                "seed2025, reuters2025", "2025-12-03", "reuters2025", "seed2025",
                "seed2025, reuters2025"}});
}

// ---- joins -------------------------------------------------------------------------------

TEST_CASE("a join keeps the combinations that agree on shared variables", "[eval]") {
    World w("Broadcom designs \"TPU v7\".\n"
            "Alchip designs Trainium3.\n"
            "Alphawave designs Trainium3.\n"
            "Amazon develops Trainium3.\n"
            "Google develops \"TPU v7\".\n");
    CHECK(w.values("? designs(F, C), develops(Amazon, C).", 2) ==
          Rows{{"Alchip", "Trainium3"}, {"Alphawave", "Trainium3"}});
    CHECK(w.values("? designs(F, C), develops(V, C).", 3) ==
          Rows{{"Alchip", "Trainium3", "Amazon"},
               {"Alphawave", "Trainium3", "Amazon"},
               {"Broadcom", "TPU v7", "Google"}});
}

TEST_CASE("a variable repeated in one atom must match itself", "[eval][error]") {
    World w("customer_of(Google, Google). customer_of(Google, Broadcom).");
    CHECK(w.values("? customer_of(X, X).", 1) == Rows{{"Google"}});
}

TEST_CASE("comparisons filter answers", "[eval]") {
    World w("Alchip designs Trainium3. Alphawave designs Trainium3. Broadcom designs \"TPU v7\".");
    CHECK(w.values("? designs(F, C), designs(G, C), F != G, F < G.", 3) ==
          Rows{{"Alchip", "Trainium3", "Alphawave"}});
    CHECK(w.values("? designs(F, C), F = Broadcom.", 2) == Rows{{"Broadcom", "TPU v7"}});
}

TEST_CASE("numeric comparisons use the number's sort key", "[eval]") {
    World w("shipments(Google, >3000000). shipments(Amazon, 10000..50000).");
    CHECK(w.values("? shipments(V, U), U > 1000000.", 2) == Rows{{"Google", ">3000000"}});
    CHECK(w.values("? shipments(V, U), U <= 30000.", 2) == Rows{{"Amazon", "10000..50000"}});
}

TEST_CASE("qualifiers constrain and bind", "[eval]") {
    World w("Alphawave designs Trainium3 { role: \"primary\" }.\n"
            "Alchip designs Trainium3 { role: \"back-end\" }.\n"
            "Broadcom designs \"TPU v7\".\n");
    CHECK(w.values("? designs(F, C) { role: R }.", 3) ==
          Rows{{"Alchip", "Trainium3", "back-end"}, {"Alphawave", "Trainium3", "primary"}});
    CHECK(w.values("? designs(F, C) { role: \"primary\" }.", 2) ==
          Rows{{"Alphawave", "Trainium3"}});
    // A wildcard also matches a fact without the qualifier.
    CHECK(w.values("? designs(F, C) { role: _ }.", 1) ==
          Rows{{"Alchip"}, {"Alphawave"}, {"Broadcom"}});
}

TEST_CASE("which-questions keep only answers of the asked type", "[eval]") {
    World w("customer_of(Broadcom, Google). customer_of(Broadcom, Alchip).");
    CHECK(w.values("which vendors does Broadcom customer_of?", 1) == Rows{{"Google"}});
    CHECK(w.values("which companies does Broadcom customer_of?", 1) ==
          Rows{{"Alchip"}, {"Google"}});
}

// ---- time --------------------------------------------------------------------------------

TEST_CASE("a joined answer is valid where all its facts are", "[eval]") {
    World w("Alchip designs Trainium3 during 2023..2025.\n"
            "Amazon develops Trainium3 during 2025..2026.\n");
    CHECK(w.rows("? designs(F, C), develops(V, C).")[0][3] == "2025");
}

TEST_CASE("open intervals intersect into a closed one", "[eval]") {
    World w("Alchip designs Trainium3 from 2025.\n"
            "Amazon develops Trainium3 until 2025-06.\n");
    CHECK(w.rows("? designs(F, C), develops(V, C).")[0][3] == "2025-H1");
}

TEST_CASE("facts valid at disjoint times do not join", "[eval][error]") {
    World w("Alchip designs Trainium3 in 2024.\n"
            "Amazon develops Trainium3 in 2025.\n");
    CHECK(w.rows("? designs(F, C), develops(V, C).").empty());
    // Back-to-back periods share no day either.
    World adjacent("Alchip designs Trainium3 in 2025-H1.\n"
                   "Amazon develops Trainium3 in 2025-H2.\n");
    CHECK(adjacent.rows("? designs(F, C), develops(V, C).").empty());
}

TEST_CASE("a joined answer has the weakest status of its facts", "[eval]") {
    World w("Alchip designs Trainium3 rumored.\n"
            "Amazon develops Trainium3 actual.\n");
    CHECK(w.rows("? designs(F, C), develops(V, C).")[0][4] == "rumored");
}

TEST_CASE("as of keeps facts overlapping the period", "[eval]") {
    World w("Broadcom designs \"TPU v7\" in 2024.\n"
            "Alchip designs Trainium3 from 2025-H2.\n"
            "Alphawave designs Trainium3 from 2023.\n");
    CHECK(w.values("? designs(F, C) as of 2026.", 1) == Rows{{"Alchip"}, {"Alphawave"}});
    CHECK(w.values("? designs(F, C) as of 2024-12-31.", 1) == Rows{{"Alphawave"}, {"Broadcom"}});
    CHECK(w.values("? designs(F, C) during 2024..2025.", 1) ==
          Rows{{"Alchip"}, {"Alphawave"}, {"Broadcom"}});
    CHECK(w.values("? designs(F, C) as of 2025-H1.", 1) == Rows{{"Alphawave"}});
}

TEST_CASE("a window drops joined answers whose intersection misses it", "[eval][error]") {
    World w("Alchip designs Trainium3 during 2023..2026.\n"
            "Amazon develops Trainium3 during 2023..2024.\n");
    // Each fact overlaps 2023..2026, and so does their intersection 2023..2024.
    CHECK(w.rows("? designs(F, C), develops(V, C) as of 2024.").size() == 1);
    CHECK(w.rows("? designs(F, C), develops(V, C) as of 2025.").empty());
}

TEST_CASE("known at hides facts reported later", "[eval][error]") {
    World w("source undated.\n"
            "Alphawave designs Trainium3 per seed2025.\n"
            "Alchip designs Trainium3 per reuters2025.\n"
            "Broadcom designs \"TPU v7\".\n"
            "Broadcom designs Trainium3 per undated.\n");
    // Claims without a report date (no source, or an undated one) are never known at a date.
    CHECK(w.values("? designs(F, C) known at 2025-06-30.", 2) == Rows{{"Alphawave", "Trainium3"}});
    CHECK(w.values("? designs(F, C) known at 2025-12-03.", 1) == Rows{{"Alchip"}, {"Alphawave"}});
    CHECK(w.ask("? designs(F, C) known at 2025-12-03.").notes ==
          std::vector<std::string>{
              "2 claims without a report date were left out ('known at' needs one)"});
}

// Issue 13: a report date is a period; a claim is known once its whole report period is over.
TEST_CASE("known at sees a report period only once it has ended", "[eval][error]") {
    World w("source year2026 published 2026.\n"
            "Alphawave designs Trainium3 per seed2025.\n"
            "Alchip designs Trainium3 per year2026.\n");
    CHECK(w.rows("? designs(F, C) known at 2025-06-29.").empty());
    CHECK(w.values("? designs(F, C) known at 2025-06-30.", 1) == Rows{{"Alphawave"}});
    CHECK(w.values("? designs(F, C) known at 2026-01-01.", 1) == Rows{{"Alphawave"}});
    CHECK(w.values("? designs(F, C) known at 2026-12-30.", 1) == Rows{{"Alphawave"}});
    CHECK(w.values("? designs(F, C) known at 2026-12-31.", 1) == Rows{{"Alchip"}, {"Alphawave"}});
    // `known at 2026` means the end of 2026.
    CHECK(w.values("? designs(F, C) known at 2026.", 1) == Rows{{"Alchip"}, {"Alphawave"}});
    CHECK(w.ask("? designs(F, C) known at 2026-01-01.").notes.empty());
}

// Issue 13: no dates given is "undated", not "always": no window sees it, and it says so.
TEST_CASE("a window leaves out undated facts and says how many", "[eval][error]") {
    World w("Broadcom designs Trainium3.\nBroadcom designs \"TPU v7\" from 2025.\n");
    CHECK(w.values("? designs(F, C) as of 2026.", 2) == Rows{{"Broadcom", "TPU v7"}});
    CHECK(w.ask("? designs(Broadcom, C) as of 2026.").notes ==
          std::vector<std::string>{
              "1 claim without dates was left out (undated: a time window needs dates)"});
    // Without a window it is an answer.
    CHECK(w.values("? designs(F, C).", 2) ==
          Rows{{"Broadcom", "TPU v7"}, {"Broadcom", "Trainium3"}});
    // A claim that does not match the question is not counted.
    CHECK(w.ask("? designs(F, \"TPU v7\") as of 2026.").notes.empty());
}

// Issue 13: an amount per period is taken only when its period lies within the window.
TEST_CASE("a window takes amounts per period only within it", "[eval][error]") {
    World w("relation sold(owner: Vendor, units: number) per period.\n"
            "sold(Google, 100) in 2026.\nsold(Google, 40) in 2026-H2.\n"
            "sold(Amazon, 7) during 2025-H2..2026-H1.\n");
    CHECK(w.values("? sold(V, U) in 2026.", 2) == Rows{{"Google", "40"}, {"Google", "100"}});
    CHECK(w.ask("? sold(V, U) in 2026.").notes ==
          std::vector<std::string>{"1 claim whose period lies only partly in the window was "
                                   "left out (amounts per period are not split; ask for their "
                                   "whole period)"});
    // A full-year amount is not an amount for one half.
    CHECK(w.values("? sold(V, U) in 2026-H2.", 2) == Rows{{"Google", "40"}});
    CHECK(w.values("? sold(V, U) during 2025..2026.", 1) ==
          Rows{{"Amazon"}, {"Google"}, {"Google"}});
}

TEST_CASE("a window outside every fact gives no rows", "[eval][error]") {
    World w("Alchip designs Trainium3 in 2025.\nAlphawave designs Trainium3 during 2023..2024.\n");
    CHECK(w.rows("? designs(F, C) as of 2026.").empty());
    CHECK(w.rows("? designs(F, C) during 2019..2022.").empty());
}

TEST_CASE("known at before every report keeps nothing", "[eval][error]") {
    World w("Alphawave designs Trainium3 per seed2025.\nAlchip designs Trainium3.\n");
    CHECK(w.rows("? designs(F, C) known at 2020.").empty());
}

TEST_CASE("a constant qualifier excludes facts without that qualifier", "[eval][error]") {
    World w("Alchip designs Trainium3.\nAlphawave designs Trainium3 { role: \"other\" }.\n");
    CHECK(w.rows("? designs(F, C) { role: \"primary\" }.").empty());
    CHECK(w.values("? designs(F, C) { role: R }.", 1) == Rows{{"Alphawave"}});
}

TEST_CASE("values of different kinds never compare equal", "[eval][error]") {
    World w("spec(Trainium3, \"5\", 5, \"x\").");
    CHECK(w.rows("? spec(C, M, V, U), V = ~5.").empty());
    CHECK(w.values("? spec(C, M, V, U), V = 5.", 1) == Rows{{"Trainium3"}});
}

// Found by these tests: a quoted string in a comparison becomes an entity whenever some entity
// has that name, even when the other side is a text column, so the text never matches.
TEST_CASE("a quoted string compared with a text variable stays text", "[eval][bug]") {
    World w("spec(Trainium3, \"Trainium3\", 1, \"x\"). spec(Trainium3, \"other\", 2, \"x\").");
    CHECK(w.values("? spec(C, M, V, U), M = \"Trainium3\".", 2) ==
          Rows{{"Trainium3", "Trainium3"}});
}

// Found by these tests: `F < G` compares names case-sensitively ("Broadcom" < "alpha") while
// answers sort case-insensitively (alpha before Broadcom), so the two disagree.
TEST_CASE("name comparisons agree with the sort order", "[eval][bug]") {
    World w("entity alpha: DesignFirm.\nalpha designs Trainium3. Broadcom designs Trainium3.\n");
    CHECK(w.values("? designs(F, C), designs(G, C), F < G.", 3) ==
          Rows{{"alpha", "Trainium3", "Broadcom"}});
}

TEST_CASE("a three-way join needs all three premises at once", "[eval][error]") {
    World w("Alchip designs Trainium3 in 2025.\n"
            "Amazon develops Trainium3 in 2026.\n"
            "customer_of(Amazon, Alchip) during 2025..2026.\n");
    CHECK(w.rows("? designs(F, C), develops(V, C), customer_of(V, F).").empty());
}

// ---- merging derivations -----------------------------------------------------------------

TEST_CASE("the same answer from several sources is one row listing them", "[eval]") {
    World w("Alchip designs Trainium3 in 2026 per reuters2025 rumored { role: \"a\" }.\n"
            "Alchip designs Trainium3 in 2026 per seed2025 rumored { role: \"b\" }.\n");
    // Sources by publication date; the answer was first known from the earlier report.
    CHECK(w.rows("? designs(F, C).") ==
          Rows{{"Alchip", "Trainium3", "2026", "rumored", "seed2025, reuters2025", "2025-06"}});
}

TEST_CASE("claims with different validity or status stay separate rows", "[eval]") {
    World w("Alchip designs Trainium3 per reuters2025 rumored.\n"
            "Alchip designs Trainium3 in 2026 per reuters2025 rumored.\n"
            "Alchip designs Trainium3 in 2026 per seed2025 expected.\n");
    CHECK(w.rows("? designs(F, C).") ==
          Rows{{"Alchip", "Trainium3", "always", "rumored", "reuters2025", "2025-12-03"},
               {"Alchip", "Trainium3", "2026", "expected", "seed2025", "2025-06"},
               {"Alchip", "Trainium3", "2026", "rumored", "reuters2025", "2025-12-03"}});
}

TEST_CASE("a joined answer reports when its last premise was published", "[eval]") {
    World w("Alchip designs Trainium3 per reuters2025.\n"
            "Amazon develops Trainium3 per seed2025.\n");
    CHECK(w.rows("? designs(F, C), develops(V, C).") ==
          Rows{{"Alchip", "Trainium3", "Amazon", "always", "actual", "seed2025, reuters2025",
                "2025-12-03"}});
}

// ---- order and limit ---------------------------------------------------------------------

TEST_CASE("answers sort by every column, names case-insensitively", "[eval]") {
    World w("entity alpha: DesignFirm. entity Zeta: DesignFirm.\n"
            "Zeta designs Trainium3. alpha designs Trainium3. Broadcom designs Trainium3.\n");
    CHECK(w.values("? designs(F, C).", 1) == Rows{{"alpha"}, {"Broadcom"}, {"Zeta"}});
}

TEST_CASE("order by sorts numbers by value, descending on request", "[eval]") {
    World w("shipments(Google, >3000000). shipments(Amazon, 100).\n"
            "entity Microsoft: Vendor. entity Meta: Vendor.\n"
            "shipments(Microsoft, 10000..50000). shipments(Meta, ~2000000).\n");
    CHECK(w.values("? shipments(V, U) order by U desc.", 2) == Rows{{"Google", ">3000000"},
                                                                    {"Meta", "~2000000"},
                                                                    {"Microsoft", "10000..50000"},
                                                                    {"Amazon", "100"}});
    CHECK(w.values("? shipments(V, U) order by U.", 1) ==
          Rows{{"Amazon"}, {"Microsoft"}, {"Meta"}, {"Google"}});
}

TEST_CASE("order by numbers: negatives, -0 equal to 0, ties by the other columns", "[eval]") {
    World w("entity Meta: Vendor. entity Microsoft: Vendor.\n"
            "shipments(Google, -5). shipments(Amazon, 2.5). shipments(Microsoft, -0).\n"
            "shipments(Meta, 0). shipments(Microsoft, -1.5). shipments(Google, 2.5).\n");
    CHECK(w.values("? shipments(V, U) order by U.", 2) == Rows{{"Google", "-5"},
                                                               {"Microsoft", "-1.5"},
                                                               {"Meta", "0"},
                                                               {"Microsoft", "-0"},
                                                               {"Amazon", "2.5"},
                                                               {"Google", "2.5"}});
    CHECK(w.values("? shipments(V, U) order by U desc.", 2) == Rows{{"Amazon", "2.5"},
                                                                    {"Google", "2.5"},
                                                                    {"Meta", "0"},
                                                                    {"Microsoft", "-0"},
                                                                    {"Microsoft", "-1.5"},
                                                                    {"Google", "-5"}});
    CHECK(w.values("? shipments(V, U) order by V desc.", 2) == Rows{{"Microsoft", "-1.5"},
                                                                    {"Microsoft", "-0"},
                                                                    {"Meta", "0"},
                                                                    {"Google", "-5"},
                                                                    {"Google", "2.5"},
                                                                    {"Amazon", "2.5"}});
}

TEST_CASE("order by validity sorts by start then end", "[eval]") {
    World w("in_service(Trainium3) from 2026.\n"
            "in_service(Trainium3) in 2025.\n"
            "in_service(Trainium3) during 2025..2026.\n"
            "in_service(Trainium3).\n");
    Rows rows = w.rows("? in_service(C) order by valid desc.");
    std::vector<std::string> valid;
    for (const auto& row : rows)
        valid.push_back(row[1]);
    CHECK(valid == std::vector<std::string>{"2026..", "2025..2026", "2025", "always"});
}

TEST_CASE("limit keeps the first rows after ordering", "[eval]") {
    World w("shipments(Google, 3). shipments(Amazon, 1).\n"
            "entity Meta: Vendor. shipments(Meta, 2).\n");
    CHECK(w.values("? shipments(V, U) order by U desc limit 2.", 1) == Rows{{"Google"}, {"Meta"}});
    CHECK(w.values("? shipments(V, U) limit 1.", 1) == Rows{{"Amazon"}});
    CHECK(w.rows("? shipments(V, U) limit 0.").empty());
    CHECK(w.rows("? shipments(V, U) limit 10.").size() == 3);
}

// ---- cancellation ------------------------------------------------------------------------

TEST_CASE("a cancelled evaluation fails with 'interrupted'", "[eval][error]") {
    std::string text;
    for (int i = 0; i < 100; ++i)
        text += "shipments(Google, " + std::to_string(i) + ").\n";
    World w(text);
    std::atomic<bool> cancel{true};
    Result<Table> stopped = w.evaluate("? shipments(V, U), shipments(W, X).", &cancel);
    REQUIRE_FALSE(stopped.isOk());
    CHECK(stopped.status().message() == "interrupted");
    std::atomic<bool> go{false};
    Result<Table> finished = w.evaluate("? shipments(V, U), shipments(W, X).", &go);
    REQUIRE(finished.isOk());
    CHECK(finished.value().rows.size() == 100 * 100);
}
