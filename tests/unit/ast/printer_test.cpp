#include "ast/printer.h"
#include "parse/parser.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace chipgraph;

namespace {

ast::Program parseOk(const std::string& text) {
    parse::ParseResult r = parse::parseProgram(text, std::make_shared<const std::string>("t.kg"));
    INFO("parsing: " << text);
    for (const Diagnostic& d : r.diagnostics)
        INFO(d.message << "; " << d.hint);
    REQUIRE(r.ok());
    return std::move(r.program);
}

// Parse -> print -> parse -> print: both printings must be equal.
std::string roundTrip(const std::string& text) {
    std::string printed = ast::print(parseOk(text));
    std::string reprinted = ast::print(parseOk(printed));
    CHECK(reprinted == printed);
    return printed;
}

ast::Name bare(std::string text) {
    return {std::move(text), false, {}};
}

ast::Name quoted(std::string text) {
    return {std::move(text), true, {}};
}

ast::Term nameTerm(ast::Name name) {
    ast::Term t;
    t.kind = ast::Term::Kind::Name;
    t.name = std::move(name);
    return t;
}

ast::Term numberTerm(Number n) {
    ast::Term t;
    t.kind = ast::Term::Kind::Number;
    t.number.value = n;
    return t;
}

} // namespace

// ---- printing of hand-built nodes --------------------------------------------------------

TEST_CASE("terms print as names, quoted names, numbers and wildcards", "[printer]") {
    CHECK(ast::print(nameTerm(bare("Trainium3"))) == "Trainium3");
    CHECK(ast::print(nameTerm(quoted("TPU v7"))) == "\"TPU v7\"");
    CHECK(ast::print(nameTerm(quoted("say \"hi\""))) == "\"say \\\"hi\\\"\"");
    CHECK(ast::print(numberTerm(Number::approx(2000000))) == "~2000000");
    CHECK(ast::print(numberTerm(Number::range(10000, 50000))) == "10000..50000");
    ast::Term wildcard;
    wildcard.kind = ast::Term::Kind::Wildcard;
    CHECK(ast::print(wildcard) == "_");
}

TEST_CASE("atoms print in their written form with qualifiers", "[printer]") {
    ast::Atom infix;
    infix.infix = true;
    infix.relation = bare("designs");
    infix.args = {nameTerm(bare("Broadcom")), nameTerm(quoted("TPU v6"))};
    CHECK(ast::print(infix) == "Broadcom designs \"TPU v6\"");
    infix.qualifiers.push_back({bare("role"), nameTerm(quoted("primary")), {}});
    CHECK(ast::print(infix) == "Broadcom designs \"TPU v6\" { role: \"primary\" }");

    ast::Atom prefix;
    prefix.relation = bare("shipments");
    prefix.args = {nameTerm(bare("Google")), numberTerm(Number::greater(3000000))};
    CHECK(ast::print(prefix) == "shipments(Google, >3000000)");
}

TEST_CASE("a program prints one statement per line", "[printer]") {
    ast::Program program;
    ast::Statement type;
    type.node = ast::TypeDecl{bare("Vendor"), bare("Company")};
    program.statements.push_back(type);
    ast::Statement chip;
    chip.node = ast::TypeDecl{bare("Chip"), std::nullopt};
    program.statements.push_back(chip);
    CHECK(ast::print(program) == "type Vendor <: Company.\ntype Chip.\n");
}

// ---- parse -> print: the canonical text ----------------------------------------------------

TEST_CASE("declarations print back as written", "[printer]") {
    CHECK(roundTrip("type Vendor <: Company.") == "type Vendor <: Company.\n");
    CHECK(roundTrip("relation designs(firm: DesignFirm, chip: Chip) { role: text }.") ==
          "relation designs(firm: DesignFirm, chip: Chip) { role: text }.\n");
    CHECK(roundTrip("entity \"TPU v7\": Chip aka \"Ironwood\", \"TPUv7\".") ==
          "entity \"TPU v7\": Chip aka \"Ironwood\", \"TPUv7\".\n");
    CHECK(roundTrip("entity Google: Vendor aka \"Alphabet\", \"谷歌\", GOOGL.") ==
          "entity Google: Vendor aka \"Alphabet\", \"谷歌\", GOOGL.\n");
    CHECK(roundTrip("entity A, B: Chip.") == "entity A, B: Chip.\n");
    // Names over time: each name's dates follow it (docs/time.md, "Names over time").
    CHECK(roundTrip("entity X1 per press: Chip aka Old per note, Facebook until 2021-10-28.") ==
          "entity X1 per press: Chip aka Old per note, Facebook until 2021-10-28.\n");
    CHECK(roundTrip("entity A from 2024 per s, B: Chip.") ==
          "entity A from 2024 per s, B: Chip.\n");
    CHECK(roundTrip("source seed2025 \"海外算力ASIC:需求或提速\" by \"AI李子\" published 2025-06 "
                    "url \"https://xueqiu.com/7946831154/339168057\".") ==
          "source seed2025 \"海外算力ASIC:需求或提速\" by \"AI李子\" published 2025-06 "
          "url \"https://xueqiu.com/7946831154/339168057\".\n");
    CHECK(roundTrip("source bare.") == "source bare.\n");
}

TEST_CASE("facts print with validity, source, status and qualifiers", "[printer]") {
    CHECK(roundTrip("Broadcom designs \"TPU v6\" during 2023..2025 per seed2025.") ==
          "Broadcom designs \"TPU v6\" during 2023..2025 per seed2025.\n");
    // Qualifiers written after the status move next to the atom.
    CHECK(roundTrip("MediaTek designs \"TPU v7e\" from 2025 per seed2025 expected "
                    "{ role: \"partial\" }.") ==
          "MediaTek designs \"TPU v7e\" { role: \"partial\" } from 2025 per seed2025 expected.\n");
    CHECK(roundTrip("shipments(Google, >3000000) in 2026 per seed2025 forecast.") ==
          "shipments(Google, >3000000) in 2026 per seed2025 forecast.\n");
    CHECK(roundTrip("shipments(Microsoft, 10000..50000) in 2025.") ==
          "shipments(Microsoft, 10000..50000) in 2025.\n");
    CHECK(roundTrip("shipments(Amazon, ~2_000_000) until 2H2026.") ==
          "shipments(Amazon, ~2000000) until 2H2026.\n");
    CHECK(roundTrip("spec(Trainium3, \"HBM bandwidth\", 4.9, \"TB/s\") in 2025Q3.") ==
          "spec(Trainium3, \"HBM bandwidth\", 4.9, \"TB/s\") in 2025Q3.\n");
    CHECK(roundTrip("delta(X, -5..-3, <50000).") == "delta(X, -5..-3, <50000).\n");
    CHECK(roundTrip("retract Broadcom designs \"TPU v6\" per seed2025.") ==
          "retract Broadcom designs \"TPU v6\" per seed2025.\n");
}

TEST_CASE("queries print their body and modifiers", "[printer]") {
    CHECK(roundTrip("? designs(F, C), develops(Amazon, C).") ==
          "? designs(F, C), develops(Amazon, C).\n");
    CHECK(roundTrip("? designs(F, C), F != Broadcom during 2024..2026 known at 2025-06-30 "
                    "order by F desc, C limit 3.") ==
          "? designs(F, C), F != Broadcom during 2024..2026 known at 2025-06-30 "
          "order by F desc, C limit 3.\n");
    CHECK(roundTrip("? supplier_of(F, Google) as of 2026.") ==
          "? supplier_of(F, Google) as of 2026.\n");
    // `in P` and `as of P` are the same window.
    CHECK(roundTrip("? shipments(V, U) in 2026 order by U desc limit 3.") ==
          "? shipments(V, U) as of 2026 order by U desc limit 3.\n");
    CHECK(roundTrip("? designs(_, C), x(C) { role: R }.") ==
          "? designs(_, C), x(C) { role: R }.\n");
}

TEST_CASE("phrase questions print in their phrase form", "[printer]") {
    CHECK(roundTrip("who designs Trainium3?") == "who designs Trainium3?\n");
    CHECK(roundTrip("what does Broadcom design?") == "what does Broadcom design?\n");
    CHECK(roundTrip("which chips does Amazon develop as of 2026?") ==
          "which chips does Amazon develop as of 2026?\n");
    CHECK(roundTrip("what do \"TPU v7\" design?") == "what do \"TPU v7\" design?\n");
    CHECK(roundTrip("who designs TPU 8i?") == "who designs TPU 8i?\n");
    CHECK(roundTrip("谁设计Trainium3 as of 2026?") == "谁设计Trainium3 as of 2026?\n");
}

TEST_CASE("heads and disjunctions print as written", "[printer]") {
    CHECK(roundTrip("? distinct F, count(C): designs(F, C) ; develops(F, C) or x(C, F).") ==
          "? distinct F, count(C): designs(F, C); develops(F, C); x(C, F).\n");
    CHECK(roundTrip("rule r(C) :- a(C), b(C) or c(C).") == "rule r(C) :- a(C), b(C); c(C).\n");
}

TEST_CASE("comments and layout do not survive printing", "[printer]") {
    CHECK(roundTrip("-- a comment\ntype   Chip .  /* block */ type X <: Chip.") ==
          "type Chip.\ntype X <: Chip.\n");
}

TEST_CASE("escapes in strings survive the round trip", "[printer]") {
    CHECK(roundTrip(R"(entity "say \"hi\"": Chip.)") == "entity \"say \\\"hi\\\"\": Chip.\n");
    CHECK(roundTrip(R"(entity "back\\slash": Chip.)") == "entity \"back\\\\slash\": Chip.\n");
    CHECK(roundTrip(R"(x(A) { note: "line1\nline2" }.)") == "x(A) { note: \"line1\\nline2\" }.\n");
}

TEST_CASE("large and fractional numbers survive the round trip", "[printer]") {
    CHECK(roundTrip("tokens(Google, 1_000_000_000_000_000).") ==
          "tokens(Google, 1000000000000000).\n");
    CHECK(roundTrip("ratio(X, 0.00001).") == "ratio(X, 0.00001).\n");
}

TEST_CASE("the whole bundled style of program round-trips", "[printer]") {
    const std::string program = R"(
type Company.
type Vendor <: Company.
relation develops(owner: Vendor, chip: Chip) { restored: text, note: text }.
entity Trainium3: Chip aka "Trn3".
Amazon develops Trainium3 per seed2025 actual { restored: "Amazon/AWS, very high" }.
chip_shipments(Trainium3, >1700000) in 2026 per yahoo_tw_2026_02 rumored.
Marvell designs Trainium3 from 2026-H2 per marketdash_2026 view.
held_event(Marvell, "Custom AI Investor Event") in 2025-06-17 per seed2025 expected.
who designs Trainium3 known at 2025-06-30?
)";
    std::string printed = roundTrip(program);
    CHECK(std::count(printed.begin(), printed.end(), '\n') == 9);
}

TEST_CASE("per, status and reported survive the round trip, on atoms and queries", "[printer]") {
    CHECK(roundTrip("? designs(F, C) per S reported R, develops(V, C), R >= 2026-01.") ==
          "? designs(F, C) per S reported R, develops(V, C), R >= 2026-01.\n");
    // After the body's last atom, the clauses are the query's: printed among the modifiers.
    CHECK(roundTrip("? shipments(V, U) status forecast in 2026.") ==
          "? shipments(V, U) status forecast as of 2026.\n");
    CHECK(roundTrip("who designs Trainium3 per bi_2025_12?") ==
          "who designs Trainium3 per bi_2025_12?\n");
}

TEST_CASE("keys, policies, diffs, history, conflicts, changes and judgements round-trip",
          "[printer]") {
    for (const char* text : {
             "relation sales(owner: Vendor, units: number) per period key (owner).\n",
             "relation designs(firm: Firm, chip: Chip) { role: text } key (chip, role).\n",
             "? shipments(V, U) as of 2026 prefer latest.\n",
             "? shipments(V, U) prefer udn_2026_02, seed2025.\n",
             "? designs(F, Trainium3) diff known at 2025-06-30 .. 2026-06-30.\n",
             "who designs Trainium3 diff as of 2025 .. 2026?\n",
             "history shipments(Google, U) as of 2026 known at 2026-06-30.\n",
             "conflicts shipments(Google, _) as of 2026.\n",
             "changes known at 2025 .. 2026 for Amazon of designs.\n",
             "deprecate shipments(Google, ~4000000) in 2026 because \"old\" per udn_2026_02.\n",
         })
        CHECK(roundTrip(text) == text);
}
