// chipgraph diagram: options -> a `diagram` statement (diagram_statement.h), run like any
// other -> its model rendered in the format asked for.
#include "cli/diagram_command.h"

#include "cli/commands.h"
#include "engine/diagram_view.h"
#include "engine/engine.h"
#include "engine/open_database.h"
#include "export/diagram.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <unistd.h>

namespace chipgraph::cli {

namespace {

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

int usageError(const std::string& message) {
    std::cerr << "error: " << message << "\n";
    return kUsage;
}

// Checks that need no statement: how the answer is written, and options that cannot go
// together; an error is a usage error.
Status checkOptions(const DiagramOptions& o) {
    if (o.clauses.diffBy != "known" && o.clauses.diffBy != "valid")
        return Status::error("unknown --diff-by '" + o.clauses.diffBy + "'; choose known or valid");
    if (!o.clauses.query.empty() &&
        (!o.clauses.relations.empty() || !o.clauses.chain.empty() || !o.clauses.diff.empty()))
        return Status::error("--query draws its own relations; it cannot be combined with "
                             "--relations, --chain or --diff");
    return Status::ok();
}

Result<exporter::DiagramFormat> chooseFormat(const DiagramOptions& o) {
    if (!o.format.empty()) return exporter::parseDiagramFormat(o.format);
    if (!o.output.empty()) return exporter::diagramFormatForPath(o.output);
    return exporter::DiagramFormat::Dot;
}

// Exit code for a statement that failed: 2 when every error is in a clause made from a
// date, diff, hops or layout option (a usage error, as a bad format is), else 1.
int failureCode(const engine::Outcome& outcome, const engine::DiagramStatement& statement) {
    for (const Diagnostic& d : outcome.diagnostics) {
        if (d.severity != Severity::Error) continue;
        bool usage = false;
        for (auto [begin, end] : statement.usageColumns)
            // An error just after the clause (a missing '..') is the clause's too.
            usage = usage || (d.span.line == 1 && d.span.column >= begin && d.span.column <= end);
        if (!usage) return kFailed;
    }
    return kUsage;
}

// Runs the statement and returns its drawing, or prints the diagnostics and sets `code`.
std::shared_ptr<const engine::DrawnDiagram>
draw(engine::Engine& engine, const engine::DiagramStatement& statement, int& code) {
    engine::Outcome outcome;
    std::shared_ptr<const engine::DrawnDiagram> drawn =
        engine::drawStatement(engine, statement, outcome);
    std::cerr << outcome.renderDiagnostics();
    if (!drawn) code = outcome.ok() ? kFailed : failureCode(outcome, statement);
    return drawn;
}

} // namespace

CLI::App* addDiagramCommand(CLI::App& app, DiagramOptions& o) {
    CLI::App* cmd =
        app.add_subcommand("diagram", "draw a supply-chain diagram (DOT, SVG, PNG, PDF)");
    cmd->add_option("--db", o.db,
                    "SQLite database to use (default: the bundled knowledge base, in memory)");
    cmd->add_option("-r,--relations", o.clauses.relations,
                    "relations to draw, comma-separated (default: those the graph's `draw` "
                    "declarations name; in the bundled graph develops,designs,fabbed_on,made_by)")
        ->delimiter(',');
    cmd->add_option("-q,--query", o.clauses.query,
                    "draw the facts a query's answers bind to: '? designs(F, C), "
                    "develops(Amazon, C).'");
    cmd->add_option("--as-of", o.clauses.asOf,
                    "only facts valid in this period (2026, 2025-H2..2026)");
    cmd->add_option("--known-at", o.clauses.knownAt,
                    "only facts reported by this date (2025-06-30)");
    cmd->add_option("-e,--entity", o.clauses.entity,
                    "the supply chain of one entity: it, the chips it develops, their partners "
                    "and what lies downstream");
    cmd->add_option("--chain", o.clauses.chain, "everything within --hops edges of this entity");
    cmd->add_option("--hops", o.clauses.hops, "how far --chain reaches")->capture_default_str();
    cmd->add_option("--diff", o.clauses.diff,
                    "what changed between two dates: FROM..TO, or FROM.. for up to now");
    cmd->add_option("--diff-by", o.clauses.diffBy,
                    "known: what was known at each date; valid: what held at each date")
        ->capture_default_str();
    cmd->add_flag("--prefer-latest", o.clauses.preferLatest,
                  "of conflicting claims keep only the most recently reported");
    cmd->add_option("--under", o.clauses.under,
                    "what-if scenarios stored in the database (comma-separated): their graph, "
                    "with what they remove or change marked")
        ->delimiter(',');
    cmd->add_option("--layout", o.clauses.layout, "layout engine: dot, neato, fdp, circo")
        ->capture_default_str();
    cmd->add_option("-f,--format", o.format,
                    "dot, svg, png or pdf (default: from the file extension, else dot)");
    cmd->add_option("-o,--output", o.output, "file to write (default: stdout)");
    cmd->add_flag("--legend", o.clauses.legend, "draw the legend into the diagram");
    cmd->add_flag("--roles", o.clauses.roles, "add each design partner's role to its edge label");
    cmd->add_flag("--native-names", o.clauses.nativeNames,
                  "show each entity's first non-Latin alias (e.g. 博通) under its name");
    cmd->add_option("--title", o.clauses.title,
                    "title drawn on top (default: made from the options)");
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
    if (Status s = checkOptions(o); !s) return usageError(s.message());
    bool binary = format.value() == exporter::DiagramFormat::Png ||
                  format.value() == exporter::DiagramFormat::Pdf;
    if (o.output.empty() && binary && isatty(STDOUT_FILENO))
        return usageError(std::string("not writing ") +
                          exporter::diagramFormatName(format.value()) +
                          " to a terminal; name a file with -o");

    auto engine = engine::openDatabaseOrBundled(o.db, true);
    if (!engine) return fail(engine.status().message());
    engine.value()->setOptions(engineOptions(o.limits));
    int code = kOk;
    std::shared_ptr<const engine::DrawnDiagram> drawn =
        draw(*engine.value(), engine::diagramStatement(o.clauses), code);
    if (!drawn) return code;
    const diagram::Diagram& diagram = drawn->model;
    if (diagram.edges.empty() && !o.clauses.query.empty())
        std::cerr << "note: the answers bind no relation with two entity columns; nodes only\n";
    else if (diagram.edges.empty())
        std::cerr << "warning: no facts to draw\n";

    if (o.output.empty()) {
        Result<std::string> bytes = exporter::renderDiagram(diagram, drawn->style, format.value());
        if (!bytes) return fail(bytes.status().message());
        std::cout << bytes.value() << std::flush;
        return kOk;
    }
    if (Status s = exporter::writeDiagram(diagram, drawn->style, format.value(), o.output); !s)
        return fail(s.message());
    std::cout << "wrote " << o.output << ": " << diagram.nodes.size() << " nodes, "
              << diagram.edges.size() << " edges\n";
    return kOk;
}

} // namespace chipgraph::cli
