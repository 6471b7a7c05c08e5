#include "cli/watch_command.h"

#include "cli/commands.h"
#include "engine/engine.h"
#include "engine/render.h"
#include "export/format.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

namespace chipgraph::cli {

CLI::App* addWatchCommand(CLI::App& app, WatchCommand& command) {
    CLI::App* watch = app.add_subcommand("watch", "questions saved in a database, checked for "
                                                  "changes in their answers");
    watch->require_subcommand(1);
    auto db = [&](CLI::App* sub) {
        sub->add_option("--db", command.db, "the database the watch list is in")->required();
    };
    auto format = [&](CLI::App* sub) {
        sub->add_option("-f,--format", command.format,
                        "output format: table, box, csv, tsv, json, jsonl, markdown, line")
            ->capture_default_str();
    };
    CLI::App* add = watch->add_subcommand("add", "save a question, its answer now the baseline");
    db(add);
    add->add_option("name", command.name, "the watch's name")->required();
    add->add_option("query", command.query, "the question, e.g. 'who designs Trainium3?'")
        ->required();
    CLI::App* check = watch->add_subcommand(
        "check", "ask every saved question again: what changed since the last check (exit 1 "
                 "when anything did); records the check");
    db(check);
    format(check);
    CLI::App* list = watch->add_subcommand("list", "the saved questions");
    db(list);
    format(list);
    CLI::App* remove = watch->add_subcommand("remove", "forget a saved question");
    db(remove);
    remove->add_option("name", command.name, "the watch's name")->required();
    for (CLI::App* sub : {add, check, list, remove})
        sub->callback([&command, sub] { command.action = sub->get_name(); });
    watch->footer("Examples:\n"
                  "  chipgraph watch add --db chips.db trn3 'who designs Trainium3?'\n"
                  "  chipgraph watch check --db chips.db || mail -s 'Trainium3 changed' me");
    return watch;
}

namespace {

int list(engine::Engine& engine, const WatchCommand& command) {
    Result<std::vector<engine::Engine::WatchInfo>> watches = engine.watches();
    if (!watches) return fail(watches.status().message());
    engine::TableAnswer list;
    list.table.columns = {"name", "query", "checked"};
    for (const auto& w : watches.value())
        list.table.rows.push_back(
            {Cell::ofText(w.name), Cell::ofText(w.query), Cell::ofText(w.checkedAt)});
    std::cout << engine::renderResults({{"", std::move(list)}},
                                       exporter::parseFormat(command.format).value(), false);
    return 0;
}

int check(engine::Engine& engine, const WatchCommand& command) {
    engine::Outcome outcome = engine.checkWatches();
    if (!outcome.diagnostics.empty()) std::cerr << outcome.renderDiagnostics();
    if (!outcome.ok()) return 1;
    exporter::Format format = exporter::parseFormat(command.format).value();
    bool json = format == exporter::Format::Json || format == exporter::Format::JsonLines;
    if (json)
        std::cout << engine::renderResults(outcome.results, format, false);
    else // each table under the watch it answers ("trn4: who designs Trainium4?")
        for (size_t i = 0; i < outcome.results.size(); ++i)
            std::cout << (i ? "\n" : "") << outcome.results[i].statement << "\n"
                      << engine::renderResult(outcome.results[i], format, false);
    if (outcome.results.empty() && !json) std::cout << "no watched answer changed\n";
    return outcome.results.empty() ? 0 : 1;
}

} // namespace

int runWatch(WatchCommand& command) {
    if (!exporter::parseFormat(command.format))
        return fail("unknown format '" + command.format + "'",
                    "use table, box, csv, tsv, json, jsonl, markdown or line");
    std::error_code error;
    if (!std::filesystem::exists(command.db, error))
        return fail("'" + command.db + "' does not exist",
                    "create it with 'chipgraph init " + command.db + "'");
    auto engine = engine::Engine::open(command.db);
    if (!engine) return fail(engine.status().message());
    engine::Engine& e = *engine.value();
    if (command.action == "add") {
        engine::Outcome outcome = e.addWatch(command.name, command.query);
        if (!outcome.diagnostics.empty()) std::cerr << outcome.renderDiagnostics();
        if (!outcome.ok()) return 1;
        std::cout << "watching '" << command.name << "': " << command.query << "\n";
        return 0;
    }
    if (command.action == "remove") {
        Result<bool> removed = e.removeWatch(command.name);
        if (!removed) return fail(removed.status().message());
        if (!removed.value())
            return fail("no watch named '" + command.name + "'",
                        "'chipgraph watch list --db " + command.db + "' lists them");
        std::cout << "removed '" << command.name << "'\n";
        return 0;
    }
    return command.action == "list" ? list(e, command) : check(e, command);
}

} // namespace chipgraph::cli
