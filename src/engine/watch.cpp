// Watch lists: saved questions, and what changed in their answers since the last check
// (docs/time.md, "Watch lists").
#include "engine/change_log.h"
#include "engine/engine.h"
#include "store/store.h"

#include <algorithm>
#include <set>

namespace chipgraph::engine {

namespace {

// An answer as stored: its columns on the first line, then a row per line, cells separated by
// tabs (tabs, newlines and backslashes inside cells escaped).
std::string escapeCell(const std::string& text) {
    std::string out;
    for (char c : text)
        out += c == '\t'   ? std::string("\\t")
               : c == '\n' ? "\\n"
               : c == '\\' ? "\\\\"
                           : std::string(1, c);
    return out;
}

std::string lineOf(const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i)
        line += (i ? "\t" : "") + escapeCell(cells[i]);
    return line;
}

std::vector<std::string> rowLines(const Table& table) {
    std::vector<std::string> lines;
    size_t shown = table.columns.size() - table.detailColumns;
    for (const std::vector<Cell>& row : table.rows) {
        std::vector<std::string> cells;
        for (size_t i = 0; i < shown; ++i)
            cells.push_back(row[i].text);
        lines.push_back(lineOf(cells));
    }
    return lines;
}

std::string serialise(const Table& table) {
    std::vector<std::string> header(table.columns.begin(),
                                    table.columns.end() - table.detailColumns);
    std::string out = lineOf(header) + "\n";
    for (const std::string& line : rowLines(table))
        out += line + "\n";
    return out;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
        lines.push_back(text.substr(start, end - start));
    return lines;
}

std::vector<Cell> cellsOf(const std::string& change, const std::string& line) {
    std::vector<Cell> cells{Cell::ofText(change)};
    std::string cell;
    for (size_t i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == '\t') {
            cells.push_back(Cell::ofText(cell));
            cell.clear();
        } else if (line[i] == '\\' && i + 1 < line.size()) {
            char next = line[++i];
            cell += next == 't' ? '\t' : next == 'n' ? '\n' : next;
        } else {
            cell += line[i];
        }
    }
    return cells;
}

// The rows of `now` not in the stored answer (added) and those gone (removed), in that order.
Table changesSince(const std::string& stored, const Table& now) {
    std::vector<std::string> before = splitLines(stored);
    std::vector<std::string> header(now.columns.begin(), now.columns.end() - now.detailColumns);
    std::vector<std::string> after = rowLines(now);
    Table table;
    table.columns = {"change"};
    table.columns.insert(table.columns.end(), header.begin(), header.end());
    // Columns that changed (the question's relation redeclared): every row is a change.
    bool sameColumns = !before.empty() && before.front() == lineOf(header);
    std::multiset<std::string> old(before.begin() + (before.empty() ? 0 : 1), before.end());
    if (!sameColumns) old.clear();
    std::multiset<std::string> fresh(after.begin(), after.end());
    for (const std::string& line : after)
        if (!old.count(line)) table.rows.push_back(cellsOf("added", line));
    if (sameColumns)
        for (const std::string& line : old)
            if (!fresh.count(line)) table.rows.push_back(cellsOf("removed", line));
    return table;
}

} // namespace

// Runs a saved question; its one answer, or the diagnostics.
static std::optional<TableAnswer> ask(Engine& engine, const std::string& name,
                                      const std::string& query, Outcome& outcome) {
    std::string label = "<watch " + name + ">";
    std::vector<Engine::StatementEffect> effects = engine.effectsOf(query, label, outcome);
    if (!outcome.ok()) return std::nullopt;
    bool oneQuestion = effects.size() == 1 && !effects[0].writes && !effects[0].namesFile;
    Outcome answered = oneQuestion ? engine.run(query, label) : Outcome{};
    const TableAnswer* table =
        answered.ok() && answered.results.size() == 1 ? answered.results[0].asTable() : nullptr;
    if (oneQuestion && table && table->basis) return *table;
    if (!answered.ok()) {
        outcome = std::move(answered);
        return std::nullopt;
    }
    outcome.diagnostics.push_back(
        makeError(Phase::Bind, "a watch saves one question: '" + query + "' is not one", {},
                  "save a query such as '? designs(F, Trainium3).' or 'who designs Trainium3?'"));
    return std::nullopt;
}

Outcome Engine::addWatch(const std::string& name, const std::string& query) {
    Outcome outcome;
    std::optional<TableAnswer> answer = ask(*this, name, query, outcome);
    if (!answer) return outcome;
    store::Transaction transaction(*store_);
    Status status = transaction.status();
    Result<bool> added = status ? store_->addWatch({name, query, serialise(answer->table),
                                                    logTime_ ? *logTime_ : logTimeNow()})
                                : Result<bool>(status);
    if (added && !added.value())
        status = Status::error("a watch named '" + name +
                               "' exists; remove it first with "
                               "'chipgraph watch remove'");
    else if (!added)
        status = added.status();
    if (status) status = transaction.commit();
    if (!status) outcome.diagnostics.push_back(makeError(Phase::Store, status.message(), {}));
    return outcome;
}

Result<std::vector<Engine::WatchInfo>> Engine::watches() {
    Result<std::vector<store::Store::Watch>> stored = store_->watches();
    if (!stored) return stored.status();
    std::vector<WatchInfo> out;
    for (const store::Store::Watch& w : stored.value())
        out.push_back({w.name, w.query, w.checkedAt});
    return out;
}

Outcome Engine::checkWatches(bool record) {
    Outcome outcome;
    Result<std::vector<store::Store::Watch>> stored = store_->watches();
    if (!stored) {
        outcome.diagnostics.push_back(makeError(Phase::Store, stored.status().message(), {}));
        return outcome;
    }
    std::vector<std::pair<std::string, std::string>> updates; // name, answer
    for (const store::Store::Watch& watch : stored.value()) {
        Outcome asked;
        std::optional<TableAnswer> answer = ask(*this, watch.name, watch.query, asked);
        for (auto& [file, text] : asked.sources)
            outcome.sources[file] = text;
        for (Diagnostic& d : asked.diagnostics)
            outcome.diagnostics.push_back(std::move(d));
        if (!answer) continue;
        Table changes = changesSince(watch.answer, answer->table);
        if (changes.rows.empty()) continue;
        TableAnswer changed;
        changed.table = std::move(changes);
        outcome.results.push_back({watch.name + ": " + watch.query, std::move(changed)});
        updates.push_back({watch.name, serialise(answer->table)});
    }
    if (!outcome.ok() || !record) return outcome;
    store::Transaction transaction(*store_);
    Status status = transaction.status();
    std::string now = logTime_ ? *logTime_ : logTimeNow();
    for (const store::Store::Watch& watch : stored.value()) {
        auto update = std::find_if(updates.begin(), updates.end(),
                                   [&](const auto& u) { return u.first == watch.name; });
        std::string answer = update == updates.end() ? watch.answer : update->second;
        if (status) status = store_->updateWatch(watch.name, answer, now);
    }
    if (status) status = transaction.commit();
    if (!status) outcome.diagnostics.push_back(makeError(Phase::Store, status.message(), {}));
    return outcome;
}

Result<bool> Engine::removeWatch(const std::string& name) {
    store::Transaction transaction(*store_);
    if (!transaction.status()) return transaction.status();
    Result<bool> removed = store_->removeWatch(name);
    if (!removed) return removed;
    if (Status s = transaction.commit(); !s) return s;
    return removed;
}

} // namespace chipgraph::engine
