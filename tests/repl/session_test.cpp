// The session in process: lines in, results and diagnostics out, on the bundled graph.
#include "engine/open_database.h"
#include "repl/completer.h"
#include "repl/dot_commands.h"
#include "repl/session.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace chipgraph;
using namespace chipgraph::repl;
namespace fs = std::filesystem;

namespace {

struct Repl {
    std::ostringstream out, err;
    std::unique_ptr<Session> session;

    explicit Repl(bool interactive = false, bool bail = false) {
        auto engine = engine::openDatabaseOrBundled("", false);
        REQUIRE(engine);
        session = std::make_unique<Session>(std::move(engine.value()), "", out, err,
                                            SessionOptions{"<stdin>", interactive, bail});
    }
    Repl& feed(std::string_view text) {
        session->feedText(text);
        return *this;
    }
};

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "chipgraph-repl-XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

std::string readFile(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("lines buffer until the statement is complete", "[session]") {
    Repl repl;
    repl.feed("? designs(F, C),");
    CHECK(repl.session->pending());
    CHECK(repl.out.str().empty());
    repl.feed("  F = Alchip.");
    CHECK_FALSE(repl.session->pending());
    CHECK(contains(repl.out.str(), "(5 rows)"));
    CHECK(repl.err.str().empty());
}

TEST_CASE("errors point at the line typed, numbered over the session", "[session]") {
    Repl repl(true);
    repl.feed("who designs Trainium3?\n\n? designs(F, C),\n  designs(F, \"Tranium3\").");
    CHECK(repl.err.str() ==
          "<stdin>:4:14: error: unknown entity 'Tranium3'; did you mean 'Trainium3'?\n"
          "      designs(F, \"Tranium3\").\n"
          "                 ^^^^^^^^^^\n");
    CHECK(repl.session->failures() == 1);
    repl.feed("who designs Trainium3?"); // the session goes on
    CHECK(repl.session->failures() == 1);
}

TEST_CASE("a bad dot-command argument gets a caret under it", "[session]") {
    Repl repl;
    repl.feed(".mode tabel");
    CHECK(repl.err.str() == "<stdin>:1:7: error: unknown format 'tabel'; choose table, box, csv, "
                            "tsv, json, jsonl, markdown or line\n"
                            "    .mode tabel\n"
                            "          ^^^^^\n");
}

TEST_CASE("missing and extra dot-command arguments are pointed at", "[session]") {
    Repl repl;
    repl.feed(".once");
    CHECK(repl.err.str() == "<stdin>:1:6: error: missing argument; usage: .once FILE\n"
                            "    .once\n"
                            "         ^\n");
    repl.err.str("");
    repl.feed(".timer on off");
    CHECK(repl.err.str() == "<stdin>:2:11: error: too many arguments; usage: .timer [on|off]\n"
                            "    .timer on off\n"
                            "              ^^^\n");
}

TEST_CASE("an unknown dot-command suggests the nearest", "[session]") {
    Repl repl;
    repl.feed(".modee csv\n.sch\n.frobnicate");
    CHECK(contains(repl.err.str(), "<stdin>:1:1: error: unknown command '.modee'; did you mean "
                                   "'.mode'?\n    .modee csv\n    ^^^^^^\n"));
    CHECK(contains(repl.err.str(), "unknown command '.sch'; did you mean '.schema'?"));
    CHECK(contains(repl.err.str(), "unknown command '.frobnicate'; enter .help for the list"));
    CHECK(repl.session->failures() == 3);
}

TEST_CASE("an unfinished statement at the end of input is an error near its line", "[session]") {
    Repl repl;
    repl.feed("who designs Trainium3?\n? designs(F,\n  C)");
    repl.session->endInput();
    CHECK(repl.err.str() == "<stdin>: error near line 2: incomplete statement at end of input; "
                            "end it with '.' (a question with '?')\n");
    CHECK(repl.session->failures() == 1);
}

TEST_CASE("bail stops a script at its first error, not a terminal session", "[session]") {
    Repl script(false, true);
    script.feed("who designs Tranium3?\nwho designs Trainium3?");
    CHECK(script.session->stopped());
    CHECK(script.out.str().empty());

    Repl terminal(true, true);
    terminal.feed("who designs Tranium3?\nwho designs Trainium3?");
    CHECK_FALSE(terminal.session->stopped());
    CHECK(contains(terminal.out.str(), "(7 rows)"));
}

TEST_CASE(".bail turns bail on for the rest of a script", "[session]") {
    Repl repl;
    repl.feed(".bail\n.bail on\n.bail\nwho designs X?\nwho designs Trainium3?");
    CHECK(repl.out.str() == "off\non\n");
    CHECK(repl.session->stopped());
    Repl bad;
    bad.feed(".bail maybe");
    CHECK(contains(bad.err.str(), "expected 'on' or 'off', not 'maybe'"));
}

TEST_CASE("Ctrl-C at the prompt drops the unfinished statement", "[session]") {
    Repl repl(true);
    repl.feed("? designs(F,");
    repl.session->cancelPending();
    CHECK_FALSE(repl.session->pending());
    repl.feed("who designs Trainium3?");
    CHECK(repl.err.str().empty());
}

TEST_CASE(".read runs a file whose errors name the file and its lines", "[session]") {
    TempDir dir;
    std::ofstream(dir.path / "notes.kg") << "-- notes\n.mode csv\nwho designs Trainium3?\n"
                                            "who designs Tranium3?\n";
    Repl repl(true);
    repl.feed(".read " + (dir.path / "notes.kg").string() + "\nwhat does MediaTek design?");
    CHECK(contains(repl.out.str(), "firm,valid,status,source,reported\r\n"));
    CHECK(contains(repl.out.str(), "chip,valid,status,source,reported\r\n")); // mode carries on
    CHECK(contains(repl.err.str(), "notes.kg:4:13: error: unknown entity 'Tranium3'"));
    CHECK(repl.session->failures() == 1);
}

TEST_CASE(".read of a missing file or of itself fails cleanly", "[session]") {
    TempDir dir;
    fs::path self = dir.path / "self.kg";
    std::ofstream(self) << ".read " << self.string() << "\n";
    Repl repl;
    repl.feed(".read nowhere.kg\n.read " + self.string());
    CHECK(contains(repl.err.str(), "<stdin>:1:7: error: no script 'nowhere.kg'"));
    CHECK(contains(repl.err.str(), "error: '.read' nests too deeply"));
}

TEST_CASE(".quit stops the session", "[session]") {
    Repl repl;
    repl.feed(".quit\nwho designs Trainium3?");
    CHECK(repl.session->stopped());
    CHECK(repl.out.str().empty());
}

TEST_CASE(".output and .once send results to files", "[session]") {
    TempDir dir;
    std::string all = (dir.path / "all.txt").string(), once = (dir.path / "once.txt").string();
    Repl repl;
    repl.feed(".mode csv\n.headers off\n.output " + all + "\nwho designs Trainium3?\n.show\n" +
              ".output\n.once " + once + "\nwhat does MediaTek design?\nwho designs Baltra?");
    CHECK(readFile(all).rfind("Alchip,undated,rumored", 0) == 0);
    CHECK(contains(readFile(all), "  output: " + all + "\n"));
    CHECK(readFile(once).rfind("TPU 8i,undated", 0) == 0);
    CHECK_FALSE(contains(readFile(once), "Broadcom"));
    CHECK(repl.out.str() == "Broadcom,undated,rumored,decoder_2024_12,2024-12-12\r\n");
    repl.feed(".output " + (dir.path / "no/such/dir.txt").string());
    CHECK(contains(repl.err.str(), "error: cannot write '"));
}

TEST_CASE(".mode and .headers choose how results print", "[session]") {
    Repl repl;
    repl.feed(".mode\n.mode line\n.mode\nwho designs Baltra?\n.mode jsonl\nwho designs Baltra?\n"
              ".mode tsv\n.headers off\n.headers\nwho designs Baltra?");
    // The basis's fingerprint depends on the bundled graph: only its presence is checked.
    std::string out = repl.out.str();
    std::regex basis(R"(,"basis":\{"known_at":null,"valid":null,"recorded_at":null,)"
                     R"("policy":"all","fingerprint":"[0-9a-f]{16}"\})");
    CHECK(std::regex_search(out, basis));
    CHECK(std::regex_replace(out, basis, "") ==
          "table\nline\n"
          "    firm = Broadcom\n   valid = undated\n  status = rumored\n"
          "  source = decoder_2024_12\nreported = 2024-12-12\n"
          "{\"query\":\"who designs Baltra?\",\"columns\":[\"firm\",\"valid\","
          "\"status\",\"source\",\"reported\",\"source.designs\"],\"rows\":"
          "[[\"Broadcom\",\"undated\",\"rumored\",\"decoder_2024_12\","
          "\"2024-12-12\",\"decoder_2024_12\"]],\"notes\":[]}\n"
          "off\n"
          "Broadcom\tundated\trumored\tdecoder_2024_12\t2024-12-12\n");
}

TEST_CASE(".timer prints how long each statement took", "[session]") {
    Repl repl;
    repl.feed(".timer on\n.timer\nwho designs Baltra?");
    CHECK(contains(repl.out.str(), "on\n"));
    CHECK(contains(repl.out.str(), "(1 row)\ntime: "));
    CHECK(contains(repl.out.str(), " s\n"));
}

TEST_CASE(".show plan and .show ast print before each answer", "[session]") {
    Repl repl;
    repl.feed(".show plan\nwho designs Baltra?\n.show plan off\n.show ast on\n"
              "? designs(F,   Baltra).");
    std::string out = repl.out.str();
    CHECK(out.rfind("plan:\n1. ", 0) == 0);
    CHECK(contains(out, "? designs(F, Baltra).\n"));
    repl.feed(".show nothing");
    CHECK(contains(repl.err.str(), "expected 'ast', 'plan' or 'provenance', not 'nothing'"));
}

TEST_CASE(".show lists the settings", "[session]") {
    Repl repl;
    repl.feed(".asof 2026\n.show");
    CHECK(repl.out.str() ==
          "    mode: table\n headers: on\n   timer: off\n    bail: off\n"
          "     ast: off\n    plan: off\n sources: compact\n   pager: on\n"
          " maxrows: 40\nmaxwidth: 0\n    asof: 2026\n knownat: off\n"
          "  prefer: off\n  output: stdout\ndatabase: the bundled knowledge base (in memory)\n");
}

TEST_CASE(".asof and .knownat set the session's defaults", "[session]") {
    Repl repl;
    repl.feed(".knownat 2025-06-30\n.knownat\nwho designs Trainium3?");
    CHECK(contains(repl.out.str(), "2025-06-30\n"));
    CHECK(contains(repl.out.str(), "(1 row)")); // only the analyst note was known then
    repl.out.str("");
    repl.feed(".knownat off\nwho designs Trainium3?");
    CHECK(contains(repl.out.str(), "(7 rows)"));
    repl.feed(".asof 2025-13");
    CHECK(contains(repl.err.str(), "<stdin>:6:7: error: invalid date '2025-13': month 13 is out "
                                   "of range (1-12)\n    .asof 2025-13\n          ^^^^^^^\n"));
    repl.feed(".asof off\n.asof");
    CHECK(contains(repl.out.str(), "off\n"));
}

TEST_CASE(".prefer sets the policy of questions that read keyed relations", "[session]") {
    Repl repl;
    repl.feed(".prefer latest\n.prefer\n? shipments(Google, U) in 2026.");
    CHECK(contains(repl.out.str(), "latest\n"));
    CHECK(contains(repl.out.str(), "~4600000"));
    CHECK(contains(repl.out.str(), "(1 row)")); // BofA's latest estimate alone
    repl.out.str("");
    repl.feed("who designs Trainium3?"); // no key: the default does not apply, and is no error
    CHECK(contains(repl.out.str(), "(7 rows)"));
    repl.out.str("");
    repl.feed("? shipments(Google, U) in 2026 prefer all."); // the question's own policy wins
    CHECK(contains(repl.out.str(), "(5 rows)"));
    repl.out.str("");
    repl.feed(".prefer seed2025, udn_2026_02\n? shipments(Google, U) in 2026.");
    CHECK(contains(repl.out.str(), ">3000000"));
    CHECK(contains(repl.out.str(), "(1 row)"));
    repl.feed(".prefer seed2025, bofa");
    CHECK(contains(repl.err.str(), "unknown policy or source 'bofa'"));
    repl.out.str("");
    repl.feed(".prefer off\n? shipments(Google, U) in 2026.");
    CHECK(contains(repl.out.str(), "(5 rows)"));
}

TEST_CASE(".open switches databases and .save writes one", "[session]") {
    TempDir dir;
    std::string saved = (dir.path / "copy.db").string();
    Repl repl;
    repl.feed("entity Rivos: DesignFirm.\n.save " + saved + "\n.save " + saved);
    CHECK(fs::exists(saved));
    CHECK(contains(repl.err.str(), "already exists; choose a new file name"));
    repl.feed(".open\n.entities DesignFirm");
    CHECK_FALSE(contains(repl.out.str(), "Rivos")); // the bundled graph again
    repl.feed(".open " + saved + "\n.entities DesignFirm");
    CHECK(contains(repl.out.str(), "Rivos"));
    repl.feed(".open nowhere.db");
    CHECK(contains(repl.err.str(), "no database 'nowhere.db'"));
}

TEST_CASE(".schema, .entities, .aliases and .sources list the catalog", "[session]") {
    Repl repl;
    repl.feed(".schema designs");
    CHECK(repl.out.str() == "relation designs(firm: DesignFirm, chip: Chip) { role: text, "
                            "restored: text, note: text }.\n");
    repl.out.str("");
    repl.feed(".schema");
    CHECK(repl.out.str().rfind("type Company.\ntype Vendor <: Company.\n", 0) == 0);
    repl.out.str("");
    repl.feed(".mode csv\n.entities Foundry\n.aliases 谷歌\n.sources");
    std::string out = repl.out.str();
    CHECK(contains(out, "entity,type,aliases\r\n"));
    CHECK(contains(out, "TSMC,Foundry,"));
    CHECK(contains(out, "entity,alias,valid,per\r\nGoogle,Alphabet,,\r\n"));
    CHECK(contains(out, "source,published,title,author,url\r\nseed2025,2025-06,"));
    repl.feed(".schema desings\n.entities Chips\n.aliases Gooogle");
    CHECK(contains(repl.err.str(), "unknown relation 'desings'; did you mean 'designs'?"));
    CHECK(contains(repl.err.str(), "unknown type 'Chips'; did you mean 'Chip'?"));
    CHECK(contains(repl.err.str(), "unknown entity 'Gooogle'; did you mean 'Google'?"));
}

TEST_CASE(".rules lists the rules in force and .schema the rules of a relation", "[session]") {
    const std::string rule = "rule my_partner(F, V) :- designs(F, C), develops(V, C).\n";
    Repl repl;
    repl.feed(rule + ".rules");
    CHECK(contains(repl.out.str(), rule));
    repl.out.str("");
    repl.feed(".schema my_partner");
    CHECK(repl.out.str() == rule);
    repl.out.str("");
    repl.feed(".schema");
    CHECK(contains(repl.out.str(), "relation designs(firm: DesignFirm, chip: Chip)"));
    CHECK(contains(repl.out.str(), rule));
    CHECK_FALSE(contains(repl.out.str(), "relation my_partner"));

    auto empty = engine::Engine::open(":memory:"); // no bundled graph: no rules at all
    REQUIRE(empty);
    CHECK(describeRules(*empty.value()) == "no rules\n");
}

TEST_CASE("why answers print as trees and explain prints the plan", "[session]") {
    Repl repl;
    repl.feed("rule my_partner(F, V) :- designs(F, C), develops(V, C).\n"
              "why my_partner(Broadcom, Meta)?");
    CHECK(repl.out.str().rfind("my_partner(Broadcom, Meta)  undated  actual\n"
                               "├─ rule my_partner(F, V) :- designs(F, C), develops(V, C).\n",
                               0) == 0);
    repl.out.str("");
    repl.feed("explain ? designs(F, Baltra).");
    CHECK(repl.out.str().rfind("plan:\n1. lookup designs(F, Baltra) on chip\nF ", 0) == 0);
    repl.out.str("");
    repl.feed(".mode jsonl\nwhy my_partner(Broadcom, Meta)?"); // a tree: its facts
    CHECK(repl.out.str().rfind("{\"query\":\"why my_partner(Broadcom, Meta)?\",\"facts\":[{"
                               "\"fact\":\"my_partner(Broadcom, Meta)\"",
                               0) == 0);
}

TEST_CASE(".help lists the commands and explains one", "[session]") {
    Repl repl;
    repl.feed(".help\n.help .mode\n.help nope");
    CHECK(contains(repl.out.str(), ".asof [DATE|off]"));
    CHECK(contains(repl.out.str(), "usage: .mode [table|box|csv|tsv|json|jsonl|markdown|line]\n"));
    CHECK(contains(repl.err.str(), "<stdin>:3:7: error: unknown command 'nope'"));
}

TEST_CASE("the vocabulary comes from the catalog", "[session]") {
    Repl repl;
    Vocabulary v = vocabularyOf(repl.session->engine());
    auto has = [](const std::vector<std::string>& names, const std::string& name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    CHECK(has(v.relations, "designs"));
    CHECK(has(v.entities, "Trainium3"));
    CHECK(has(v.entities, "谷歌"));
    CHECK(has(v.sources, "seed2025"));
    CHECK(has(v.types, "Chip"));
}
