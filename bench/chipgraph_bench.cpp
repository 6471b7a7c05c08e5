// chipgraph against the sqlite3 shell, in the same run and on the same generated data
// (bench/gen_supply_chain): (a) upstream suppliers of one company, (b) the same with every hop
// valid in one year, (c) materialising the reachability rule, (d) shipments per owner per year,
// (e) one chip's designers by name, (f) importing the CSV files. Prints the median times, the
// ratios and the answers of both; exits 1 if they disagree (MISMATCH) or a system failed.
//
//   chipgraph_bench DATADIR [--runs N] [--only abcdef] [--systems both|chipgraph|sqlite3]
//                   [--sqlite PATH] [--time-limit SECONDS] [--threads N] [--part-rows N]
#include "chipgraph_side.h"
#include "sqlite_side.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <thread>

namespace chipgraph::bench {
namespace {

struct Options {
    std::string dataDir;
    int runs = 5;
    std::string only = "abcdef";
    bool chipgraph = true, sqlite = true;
    std::string sqliteProgram = "sqlite3";
    int timeLimitSeconds = 0;
    int threads = 0;     // chipgraph's evaluation threads (0: one per core)
    size_t partRows = 0; // facts per part of a closure (0: the engine's default)
};

bool parseOptions(int argc, char** argv, Options& o) {
    std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        bool hasValue = i + 1 < args.size();
        if (a == "--runs" && hasValue) {
            o.runs = std::max(1, std::atoi(args[++i].c_str()));
        } else if (a == "--only" && hasValue) {
            o.only = args[++i];
        } else if (a == "--systems" && hasValue) {
            std::string s = args[++i];
            o.chipgraph = s == "both" || s == "chipgraph";
            o.sqlite = s == "both" || s == "sqlite3";
            if (!o.chipgraph && !o.sqlite) return false;
        } else if (a == "--sqlite" && hasValue) {
            o.sqliteProgram = args[++i];
        } else if (a == "--time-limit" && hasValue) {
            o.timeLimitSeconds = std::atoi(args[++i].c_str());
        } else if (a == "--threads" && hasValue) {
            o.threads = std::max(0, std::atoi(args[++i].c_str()));
        } else if (a == "--part-rows" && hasValue) {
            o.partRows = static_cast<size_t>(std::max(0, std::atoi(args[++i].c_str())));
        } else if (o.dataDir.empty() && !a.empty() && a[0] != '-') {
            o.dataDir = a;
        } else {
            return false;
        }
    }
    return !o.dataDir.empty();
}

double csvRows(const std::string& dir) {
    double rows = 0;
    for (const CsvFile& csv : csvFiles()) {
        std::ifstream in(dir + "/" + csv.file);
        std::string line;
        while (std::getline(in, line))
            ++rows;
        --rows; // the header
    }
    return rows;
}

Dataset loadDataset(const std::string& dir) {
    Dataset d;
    d.dir = dir;
    d.manifest = readManifest(dir + "/manifest.txt");
    if (d.manifest.count("target_company")) d.targetCompany = d.manifest["target_company"];
    if (d.manifest.count("target_chip")) d.targetChip = d.manifest["target_chip"];
    if (d.manifest.count("as_of_year")) d.asOfYear = std::stoi(d.manifest["as_of_year"]);
    return d;
}

Case makeCase(char id, std::string title, std::vector<std::string> checks,
              std::vector<std::optional<double>> expected) {
    Case c;
    c.id = id;
    c.title = std::move(title);
    c.checks = std::move(checks);
    c.expected = std::move(expected);
    return c;
}

std::vector<Case> makeCases(const Dataset& d) {
    std::string company = d.targetCompany, year = std::to_string(d.asOfYear);
    return {
        makeCase('a', "(a) upstream of " + company + ", any depth", {"companies"},
                 {d.expected("upstream_target")}),
        makeCase('b', "(b) upstream of " + company + ", every hop valid in " + year, {"companies"},
                 {d.expected("upstream_target_as_of")}),
        makeCase('c', "(c) materialise reach (all pairs)", {"pairs"}, {d.expected("reach_pairs")}),
        makeCase('d', "(d) shipments per owner per year", {"owner-years", "units"},
                 {d.expected("owner_year_groups"), d.expected("owner_units_total")}),
        makeCase('e', "(e) designers of " + d.targetChip + " by name", {"firms"},
                 {d.expected("designers_target_chip")}),
        makeCase('f', "(f) import the CSV files", {"rows"}, {csvRows(d.dir)}),
    };
}

Case& caseOf(std::vector<Case>& cases, char id) {
    return cases[static_cast<size_t>(id - 'a')];
}

bool wants(const Options& o, char id) {
    return o.only.find(id) != std::string::npos;
}

// The import is the load for every other case: with (f) not wanted it runs once, unreported.
template <typename Side> void load(Side& side, const Options& o, Case& f, Measured Case::*who) {
    if (wants(o, 'f')) return side.importAll(f, o.runs);
    Case scratch = f;
    side.importAll(scratch, 1);
    (f.*who).error = (scratch.*who).error;
}

void runChipgraph(const Options& o, const Dataset& d, std::vector<Case>& cases,
                  std::optional<engine::Engine::Materialized>& materialized) {
    std::fprintf(stderr, "chipgraph (in-process):\n");
    ChipgraphSide side(d, o.runs, std::chrono::seconds(o.timeLimitSeconds));
    side.setThreads(o.threads);
    side.setPartRows(o.partRows);
    load(side, o, caseOf(cases, 'f'), &Case::chipgraph);
    std::string target = d.targetCompany, year = std::to_string(d.asOfYear);
    if (wants(o, 'a'))
        side.query(caseOf(cases, 'a'), "? reach(X, " + target + ").", distinctFirstColumn);
    if (wants(o, 'b'))
        side.query(caseOf(cases, 'b'), "? reach(X, " + target + ") as of " + year + ".",
                   distinctFirstColumn);
    if (wants(o, 'c')) side.materialize(caseOf(cases, 'c'), "reach");
    if (wants(o, 'd')) side.query(caseOf(cases, 'd'), "? owner_units(V, U).", ownerYearTotals);
    if (wants(o, 'e'))
        side.query(caseOf(cases, 'e'), "who designs " + d.targetChip + "?", distinctFirstColumn);
    materialized = side.lastMaterialized();
    side.release();
}

void runSqlite(const Options& o, const Dataset& d, std::vector<Case>& cases) {
    std::fprintf(stderr, "sqlite3 (shell co-process):\n");
    SqliteSide side(d, o.runs, o.sqliteProgram);
    load(side, o, caseOf(cases, 'f'), &Case::sqlite);
    if (wants(o, 'a')) side.query(caseOf(cases, 'a'), upstreamSql(d, false));
    if (wants(o, 'b')) side.query(caseOf(cases, 'b'), upstreamSql(d, true));
    if (wants(o, 'c')) side.query(caseOf(cases, 'c'), reachAllPairsSql());
    if (wants(o, 'd')) side.query(caseOf(cases, 'd'), ownerYearSql());
    if (wants(o, 'e')) side.query(caseOf(cases, 'e'), designersSql(d));
    side.release();
}

// ---- the report ----------------------------------------------------------------------------

std::string formatTime(double seconds) {
    char text[32];
    if (seconds < 1e-6)
        std::snprintf(text, sizeof text, "<1 us");
    else if (seconds < 1e-3)
        std::snprintf(text, sizeof text, "%.1f us", seconds * 1e6);
    else if (seconds < 1)
        std::snprintf(text, sizeof text, "%.2f ms", seconds * 1e3);
    else
        std::snprintf(text, sizeof text, "%.2f s", seconds);
    return text;
}

std::string formatRatio(const Measured& cg, const Measured& sq, double Sample::*field) {
    if (!cg.ran() || !sq.ran()) return "-";
    double a = medianOf(cg.runs).*field, b = medianOf(sq.runs).*field;
    if (b < 1e-6) return "n/a";
    char text[32];
    std::snprintf(text, sizeof text, a / b >= 10 ? "%.0fx" : "%.2fx", a / b);
    return text;
}

std::string formatTimes(const Measured& m) {
    if (!m.error.empty()) return "FAILED | FAILED";
    if (m.runs.empty()) return "- | -";
    Sample s = medianOf(m.runs);
    return formatTime(s.wall) + " | " + formatTime(s.cpu);
}

std::string formatNumber(const std::optional<double>& v) {
    if (!v) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.0f", *v);
    return text;
}

std::optional<double> answer(const Measured& m, size_t check) {
    if (!m.ran() || check >= m.answers.size()) return std::nullopt;
    return m.answers[check];
}

// Every answer given must equal the others; returns "ok", "MISMATCH" or "FAILED".
std::string verdict(const Case& c, std::string& answers) {
    if (!c.chipgraph.error.empty() || !c.sqlite.error.empty()) return "FAILED";
    bool same = true;
    for (size_t k = 0; k < c.checks.size(); ++k) {
        std::optional<double> given[] = {answer(c.chipgraph, k), answer(c.sqlite, k),
                                         c.expected[k]};
        answers += (k ? "; " : "") + formatNumber(given[0]) + " / " + formatNumber(given[1]) +
                   " / " + formatNumber(given[2]) + " " + c.checks[k];
        std::optional<double> first;
        for (const std::optional<double>& g : given)
            if (g && first && *g != *first)
                same = false;
            else if (g && !first)
                first = g;
    }
    return same ? "ok" : "MISMATCH";
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

bool report(const Options& o, const Dataset& d, const std::vector<Case>& cases,
            const std::optional<engine::Engine::Materialized>& materialized,
            const std::string& sqliteVersion, const std::string& loadBefore) {
    std::time_t now = std::time(nullptr);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M", std::localtime(&now));
    std::printf("\nchipgraph vs sqlite3 %s on %s (%s supplies rows, %s companies, %s chips)\n"
                "%s; median of %d runs; %u cores; load average %s before, %s after\n\n",
                sqliteVersion.c_str(), d.dir.c_str(),
                d.manifest.count("supplies_rows") ? d.manifest.at("supplies_rows").c_str() : "?",
                d.manifest.count("companies") ? d.manifest.at("companies").c_str() : "?",
                d.manifest.count("chips") ? d.manifest.at("chips").c_str() : "?", date, o.runs,
                std::thread::hardware_concurrency(), loadBefore.c_str(), loadAverage().c_str());
    std::printf("| case | chipgraph wall | chipgraph cpu | sqlite3 wall | sqlite3 cpu | ratio wall "
                "| ratio cpu | answers: chipgraph / sqlite3 / generator | check |\n"
                "|---|---|---|---|---|---|---|---|---|\n");
    bool allOk = true;
    for (const Case& c : cases) {
        if (!wants(o, c.id)) continue;
        std::string answers, v = verdict(c, answers);
        allOk = allOk && v == "ok";
        std::printf("| %s | %s | %s | %s | %s | %s | %s |\n", c.title.c_str(),
                    formatTimes(c.chipgraph).c_str(), formatTimes(c.sqlite).c_str(),
                    formatRatio(c.chipgraph, c.sqlite, &Sample::wall).c_str(),
                    formatRatio(c.chipgraph, c.sqlite, &Sample::cpu).c_str(), answers.c_str(),
                    v.c_str());
        if (!c.chipgraph.error.empty())
            std::fprintf(stderr, "FAILED %s, chipgraph: %s\n", c.title.c_str(),
                         c.chipgraph.error.c_str());
        if (!c.sqlite.error.empty())
            std::fprintf(stderr, "FAILED %s, sqlite3: %s\n", c.title.c_str(),
                         c.sqlite.error.c_str());
        if (v == "MISMATCH")
            std::fprintf(stderr,
                         "\n*** MISMATCH in %s: chipgraph / sqlite3 / generator = %s ***\n\n",
                         c.title.c_str(), answers.c_str());
    }
    if (materialized && materialized->facts > 0)
        std::printf("\nmemory per materialised derived fact (reach): %zu bytes / %zu facts = %.1f "
                    "bytes (target: at most 48)\n",
                    materialized->bytes, materialized->facts,
                    static_cast<double>(materialized->bytes) /
                        static_cast<double>(materialized->facts));
    std::printf("%s\n", allOk ? "all answers agree" : "*** SOME ANSWERS DISAGREE OR FAILED ***");
    return allOk;
}

int run(int argc, char** argv) {
    Options o;
    if (!parseOptions(argc, argv, o)) {
        std::cerr << "usage: chipgraph_bench DATADIR [--runs N] [--only abcdef] "
                     "[--systems both|chipgraph|sqlite3] [--sqlite PATH] [--time-limit SECONDS]\n"
                     "       [--threads N]  (chipgraph's evaluation threads; 0, the default: one "
                     "per core)\n"
                     "       [--part-rows N]  (facts per part of a closure; 0, the default: the "
                     "engine's)\n";
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN); // a dead shell shows up as a failed read, not a crash
    Dataset d = loadDataset(o.dataDir);
    if (d.manifest.empty()) {
        std::cerr << "chipgraph_bench: no manifest.txt in '" << o.dataDir
                  << "'; generate the data with gen_supply_chain first\n";
        return 2;
    }
    std::vector<Case> cases = makeCases(d);
    std::optional<engine::Engine::Materialized> materialized;
    std::string loadBefore = loadAverage();
    if (o.chipgraph) runChipgraph(o, d, cases, materialized);
    std::string version = o.sqlite ? SqliteSide(d, 1, o.sqliteProgram).version() : "(skipped)";
    if (o.sqlite) runSqlite(o, d, cases);
    return report(o, d, cases, materialized, version, loadBefore) ? 0 : 1;
}

} // namespace
} // namespace chipgraph::bench

int main(int argc, char** argv) {
    return chipgraph::bench::run(argc, argv);
}
