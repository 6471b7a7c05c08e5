// Valid programs of every statement form produce the right AST, with spans.
#include "parse/parser.h"

#include <catch2/catch.hpp>

using namespace chipgraph;

namespace {

ast::Program parseOk(const std::string& text) {
    parse::ParseResult r = parse::parseProgram(text, std::make_shared<const std::string>("t.kg"));
    for (const Diagnostic& d : r.diagnostics)
        UNSCOPED_INFO(d.span.line << ":" << d.span.column << ": " << d.message << "; " << d.hint);
    REQUIRE(r.ok());
    return std::move(r.program);
}

template <typename T> T only(const std::string& text) {
    ast::Program p = parseOk(text);
    REQUIRE(p.statements.size() == 1);
    REQUIRE(std::holds_alternative<T>(p.statements[0].node));
    return std::get<T>(p.statements[0].node);
}

} // namespace

TEST_CASE("an empty or comment-only program has no statements", "[parser]") {
    CHECK(parseOk("").statements.empty());
    CHECK(parseOk("-- only a comment\n/* and a block\n comment */\n").statements.empty());
}

TEST_CASE("type declarations with and without a parent", "[parser]") {
    auto plain = only<ast::TypeDecl>("type Chip.");
    CHECK(plain.name.text == "Chip");
    CHECK_FALSE(plain.name.quoted);
    CHECK_FALSE(plain.parent.has_value());
    auto sub = only<ast::TypeDecl>("type Vendor <: Company.");
    CHECK(sub.name.text == "Vendor");
    REQUIRE(sub.parent);
    CHECK(sub.parent->text == "Company");
    auto quotedName = only<ast::TypeDecl>("type \"Process Node\".");
    CHECK(quotedName.name.text == "Process Node");
    CHECK(quotedName.name.quoted);
}

TEST_CASE("relation declarations split argument and qualifier columns", "[parser]") {
    auto r = only<ast::RelationDecl>(
        "relation designs(firm: DesignFirm, chip: Chip) { role: text, note: text }.");
    CHECK(r.name.text == "designs");
    REQUIRE(r.columns.size() == 2);
    CHECK(r.columns[0].name.text == "firm");
    CHECK(r.columns[0].type.text == "DesignFirm");
    CHECK(r.columns[1].name.text == "chip");
    CHECK(r.columns[1].type.text == "Chip");
    REQUIRE(r.qualifiers.size() == 2);
    CHECK(r.qualifiers[0].name.text == "role");
    CHECK(r.qualifiers[0].type.text == "text");
    CHECK(r.qualifiers[1].name.text == "note");
    auto single = only<ast::RelationDecl>("relation in_service(chip: Chip).");
    CHECK(single.columns.size() == 1);
    CHECK(single.qualifiers.empty());
}

TEST_CASE("soft keywords can name columns and relations", "[parser]") {
    auto r = only<ast::RelationDecl>("relation at(by: Chip, url: text) { order: text }.");
    CHECK(r.name.text == "at");
    CHECK(r.columns[0].name.text == "by");
    CHECK(r.columns[1].name.text == "url");
    CHECK(r.qualifiers[0].name.text == "order");
}

TEST_CASE("entity declarations with names, a type and aliases", "[parser]") {
    auto e = only<ast::EntityDecl>("entity Google: Vendor aka \"Alphabet\", \"谷歌\", GOOGL.");
    REQUIRE(e.names.size() == 1);
    CHECK(e.names[0].text == "Google");
    CHECK(e.type.text == "Vendor");
    REQUIRE(e.aliases.size() == 3);
    CHECK(e.aliases[0].text == "Alphabet");
    CHECK(e.aliases[0].quoted);
    CHECK(e.aliases[1].text == "谷歌");
    CHECK(e.aliases[2].text == "GOOGL");
    CHECK_FALSE(e.aliases[2].quoted);

    auto many = only<ast::EntityDecl>("entity \"TPU v7\", 谷歌芯片: Chip.");
    REQUIRE(many.names.size() == 2);
    CHECK(many.names[0].text == "TPU v7");
    CHECK(many.names[1].text == "谷歌芯片");
    CHECK(many.type.text == "Chip");
    CHECK(many.aliases.empty());
}

TEST_CASE("source declarations with every field", "[parser]") {
    auto s = only<ast::SourceDecl>("source seed2025 \"海外算力ASIC:需求或提速\" by \"AI李子\" "
                                   "published 2025-06 url \"https://xueqiu.com/1\".");
    CHECK(s.name.text == "seed2025");
    CHECK(s.title == std::optional<std::string>("海外算力ASIC:需求或提速"));
    CHECK(s.author == std::optional<std::string>("AI李子"));
    REQUIRE(s.published);
    CHECK(s.published->text == "2025-06");
    CHECK(s.url == std::optional<std::string>("https://xueqiu.com/1"));

    auto bare = only<ast::SourceDecl>("source tsmc_logic url \"https://tsmc.com\" published 2025.");
    CHECK_FALSE(bare.title);
    CHECK_FALSE(bare.author);
    REQUIRE(bare.published);
    CHECK(bare.published->text == "2025");
}

TEST_CASE("infix and prefix facts give the same atom shape", "[parser]") {
    auto infix = only<ast::FactStmt>("Broadcom designs \"TPU v6\".");
    CHECK(infix.atom.infix);
    CHECK(infix.atom.relation.text == "designs");
    REQUIRE(infix.atom.args.size() == 2);
    CHECK(infix.atom.args[0].name.text == "Broadcom");
    CHECK(infix.atom.args[1].name.text == "TPU v6");
    CHECK(infix.atom.args[1].name.quoted);
    CHECK_FALSE(infix.retract);

    auto prefix = only<ast::FactStmt>("designs(Broadcom, \"TPU v6\").");
    CHECK_FALSE(prefix.atom.infix);
    CHECK(prefix.atom.relation.text == "designs");
    REQUIRE(prefix.atom.args.size() == 2);
    CHECK(prefix.atom.args[0].name.text == "Broadcom");
    CHECK(prefix.atom.args[1].name.text == "TPU v6");
}

TEST_CASE("fact clauses: validity, source, status and qualifiers", "[parser]") {
    auto f = only<ast::FactStmt>(
        "MediaTek designs \"TPU v7e\" from 2025 per seed2025 expected { role: \"partial\" }.");
    REQUIRE(f.validity);
    CHECK(f.validity->kind == ast::Validity::Kind::From);
    CHECK(f.validity->first.text == "2025");
    REQUIRE(f.source);
    CHECK(f.source->text == "seed2025");
    REQUIRE(f.status);
    CHECK(f.status->text == "expected");
    REQUIRE(f.atom.qualifiers.size() == 1);
    CHECK(f.atom.qualifiers[0].key.text == "role");
    CHECK(f.atom.qualifiers[0].value.name.text == "partial");

    auto noClauses = only<ast::FactStmt>("Broadcom designs X.");
    CHECK_FALSE(noClauses.validity);
    CHECK_FALSE(noClauses.source);
    CHECK_FALSE(noClauses.status);
}

TEST_CASE("every validity form keeps its dates as written", "[parser]") {
    auto in = only<ast::FactStmt>("x(A) in 2H2026.");
    CHECK(in.validity->kind == ast::Validity::Kind::In);
    CHECK(in.validity->first.text == "2H2026");
    auto during = only<ast::FactStmt>("x(A) during 2025Q3..2026-06-17.");
    CHECK(during.validity->kind == ast::Validity::Kind::During);
    CHECK(during.validity->first.text == "2025Q3");
    CHECK(during.validity->second.text == "2026-06-17");
    auto until = only<ast::FactStmt>("x(A) until 2025-06.");
    CHECK(until.validity->kind == ast::Validity::Kind::Until);
    CHECK(until.validity->first.text == "2025-06");
    // Out-of-range parts still lex as dates; the binder rejects them with a clear message.
    CHECK(only<ast::FactStmt>("x(A) in 2025-13.").validity->first.text == "2025-13");
    CHECK(only<ast::FactStmt>("x(A) in 2025-02-30.").validity->first.text == "2025-02-30");
}

TEST_CASE("numbers of every kind", "[parser]") {
    auto f = only<ast::FactStmt>("n(A, 4614, ~2_000_000, >3000000, <50000, 10000..50000, -2.5).");
    REQUIRE(f.atom.args.size() == 7);
    CHECK(f.atom.args[0].kind == ast::Term::Kind::Name);
    for (size_t i = 1; i < 7; ++i)
        CHECK(f.atom.args[i].kind == ast::Term::Kind::Number);
    CHECK(f.atom.args[1].number.value == Number::exact(4614));
    CHECK(f.atom.args[2].number.value == Number::approx(2000000));
    CHECK(f.atom.args[3].number.value == Number::greater(3000000));
    CHECK(f.atom.args[4].number.value == Number::less(50000));
    CHECK(f.atom.args[5].number.value == Number::range(10000, 50000));
    CHECK(f.atom.args[6].number.value == Number::exact(-2.5));
}

TEST_CASE("retract takes a fact with optional clauses", "[parser]") {
    auto r = only<ast::FactStmt>("retract Broadcom designs \"TPU v6\" per seed2025.");
    CHECK(r.retract);
    CHECK(r.atom.relation.text == "designs");
    REQUIRE(r.source);
    CHECK(r.source->text == "seed2025");
}

TEST_CASE("string escapes are resolved in names", "[parser]") {
    auto e = only<ast::EntityDecl>(R"(entity "say \"hi\" \\ \n\t": Chip.)");
    CHECK(e.names[0].text == "say \"hi\" \\ \n\t");
}

TEST_CASE("conjunctive queries with atoms, comparisons and wildcards", "[parser]") {
    auto q = only<ast::QueryStmt>("? designs(F, C), develops(Amazon, C), F != Broadcom, _ = C.");
    REQUIRE(q.body.size() == 4);
    REQUIRE(std::holds_alternative<ast::Atom>(q.body[0]));
    CHECK(std::get<ast::Atom>(q.body[0]).relation.text == "designs");
    CHECK(std::get<ast::Atom>(q.body[1]).args[0].name.text == "Amazon");
    REQUIRE(std::holds_alternative<ast::Comparison>(q.body[2]));
    const auto& ne = std::get<ast::Comparison>(q.body[2]);
    CHECK(ne.op == "!=");
    REQUIRE(ne.lhs.kind == ast::Expr::Kind::Term);
    CHECK(ne.lhs.term.name.text == "F");
    CHECK(ne.rhs.term.name.text == "Broadcom");
    CHECK(std::get<ast::Comparison>(q.body[3]).lhs.term.kind == ast::Term::Kind::Wildcard);
    CHECK_FALSE(q.modifiers.window);
    CHECK_FALSE(q.modifiers.limit);
}

TEST_CASE("every comparison operator parses", "[parser]") {
    for (std::string op : {"=", "!=", "<", "<=", ">", ">="}) {
        auto q = only<ast::QueryStmt>("? shipments(V, U), U " + op + " 5.");
        CHECK(std::get<ast::Comparison>(q.body[1]).op == op);
    }
}

TEST_CASE("query modifiers: window, known at, order by, limit", "[parser]") {
    auto q = only<ast::QueryStmt>("? designs(F, C) during 2024..2026 known at 2025-06-30 "
                                  "order by F desc, C asc limit 3.");
    REQUIRE(q.modifiers.window);
    CHECK(q.modifiers.window->from.text == "2024");
    REQUIRE(q.modifiers.window->to);
    CHECK(q.modifiers.window->to->text == "2026");
    REQUIRE(q.modifiers.knownAt);
    CHECK(q.modifiers.knownAt->text == "2025-06-30");
    REQUIRE(q.modifiers.orderBy.size() == 2);
    CHECK(q.modifiers.orderBy[0].column.text == "F");
    CHECK(q.modifiers.orderBy[0].descending);
    CHECK(q.modifiers.orderBy[1].column.text == "C");
    CHECK_FALSE(q.modifiers.orderBy[1].descending);
    CHECK(q.modifiers.limit == std::optional<int64_t>(3));

    auto asOf = only<ast::QueryStmt>("? supplier_of(F, Google) as of 2026.");
    REQUIRE(asOf.modifiers.window);
    CHECK(asOf.modifiers.window->from.text == "2026");
    CHECK_FALSE(asOf.modifiers.window->to);
    auto in = only<ast::QueryStmt>("? shipments(V, U) in 2026-H2.");
    CHECK(in.modifiers.window->from.text == "2026-H2");
    CHECK_FALSE(in.modifiers.window->to);
}

// Phrase questions parse as words (the binder reads them against its forms); spacing and
// quoting are kept so that `TPU 8i` and `谁设计Trainium3` can be read back.
static std::vector<std::string> wordTexts(const ast::PhraseQuery& q) {
    std::vector<std::string> out;
    for (const ast::PhraseWord& w : q.words)
        out.push_back(w.text);
    return out;
}

TEST_CASE("phrase questions: words up to the modifiers", "[parser]") {
    auto who = only<ast::PhraseQuery>("who designs Maia 200?");
    CHECK(wordTexts(who) == std::vector<std::string>{"who", "designs", "Maia", "200"});

    auto which = only<ast::PhraseQuery>("which chips does Amazon develop as of 2026?");
    CHECK(wordTexts(which) ==
          std::vector<std::string>{"which", "chips", "does", "Amazon", "develop"});
    REQUIRE(which.modifiers.window);
    CHECK(which.modifiers.window->from.text == "2026");

    auto quoted = only<ast::PhraseQuery>("what do \"TPU v7\" use?");
    REQUIRE(quoted.words.size() == 4);
    CHECK(quoted.words[2].text == "TPU v7");
    CHECK(quoted.words[2].quoted);

    auto chinese = only<ast::PhraseQuery>("谁设计Trainium3?");
    CHECK(wordTexts(chinese) == std::vector<std::string>{"谁设计Trainium3"});
}

TEST_CASE("phrase words remember whether whitespace came before them", "[parser]") {
    auto q = only<ast::PhraseQuery>("who designs TPU 8i?");
    REQUIRE(q.words.size() == 5);
    CHECK(q.words[3].text == "8");
    CHECK(q.words[3].spaceBefore);
    CHECK(q.words[4].text == "i");
    CHECK_FALSE(q.words[4].spaceBefore);
}

TEST_CASE("statements of several kinds parse in order", "[parser]") {
    ast::Program p = parseOk("type Chip.\nentity X: Chip.\nx(X).\n? x(A).\nwho x X?\n");
    REQUIRE(p.statements.size() == 5);
    CHECK(std::holds_alternative<ast::TypeDecl>(p.statements[0].node));
    CHECK(std::holds_alternative<ast::EntityDecl>(p.statements[1].node));
    CHECK(std::holds_alternative<ast::FactStmt>(p.statements[2].node));
    CHECK(std::holds_alternative<ast::QueryStmt>(p.statements[3].node));
    CHECK(std::holds_alternative<ast::PhraseQuery>(p.statements[4].node));
}

// ---- spans -------------------------------------------------------------------------------

TEST_CASE("statement and name spans are 1-based code-point positions", "[parser]") {
    ast::Program p = parseOk("type Chip.\n  谷歌 designs \"TPU v7\".");
    REQUIRE(p.statements.size() == 2);
    const SourceSpan& s = p.statements[1].span;
    CHECK(s.fileName() == "t.kg");
    CHECK(s.line == 2);
    CHECK(s.column == 3);
    CHECK(s.endLine == 2);
    CHECK(s.endColumn == 23); // one past the final '.'
    const auto& fact = std::get<ast::FactStmt>(p.statements[1].node);
    CHECK(fact.atom.relation.span.column == 6);
    CHECK(fact.atom.relation.span.endColumn == 13);
    CHECK(fact.atom.args[1].span.column == 14);
    CHECK(fact.atom.args[1].span.endColumn == 22);
}

TEST_CASE("an infix atom's span ends at its object, before qualifiers", "[parser]") {
    auto f = only<ast::FactStmt>("A designs B { role: \"x\" }.");
    CHECK(f.atom.span.column == 1);
    CHECK(f.atom.span.endColumn == 12);
    REQUIRE(f.atom.qualifiers.size() == 1);
    CHECK(f.atom.qualifiers[0].key.span.column == 15);
}

TEST_CASE("firstLine shifts every line number", "[parser]") {
    parse::ParseResult r =
        parse::parseProgram("type A.\ntype B.", std::make_shared<const std::string>("<stdin>"), 10);
    REQUIRE(r.ok());
    CHECK(r.program.statements[0].span.line == 10);
    CHECK(r.program.statements[1].span.line == 11);
    CHECK(r.program.statements[1].span.fileName() == "<stdin>");
}

// ---- isIncomplete (the REPL's continuation test) ------------------------------------------

TEST_CASE("isIncomplete is true inside an unfinished statement", "[parser]") {
    CHECK(parse::isIncomplete("type Chip"));
    CHECK(parse::isIncomplete("who designs Trainium3"));
    CHECK(parse::isIncomplete("? designs(F, C)"));
    CHECK(parse::isIncomplete("type Chip. entity X"));
    CHECK(parse::isIncomplete("entity \"TPU v7"));
    CHECK(parse::isIncomplete("type Chip. /* still in a comment"));
}

TEST_CASE("isIncomplete is false after a complete statement or nothing", "[parser]") {
    CHECK_FALSE(parse::isIncomplete(""));
    CHECK_FALSE(parse::isIncomplete("   \n"));
    CHECK_FALSE(parse::isIncomplete("type Chip."));
    CHECK_FALSE(parse::isIncomplete("who designs Trainium3?"));
    CHECK_FALSE(parse::isIncomplete("type Chip. -- done"));
    CHECK_FALSE(parse::isIncomplete("type Chip. /* closed */"));
    CHECK_FALSE(parse::isIncomplete("-- only a comment"));
}

TEST_CASE("per, status and reported attach to the atom a ',' follows, else to the query",
          "[parser]") {
    auto q = only<ast::QueryStmt>("? designs(F, C) per S reported R, develops(V, C) per seed2025 "
                                  "status rumored, R >= 2026-01.");
    REQUIRE(q.body.size() == 3);
    const auto& first = std::get<ast::Atom>(q.body[0]).provenance;
    CHECK(first.source->text == "S");
    CHECK(first.reported->text == "R");
    CHECK_FALSE(first.status);
    const auto& second = std::get<ast::Atom>(q.body[1]).provenance;
    CHECK(second.source->text == "seed2025");
    CHECK(second.status->text == "rumored");
    const auto& compare = std::get<ast::Comparison>(q.body[2]);
    CHECK(compare.rhs.kind == ast::Expr::Kind::Date);
    CHECK(compare.rhs.date.text == "2026-01");
    CHECK(q.modifiers.provenance.empty());

    auto last = only<ast::QueryStmt>("? designs(F, C), develops(V, C) per seed2025 in 2026.");
    CHECK(std::get<ast::Atom>(last.body[1]).provenance.empty());
    CHECK(last.modifiers.provenance.source->text == "seed2025");
}

TEST_CASE("status and reported stay names where no clause is expected", "[parser]") {
    auto r = only<ast::RelationDecl>("relation status(reported: text).");
    CHECK(r.name.text == "status");
    CHECK(r.columns[0].name.text == "reported");
    auto f = only<ast::FactStmt>("designs(A, B) per s reported.");
    CHECK(f.status->text == "reported");
}
