// chipgraph's command line: subcommands query, run, init and load (see --help); without one,
// the REPL on a terminal, a script from a pipe, or one `-c` command.
#include "cli/commands.h"
#include "cli/diagram_command.h"
#include "cli/limit_options.h"
#include "cli/serve_command.h"
#include "cli/watch_command.h"
#include "engine/bundled_graph.h"
#include "engine/engine.h"
#include "repl/runner.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <unistd.h>

namespace {

// Statements that read and write files: `import R from "f.csv"`, `diagram ... to "f.svg"`.
void addFileOptions(CLI::App& command, bool& allowFiles, bool& force) {
    command.add_flag("--allow-files", allowFiles,
                     "let statements name any file (by default: none from a query, only files in "
                     "a script's own folder)");
    command.add_flag("--force", force, "let 'diagram ... to FILE' replace an existing file");
}

// Who the log names for what a command stores (docs/time.md, "The log").
void addAuthorOption(CLI::App& command, std::string& author) {
    command.add_option("--author", author,
                       "the author the log records for what this stores (default: the OS user)");
}

void addCommonOptions(CLI::App& command, chipgraph::cli::CommonOptions& options) {
    command.add_option("--db", options.db,
                       "SQLite database to use (default: the bundled knowledge base, in memory)");
    command
        .add_option("-f,--format", options.format,
                    "output format: table, box, csv, tsv, json, jsonl, markdown, line, or xlsx "
                    "(an Excel workbook, written to -o FILE)")
        ->capture_default_str();
    command.add_option("-o,--output", options.output,
                       "the workbook --format xlsx writes (one sheet per answer, and their "
                       "sources)");
    command.add_flag("--explain", options.explain,
                     "print each query's join plan before its answer");
    command
        .add_option("--provenance", options.provenance,
                    "compact: one source column (every source behind a row); full: also one "
                    "column per atom (source.<relation>)")
        ->capture_default_str()
        ->check(CLI::IsMember({"compact", "full"}));
    addLimitOptions(command, options.limits);
    addFileOptions(command, options.allowFiles, options.force);
}

// The options before a subcommand are the interactive session's: `chipgraph --db F query ...`
// would otherwise answer from the bundled graph, not F, and exit 0.
int rejectSessionOptions(const CLI::App& app, const CLI::App& sub) {
    for (const CLI::Option* option : app.get_options())
        if (option->count() > 0) {
            std::string name = option->get_name(), command = sub.get_name();
            std::string fix = sub.get_option_no_throw(name)
                                  ? "put it after the command: chipgraph " + command + " " + name
                                  : "'" + command + "' takes no " + name + " (see chipgraph " +
                                        command + " --help)";
            std::fprintf(stderr,
                         "error: %s before '%s' is an option of the interactive session; %s\n",
                         name.c_str(), command.c_str(), fix.c_str());
            return 2;
        }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    using namespace chipgraph::cli;
    // The bundled graph starts from its compiled snapshot, not from its text.
    chipgraph::engine::setBundledGraphImage(chipgraph::engine::compiledBundledGraphImage());
    CLI::App app{"chipgraph: a rules-based knowledge graph of the AI-chip supply chain.\n"
                 "Ask a question:  chipgraph query 'who designs Trainium3?'"};
    app.name("chipgraph"); // not argv[0]: help text is the same however it is invoked
    app.set_version_flag("--version", "chipgraph " CHIPGRAPH_VERSION);
    app.require_subcommand(0, 1);
    app.footer("Without a subcommand: an interactive session on a terminal (.help lists its "
               "commands),\nor the statements piped to standard input, run one by one.\n");

    // Without a subcommand: the REPL, a piped script or -c.
    chipgraph::repl::ReplOptions replOptions;
    std::string command, historyFile;
    bool noHistory = false;
    app.add_option("-c", command, "run one statement (or dot-command) and exit");
    app.add_option("--db", replOptions.database,
                   "SQLite database to use (default: the bundled knowledge base, in memory)");
    app.add_option("-f,--format", replOptions.format,
                   "output format: table, box, csv, tsv, json, jsonl, markdown, line")
        ->capture_default_str();
    app.add_flag("--bail", replOptions.bail, "stop a script at its first error");
    app.add_option("--history", historyFile,
                   "history file (default: $CHIPGRAPH_HISTORY or ~/.chipgraph_history)");
    app.add_flag("--no-history", noHistory, "keep no history");
    app.add_flag("--no-color", replOptions.noColour,
                 "no colours on a terminal (the NO_COLOR variable does the same)");

    CommonOptions queryOptions;
    std::string queryText;
    CLI::App* query = app.add_subcommand("query", "answer one or more questions");
    addCommonOptions(*query, queryOptions);
    query->add_option("text", queryText, "the question, e.g. 'who designs Trainium3?'")->required();
    query->add_option("--expect-fingerprint", queryOptions.expectFingerprint,
                      "exit 3 unless the answer's basis has this fingerprint (from --format "
                      "json: basis.fingerprint)");
    query->footer("Examples:\n"
                  "  chipgraph query 'who designs Trainium3?'\n"
                  "  chipgraph query --format json '? designs(F, C), develops(Amazon, C).'\n"
                  "  chipgraph query '? shipments(V, U) in 2026 order by U desc limit 3.'");

    CommonOptions runOptions;
    std::vector<std::string> scripts;
    CLI::App* run = app.add_subcommand("run", "execute files of statements ('-' reads stdin)");
    addCommonOptions(*run, runOptions);
    addAuthorOption(*run, runOptions.author);
    run->add_option("files", scripts, "script files (.kg)")->required();
    run->footer("Statements run in order as one unit: facts are stored (in --db, or in memory),\n"
                "questions answered. Any error and nothing is kept.\n"
                "Examples:\n"
                "  chipgraph run examples/foundation.kg\n"
                "  chipgraph run --db chips.db --format csv notes.kg questions.kg");

    std::string initPath;
    LimitOptions initLimits;
    CLI::App* init =
        app.add_subcommand("init", "create a database holding the bundled knowledge base");
    init->add_option("file", initPath, "the new database file, e.g. chips.db")->required();
    addLimitOptions(*init, initLimits);
    std::string initAuthor;
    addAuthorOption(*init, initAuthor);
    init->footer("The file must not exist yet. Example:\n"
                 "  chipgraph init chips.db && chipgraph query --db chips.db 'who designs X1?'");

    LoadCommand loadCommand;
    CLI::App* load = app.add_subcommand("load", "add .kg files to a database (all or nothing)");
    load->add_option("--db", loadCommand.db, "the database to add to (created if missing)")
        ->required();
    load->add_option("files", loadCommand.files, "files to load")->required();
    addLimitOptions(*load, loadCommand.limits);
    addFileOptions(*load, loadCommand.allowFiles, loadCommand.force);
    addAuthorOption(*load, loadCommand.author);
    load->footer("Loading the same file twice adds nothing. Example:\n"
                 "  chipgraph load --db chips.db my_notes.kg");

    ImportCommand importCommand;
    CLI::App* import = app.add_subcommand("import", "bulk-load a CSV file into a relation");
    import->add_option("--db", importCommand.db, "the database to add to (created if missing)")
        ->required();
    import->add_option("relation", importCommand.relation, "the relation, e.g. designs")
        ->required();
    import->add_option("file", importCommand.file, "the CSV file; its header names the columns")
        ->required();
    import->add_option("--create", importCommand.createType,
                       "create unknown entities with this type (else they are errors)");
    import->add_option("--skip-bad", importCommand.skipBadReport,
                       "import the good rows and write the bad ones to this CSV report");
    addLimitOptions(*import, importCommand.limits);
    addAuthorOption(*import, importCommand.author);
    import->footer("The header maps CSV columns to the relation's columns (and qualifiers), plus\n"
                   "optional valid_from, valid_to, status and source. Without --skip-bad a bad\n"
                   "row imports nothing. Example:\n"
                   "  chipgraph import --db chips.db designs designs.csv --create DesignFirm");

    DumpCommand dumpCommand;
    CLI::App* dump =
        app.add_subcommand("dump", "write a whole database as .kg text that 'load' reads back");
    dump->add_option("--db", dumpCommand.db,
                     "the database to dump (default: the bundled knowledge base)");
    dump->add_option("-o,--output", dumpCommand.output, "file to write (default: stdout)");
    dump->add_flag("--force", dumpCommand.force, "let -o replace an existing file");
    dump->footer(
        "Types, relations, sources, entities with aliases, facts and rules, in a fixed\n"
        "order. It is also how a database moves to another chipgraph version: dump it\n"
        "with the version that made it, load the text with the new one. Example:\n"
        "  chipgraph dump --db chips.db -o chips.kg && chipgraph load --db new.db chips.kg");

    DiagramOptions diagramOptions;
    CLI::App* diagram = addDiagramCommand(app, diagramOptions);

    ServeCommand serveCommand;
    CLI::App* serve = addServeCommand(app, serveCommand);

    WatchCommand watchCommand;
    CLI::App* watch = addWatchCommand(app, watchCommand);

    LimitOptions replLimits;
    addLimitOptions(app, replLimits);
    bool replForce = false;
    app.add_flag("--force", replForce, "let 'diagram ... to FILE' replace an existing file");
    std::string replAuthor;
    addAuthorOption(app, replAuthor);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // CLI11 prints the message (or --help, --version); its exit codes (104-109 for usage
        // errors) become the documented 2.
        return app.exit(error) == 0 ? 0 : 2;
    }

    if (CLI::App* sub = app.get_subcommands().empty() ? nullptr : app.get_subcommands()[0])
        if (int code = rejectSessionOptions(app, *sub)) return code;
    if (query->parsed()) return runQuery(queryOptions, queryText);
    if (run->parsed()) return runScripts(runOptions, scripts);
    if (init->parsed()) return runInit(initPath, initLimits, initAuthor);
    if (load->parsed()) return runLoad(loadCommand);
    if (diagram->parsed()) return runDiagram(diagramOptions);
    if (import->parsed()) return runImport(importCommand);
    if (dump->parsed()) return runDump(dumpCommand);
    if (serve->parsed()) return runServe(serveCommand);
    if (watch->parsed()) return runWatch(watchCommand);
    replOptions.configure = [&](chipgraph::engine::Engine& engine) {
        engine.setOptions(engineOptions(replLimits, replForce));
        applyAuthor(engine, replAuthor);
    };
    if (!app.get_option("-c")->empty()) return chipgraph::repl::runCommand(replOptions, command);
    if (!isatty(STDIN_FILENO)) return chipgraph::repl::runScript(replOptions, std::cin);
    replOptions.historyFile = noHistory ? ""
                              : !app.get_option("--history")->empty()
                                  ? historyFile
                                  : chipgraph::repl::defaultHistoryFile();
    return chipgraph::repl::runInteractive(replOptions);
}
