// chipgraph diagram: options -> a `diagram` statement (diagram_statement.h), run like any
// other -> its model rendered in the format asked for.
#include "cli/diagram_command.h"

#include "cli/commands.h"
#include "cli/diagram_statement.h"
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
    if (o.diffBy != "known" && o.diffBy != "valid")
        return Status::error("unknown --diff-by '" + o.diffBy + "'; choose known or valid");
    if (!o.query.empty() && (!o.relations.empty() || !o.chain.empty() || !o.diff.empty()))
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
int failureCode(const engine::Outcome& outcome, const DiagramStatement& statement) {
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

// Runs the statement (no file it could name is opened) and returns its drawing, or prints
// the diagnostics and sets `code`.
std::shared_ptr<const engine::DrawnDiagram> draw(engine::Engine& engine,
                                                 const DiagramStatement& statement, int& code) {
    const std::string name = "<diagram>";
    engine::Outcome outcome;
    std::vector<engine::Engine::StatementEffect> effects =
        engine.effectsOf(statement.text, name, outcome);
    if (outcome.ok() && effects.size() != 1) {
        SourceSpan span = effects.empty() ? SourceSpan{} : effects[1].span;
        outcome.diagnostics.push_back(
            makeError(Phase::Bind, "expected one query, as in '? designs(F, C).'", span));
    }
    if (outcome.ok())
        outcome = engine.runFiles({{name, statement.text, 1, engine::FileAccess::None}});
    std::cerr << outcome.renderDiagnostics();
    const engine::TextAnswer* answer =
        outcome.results.size() == 1 ? outcome.results[0].asText() : nullptr;
    if (!outcome.ok() || !answer || !answer->drawn) {
        code = outcome.ok() ? kFailed : failureCode(outcome, statement);
        return nullptr;
    }
    return answer->drawn;
}

} // namespace

CLI::App* addDiagramCommand(CLI::App& app, DiagramOptions& o) {
    CLI::App* cmd =
        app.add_subcommand("diagram", "draw a supply-chain diagram (DOT, SVG, PNG, PDF)");
    cmd->add_option("--db", o.db,
                    "SQLite database to use (default: the bundled knowledge base, in memory)");
    cmd->add_option("-r,--relations", o.relations,
                    "relations to draw, comma-separated (default: those the graph's `draw` "
                    "declarations name; in the bundled graph develops,designs,fabbed_on,made_by)")
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
    cmd->add_option("--under", o.under,
                    "what-if scenarios stored in the database (comma-separated): their graph, "
                    "with what they remove or change marked")
        ->delimiter(',');
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
        draw(*engine.value(), diagramStatement(o), code);
    if (!drawn) return code;
    const diagram::Diagram& diagram = drawn->model;
    if (diagram.edges.empty() && !o.query.empty())
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
