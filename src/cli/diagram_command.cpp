// chipgraph diagram: options -> DiagramRequest -> engine::buildDiagram -> exporter rendering.
#include "cli/diagram_command.h"

#include "engine/open_database.h"

#include "cli/commands.h"
#include "engine/diagram_builder.h"
#include "engine/engine.h"
#include "export/diagram.h"

#include <CLI/CLI.hpp>

#include <cctype>
#include <iostream>
#include <tuple>
#include <unistd.h>

namespace chipgraph::cli {

namespace {

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

int usageError(const std::string& message) {
    std::cerr << "error: " << message << "\n";
    return kUsage;
}

Result<PartialDate> parseDate(const std::string& text, const char* option) {
    Result<PartialDate> date = PartialDate::parse(text);
    if (!date)
        return Status::error("invalid date '" + text + "' for " + option + ": " +
                             date.status().message());
    return date;
}

// "P" (a period) or "P..Q" (from the start of P to the end of Q).
Result<Interval> parseWindow(const std::string& text, const char* option) {
    size_t dots = text.find("..");
    if (dots == std::string::npos) {
        Result<PartialDate> date = parseDate(text, option);
        if (!date) return date.status();
        return Interval::of(date.value());
    }
    Result<PartialDate> from = parseDate(text.substr(0, dots), option);
    if (!from) return from.status();
    Result<PartialDate> to = parseDate(text.substr(dots + 2), option);
    if (!to) return to.status();
    return Interval::between(from.value(), to.value());
}

// FROM..TO or FROM.. (to now).
Result<engine::DiagramDiff> parseDiff(const std::string& text, const std::string& by) {
    engine::DiagramDiff diff;
    if (by == "valid")
        diff.axis = engine::DiffAxis::AsOf;
    else if (by != "known")
        return Status::error("unknown --diff-by '" + by + "'; choose known or valid");
    size_t dots = text.find("..");
    if (dots == std::string::npos)
        return Status::error("--diff takes FROM..TO or FROM.. (e.g. 2025-06-30..), got '" + text +
                             "'");
    Result<PartialDate> from = parseDate(text.substr(0, dots), "--diff");
    if (!from) return from.status();
    diff.from = from.value();
    if (dots + 2 < text.size()) {
        Result<PartialDate> to = parseDate(text.substr(dots + 2), "--diff");
        if (!to) return to.status();
        diff.to = to.value();
    } else if (diff.axis == engine::DiffAxis::AsOf) {
        return Status::error("--diff-by valid needs two dates: FROM..TO");
    }
    return diff;
}

// Everything that can be checked before opening the database; an error is a usage error.
Result<engine::DiagramRequest> makeRequest(const DiagramOptions& o) {
    engine::DiagramRequest request;
    request.relations = o.relations;
    if (!o.asOf.empty()) {
        Result<Interval> window = parseWindow(o.asOf, "--as-of");
        if (!window) return window.status();
        request.window = window.value();
    }
    if (!o.knownAt.empty()) {
        Result<PartialDate> known = parseDate(o.knownAt, "--known-at");
        if (!known) return known.status();
        request.knownAt = known.value().lastDay();
    }
    if (!o.query.empty() && (!o.relations.empty() || !o.chain.empty() || !o.diff.empty()))
        return Status::error("--query draws its own relations; it cannot be combined with "
                             "--relations, --chain or --diff");
    if (!o.entity.empty()) request.entity = o.entity;
    if (!o.chain.empty()) request.chainOf = o.chain;
    if (o.hops < 1) return Status::error("--hops must be at least 1");
    request.hops = o.hops;
    if (!o.diff.empty()) {
        Result<engine::DiagramDiff> diff = parseDiff(o.diff, o.diffBy);
        if (!diff) return diff.status();
        request.diff = diff.value();
    }
    if (o.preferLatest) request.policy = engine::ConflictPolicy::PreferLatest;
    request.nativeNames = o.nativeNames;
    request.title = o.title;
    return request;
}

// Binds --query against the database; the options' --as-of and --known-at apply when the
// query gives none of its own. Errors are rendered with carets under the query text.
bool addQuery(const engine::Engine& engine, const std::string& text,
              engine::DiagramRequest& request) {
    engine::Outcome outcome;
    std::optional<bind::BoundQuery> query = engine.bindQueryText(text, "<query>", outcome);
    std::cerr << outcome.renderDiagnostics();
    if (!query) return false;
    for (auto [own, option, name] :
         {std::tuple{query->window.has_value(), request.window.has_value(), "--as-of"},
          std::tuple{query->knownAt.has_value(), request.knownAt.has_value(), "--known-at"}})
        if (own && option) {
            std::cerr << "error: " << name << " is given twice: as an option and in the query\n";
            return false;
        }
    if (!query->window) query->window = request.window;
    if (!query->knownAt) query->knownAt = request.knownAt;
    std::string shown = text;
    while (!shown.empty() &&
           (std::isspace(static_cast<unsigned char>(shown.back())) || shown.back() == '.'))
        shown.pop_back();
    request.queryText = shown;
    request.query = std::move(query);
    return true;
}

Result<exporter::DiagramFormat> chooseFormat(const DiagramOptions& o) {
    if (!o.format.empty()) return exporter::parseDiagramFormat(o.format);
    if (!o.output.empty()) return exporter::diagramFormatForPath(o.output);
    return exporter::DiagramFormat::Dot;
}

} // namespace

CLI::App* addDiagramCommand(CLI::App& app, DiagramOptions& o) {
    CLI::App* cmd =
        app.add_subcommand("diagram", "draw a supply-chain diagram (DOT, SVG, PNG, PDF)");
    cmd->add_option("--db", o.db,
                    "SQLite database to use (default: the bundled knowledge base, in memory)");
    cmd->add_option("-r,--relations", o.relations,
                    "relations to draw, comma-separated (default: develops,designs,fabbed_on,"
                    "made_by)")
        ->delimiter(',');
    cmd->add_option("-q,--query", o.query,
                    "draw the facts a query's answers bind to: '? designs(F, C), "
                    "develops(Amazon, C).'");
    cmd->add_option("--as-of", o.asOf, "only facts valid in this period (2026, 2025-H2..2026)");
    cmd->add_option("--known-at", o.knownAt, "only facts reported by this date (2025-06-30)");
    cmd->add_option("-e,--entity", o.entity,
                    "the supply chain of one entity: it, the chips it develops, their partners "
                    "and what lies downstream");
    cmd->add_option("--chain", o.chain, "everything within --hops edges of this entity");
    cmd->add_option("--hops", o.hops, "how far --chain reaches")->capture_default_str();
    cmd->add_option("--diff", o.diff,
                    "what changed between two dates: FROM..TO, or FROM.. for up to now");
    cmd->add_option("--diff-by", o.diffBy,
                    "known: what was known at each date; valid: what held at each date")
        ->capture_default_str();
    cmd->add_flag("--prefer-latest", o.preferLatest,
                  "of conflicting claims keep only the most recently reported");
    cmd->add_option("--layout", o.layout, "layout engine: dot, neato, fdp, circo")
        ->capture_default_str();
    cmd->add_option("-f,--format", o.format,
                    "dot, svg, png or pdf (default: from the file extension, else dot)");
    cmd->add_option("-o,--output", o.output, "file to write (default: stdout)");
    cmd->add_flag("--legend", o.legend, "draw the legend into the diagram");
    cmd->add_flag("--roles", o.roles, "add each design partner's role to its edge label");
    cmd->add_flag("--native-names", o.nativeNames,
                  "show each entity's first non-Latin alias (e.g. 博通) under its name");
    cmd->add_option("--title", o.title, "title drawn on top (default: made from the options)");
    addLimitOptions(*cmd, o.limits);
    cmd->footer(
        "Examples:\n"
        "  chipgraph diagram --entity Amazon --legend -o aws.svg\n"
        "  chipgraph diagram --relations designs,develops --as-of 2026 -o supply-2026.png\n"
        "  chipgraph diagram --chain Google --hops 2 --layout neato -o google.pdf\n"
        "  chipgraph diagram --diff 2025-06-30.. --legend -o changes.svg\n"
        "  chipgraph diagram --entity Amazon            # DOT text on stdout\n"
        "  chipgraph diagram --query '? supplier_of(F, Google) as of 2026.' -o g.svg\n"
        "Edges: solid actual/reported, dashed expected/forecast, dotted rumored/view; a red\n"
        "'conflict' label: conflicting claims. See docs/diagrams.md.");
    return cmd;
}

int runDiagram(const DiagramOptions& o) {
    Result<exporter::DiagramFormat> format = chooseFormat(o);
    if (!format) return usageError(format.status().message());
    Result<exporter::LayoutEngine> layout = exporter::parseLayoutEngine(o.layout);
    if (!layout) return usageError(layout.status().message());
    Result<engine::DiagramRequest> request = makeRequest(o);
    if (!request) return usageError(request.status().message());
    bool binary = format.value() == exporter::DiagramFormat::Png ||
                  format.value() == exporter::DiagramFormat::Pdf;
    if (o.output.empty() && binary && isatty(STDOUT_FILENO))
        return usageError(std::string("not writing ") +
                          exporter::diagramFormatName(format.value()) +
                          " to a terminal; name a file with -o");

    auto engine = engine::openDatabaseOrBundled(o.db, true);
    if (!engine) return fail(engine.status().message());
    engine.value()->setOptions(engineOptions(o.limits));
    if (!o.query.empty() && !addQuery(*engine.value(), o.query, request.value())) return kFailed;
    Result<exporter::Diagram> diagram = engine::buildDiagram(*engine.value(), request.value());
    if (!diagram) return fail(diagram.status().message());
    if (diagram.value().edges.empty() && !o.query.empty())
        std::cerr << "note: the answers bind no relation with two entity columns; nodes only\n";
    else if (diagram.value().edges.empty())
        std::cerr << "warning: no facts to draw\n";

    exporter::DiagramStyle style;
    style.layout = layout.value();
    style.legend = o.legend;
    style.roles = o.roles;
    if (o.output.empty()) {
        Result<std::string> bytes = exporter::renderDiagram(diagram.value(), style, format.value());
        if (!bytes) return fail(bytes.status().message());
        std::cout << bytes.value() << std::flush;
        return kOk;
    }
    if (Status s = exporter::writeDiagram(diagram.value(), style, format.value(), o.output); !s)
        return fail(s.message());
    std::cout << "wrote " << o.output << ": " << diagram.value().nodes.size() << " nodes, "
              << diagram.value().edges.size() << " edges\n";
    return kOk;
}

} // namespace chipgraph::cli
