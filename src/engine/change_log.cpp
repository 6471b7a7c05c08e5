#include "engine/change_log.h"

#include "bind/stratify.h"
#include "eval/claim_filter.h"
#include "eval/expr_eval.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <pwd.h>
#include <unistd.h>

namespace chipgraph::engine {

std::string osUserName() {
    if (const passwd* entry = getpwuid(geteuid()); entry && entry->pw_name && *entry->pw_name)
        return entry->pw_name;
    if (const char* user = std::getenv("USER"); user && *user) return user;
    return "unknown";
}

std::string logTimeNow() {
    std::time_t now = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch)
        now = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::string describeInput(const std::vector<SourceFile>& files) {
    if (files.size() > 3) {
        // Many files of one folder (the bundled graph: graph/*.kg) are named by the folder.
        std::string folder = files[0].name.substr(0, files[0].name.rfind('/') + 1);
        bool oneFolder = !folder.empty() && std::all_of(files.begin(), files.end(), [&](auto& f) {
            return f.name.rfind(folder, 0) == 0 && f.name.find('/', folder.size()) == f.name.npos;
        });
        if (oneFolder) return folder + " (" + std::to_string(files.size()) + " files)";
    }
    std::string out;
    for (size_t i = 0; i < files.size() && i < 3; ++i)
        out += (i ? ", " : "") + files[i].name;
    if (files.size() > 3) out += " and " + std::to_string(files.size() - 3) + " more";
    return out;
}

Status loadRecordedState(store::Store& store, const schema::Catalog& catalog,
                         const RuleSet& current, DayNumber day, RecordedState& out) {
    Result<store::Store::Recorded> recorded = store.recordedBy(formatDay(day));
    if (!recorded) return recorded.status();
    Status loaded = store.loadFactsRecorded(catalog, recorded.value(), [&](schema::Fact fact) {
        out.facts.addDistinct(std::move(fact));
    });
    if (!loaded) return loaded;
    // Rules are never retracted: those stored by then, which stratified then and still do.
    for (const bind::BoundRule& rule : current.rules)
        if (rule.id < recorded.value().ruleEnd) out.rules.rules.push_back(rule);
    bind::StratifyResult strata = bind::stratify(out.rules.rules, catalog);
    if (!strata.ok()) return Status::error("the rules stored by then do not stratify");
    out.rules.strata = std::move(strata.strata);
    return Status::ok();
}

Result<std::vector<schema::Fact>> retractedClaims(store::Store& store,
                                                  const schema::Catalog& catalog,
                                                  RelationId relation,
                                                  std::optional<DayNumber> recordedAt) {
    store::Store::Recorded by{INT64_MAX, INT64_MAX, INT64_MAX};
    if (recordedAt) {
        Result<store::Store::Recorded> recorded = store.recordedBy(formatDay(*recordedAt));
        if (!recorded) return recorded.status();
        by = recorded.value();
    }
    Result<std::vector<store::Store::FactRecord>> records = store.factRecords(catalog, relation);
    if (!records) return records.status();
    std::vector<schema::Fact> out;
    for (store::Store::FactRecord& r : records.value())
        if (r.retractedBy != 0 && r.retractedBy <= by.lastEntry && r.id < by.factEnd)
            out.push_back(std::move(r.fact));
    return out;
}

namespace {

// Whether `fact` matches the atom: its constants, repeated variables and qualifiers.
bool matches(const bind::BoundAtom& atom, const schema::Fact& fact) {
    std::vector<std::pair<int, const Value*>> bound;
    auto check = [&](const bind::BoundTerm& term, const Value& value) {
        if (term.kind == bind::BoundTerm::Kind::Constant) return term.value == value;
        if (term.kind != bind::BoundTerm::Kind::Variable) return true;
        for (const auto& [variable, earlier] : bound)
            if (variable == term.variable) return *earlier == value;
        bound.push_back({term.variable, &value});
        return true;
    };
    for (size_t i = 0; i < atom.args.size(); ++i)
        if (!check(atom.args[i], fact.args[i])) return false;
    for (const auto& [index, term] : atom.qualifiers) {
        const std::optional<Value>& value = fact.qualifiers[index];
        if (!value) return false;
        if (!check(term, *value)) return false;
    }
    return true;
}

struct BlameRow {
    const store::Store::FactRecord* record;
    const store::Store::LogEntry* entry; // null: stored before the log began
    bool retracted;
};

const store::Store::LogEntry* addingEntry(const std::vector<store::Store::LogEntry>& log,
                                          int64_t factId) {
    const store::Store::LogEntry* found = nullptr;
    for (const store::Store::LogEntry& entry : log)
        if (entry.firstFact <= factId) found = &entry;
    return found;
}

const store::Store::LogEntry* entryById(const std::vector<store::Store::LogEntry>& log,
                                        int64_t id) {
    auto it = std::find_if(log.begin(), log.end(),
                           [&](const store::Store::LogEntry& e) { return e.id == id; });
    return it == log.end() ? nullptr : &*it;
}

std::vector<Cell> cellsOf(const BlameRow& row, const schema::Catalog& catalog) {
    const schema::Fact& fact = row.record->fact;
    const schema::RelationInfo& relation = catalog.relation(fact.relation);
    std::vector<Cell> cells;
    for (const Value& value : fact.args)
        cells.push_back(value.isNumber() ? Cell::ofNumber(eval::displayValue(value, catalog),
                                                          value.numberValue())
                                         : Cell::ofText(eval::displayValue(value, catalog)));
    cells.push_back(Cell::ofText(eval::validityText(fact.valid, relation.timeless)));
    cells.push_back(Cell::ofText(schema::statusName(fact.status)));
    const schema::SourceInfo* source =
        fact.source == kNoId ? nullptr : &catalog.source(fact.source);
    cells.push_back(source ? Cell::ofText(source->name) : Cell::null());
    cells.push_back(source && source->published ? Cell::ofText(source->published->toString())
                                                : Cell::null());
    cells.push_back(Cell::ofText(row.retracted ? "retracted" : "added"));
    if (!row.entry) {
        for (int i = 0; i < 4; ++i)
            cells.push_back(Cell::null());
        return cells;
    }
    cells.push_back(
        Cell::ofNumber(std::to_string(row.entry->id), static_cast<double>(row.entry->id)));
    cells.push_back(Cell::ofText(row.entry->at));
    cells.push_back(Cell::ofText(row.entry->author));
    cells.push_back(Cell::ofText(row.entry->action + " " + row.entry->what));
    return cells;
}

} // namespace

Result<Table> blameTable(store::Store& store, const schema::Catalog& catalog,
                         const bind::BoundQuery& query) {
    const bind::BoundAtom& atom = query.atoms.front();
    Result<std::vector<store::Store::FactRecord>> records =
        store.factRecords(catalog, atom.relation);
    if (!records) return records.status();
    Result<std::vector<store::Store::LogEntry>> log = store.logEntries();
    if (!log) return log.status();
    std::vector<BlameRow> rows;
    for (const store::Store::FactRecord& record : records.value()) {
        if (!matches(atom, record.fact)) continue;
        rows.push_back({&record, addingEntry(log.value(), record.id), false});
        if (record.retractedBy)
            rows.push_back({&record, entryById(log.value(), record.retractedBy), true});
    }
    // Oldest entry first (the facts stored before the log began before all); within an
    // entry, in the order the facts were added.
    auto entryOrder = [](const BlameRow& r) { return r.entry ? r.entry->id : 0; };
    std::stable_sort(rows.begin(), rows.end(), [&](const BlameRow& a, const BlameRow& b) {
        return entryOrder(a) < entryOrder(b);
    });
    Table table;
    for (const schema::Column& column : catalog.relation(atom.relation).columns)
        table.columns.push_back(column.name);
    for (const char* column : {"valid", "status", "source", "reported", "change", "entry",
                               "recorded", "author", "input"})
        table.columns.push_back(column);
    for (const BlameRow& row : rows)
        table.rows.push_back(cellsOf(row, catalog));
    return table;
}

} // namespace chipgraph::engine
