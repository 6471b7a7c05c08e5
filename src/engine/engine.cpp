#include "engine/engine.h"

#include "ast/printer.h"
#include "bind/binder.h"
#include "bind/stratify.h"
#include "common/memory.h"
#include "common/text.h"
#include "engine/bundled_graph.h"
#include "engine/change_log.h"
#include "engine/diagram_view.h"
#include "engine/engine_testing.h"
#include "engine/executor.h"
#include "engine/import.h"
#include "engine/paged_lookups.h"
#include "engine/question_cache.h"
#include "eval/base_cache.h"
#include "eval/fact_base.h"
#include "eval/rule_engine.h"
#include "export/diagram.h"
#include "parse/parser.h"
#include "store/store.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace chipgraph::engine {

std::string Outcome::renderDiagnostics() const {
    std::string out;
    for (const Diagnostic& d : diagnostics)
        out += renderDiagnostic(d, sources);
    return out;
}

// The text `span` covers in `text`, whose first line is numbered `firstLine`; columns count
// code points (UTF-8 continuation bytes do not start one). "" for a span outside the text.
static std::string spanText(std::string_view text, int firstLine, const SourceSpan& span) {
    if (!span.valid()) return "";
    int line = firstLine, column = 1;
    size_t begin = std::string_view::npos, end = text.size();
    for (size_t i = 0; i <= text.size(); ++i) {
        bool startsChar = i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        if (!startsChar) continue;
        if (line == span.line && column == span.column) begin = i;
        if (line == span.endLine && column == span.endColumn) {
            end = i;
            break;
        }
        if (i == text.size()) break;
        if (text[i] == '\n')
            ++line, column = 1;
        else
            ++column;
    }
    return begin == std::string_view::npos || end < begin
               ? ""
               : std::string(text.substr(begin, end - begin));
}

// What a unit's log entry says it did: `retract` when it only retracted, `import` when it ran
// an import statement, else `load`.
static std::string logAction(const std::vector<bind::BoundStatement>& statements,
                             const LoadStats& stats) {
    if (stats.factsRetracted > 0 && stats.factsAdded == 0 && stats.rules == 0) return "retract";
    for (const bind::BoundStatement& s : statements)
        if (std::holds_alternative<bind::RunImport>(s.node)) return "import";
    return "load";
}

// Whether a unit changed what the database holds: a unit that only repeats what is stored
// leaves no entry.
static bool changedAnything(const LoadStats& stats) {
    return stats.factsAdded + stats.factsRetracted + stats.rules + stats.entities + stats.aliases >
           0;
}

Engine::Engine(std::unique_ptr<store::Store> store)
    : store_(std::move(store)), facts_(std::make_unique<eval::FactBase>()),
      baseCache_(std::make_unique<eval::BaseTableCache>()),
      questions_(std::make_unique<QuestionCache>()), logAuthor_(osUserName()) {}
Engine::~Engine() = default;

// Whether a statement reads stated facts only: a question without rules of its own, `recorded
// at` or a derived relation needs no rule in force.
static bool readsOnlyStatedFacts(const bind::BoundStatement& s, const schema::Catalog& catalog) {
    const auto* run = std::get_if<bind::RunQuery>(&s.node);
    if (!run || !run->localRules.empty() || run->query.recordedAt) return false;
    for (const auto* atoms : {&run->query.atoms, &run->query.negations})
        for (const bind::BoundAtom& atom : *atoms)
            if (catalog.relation(atom.relation).derived) return false;
    return true;
}

size_t Engine::factCount() const {
    Result<int64_t> stored = store_->storedFactCount();
    return stored ? static_cast<size_t>(stored.value()) : facts_->totalSize();
}

Outcome Engine::run(std::string_view text, const std::string& name, int firstLine) {
    return runFiles({SourceFile{name, std::string(text), firstLine}});
}

Engine::ImportOutcome Engine::importCsv(const ImportRequest& request) {
    ImportOutcome result;
    std::string text = request.text;
    if (text.empty()) {
        Result<std::string> read = readTextFile(request.path);
        if (!read) {
            result.outcome.diagnostics.push_back(makeError(Phase::Io, read.status().message(), {}));
            return result;
        }
        text = std::move(read.value());
    }
    importText(request, text, result);
    // Only diagnostics point into the text (a copy of a large file otherwise costs its size).
    if (!result.outcome.diagnostics.empty() || !result.rowErrors.empty())
        result.outcome.sources[request.path] = std::move(text);
    return result;
}

void Engine::importText(const ImportRequest& request, std::string_view text,
                        ImportOutcome& result) {
    // The write lock first: the rows are bound against the catalog as stored now, and another
    // process cannot change it (its new entities taking our ids) before the commit.
    store::Transaction transaction(*store_, store::Transaction::Kind::Bulk);
    Status status = transaction.status();
    if (status && store_->changedByOthers()) status = reloadAll();
    if (!status) {
        result.outcome.diagnostics.push_back(makeError(Phase::Store, status.message(), {}));
        return;
    }
    // New entities go straight into the catalog; they are undone if the import fails. The
    // rows name many: every stored one is read first (one scan, not a lookup per name).
    catalog_.readAllEntities();
    schema::PendingChanges pending(catalog_);
    bind::ImportResult bound = bind::bindImport(
        text, request.path, {request.relation, request.createType}, catalog_, request.progress);
    result.rows = bound.rows;
    if (!bound.status) {
        result.outcome.diagnostics.push_back(
            makeError(Phase::Bind, request.path + ": " + bound.status.message(), {}));
        return;
    }
    if (!bound.rowErrors.empty() && !request.skipBad) {
        result.outcome.diagnostics = importErrors(bound);
        return;
    }
    result.badRows = std::move(bound.badRows);
    result.rowErrors = std::move(bound.rowErrors);
    store::Store::LogEntry entry{0, logTime_ ? *logTime_ : logTimeNow(), logAuthor_, "import",
                                 request.path};
    status = store_->openLogEntry(entry);
    if (status) status = applyImport(bound, catalog_, *store_, *facts_, result.outcome.stats);
    if (status) status = lazyReadError();
    if (status) status = store_->closeLogEntry(entry, changedAnything(result.outcome.stats));
    if (status) status = transaction.commit();
    if (!status) {
        result.outcome.diagnostics.push_back(makeError(Phase::Store, status.message(), {}));
        pending.rollback();
        (void)reloadFacts();
        return;
    }
    pending.commit();
}

static bool writes(const bind::BoundStatement& s) {
    return !std::holds_alternative<bind::RunQuery>(s.node) &&
           !std::holds_alternative<bind::ExplainWhy>(s.node) &&
           !std::holds_alternative<bind::ExplainBlame>(s.node) &&
           !std::holds_alternative<bind::RunDiagram>(s.node) &&
           !std::holds_alternative<bind::ListClaims>(s.node) &&
           !std::holds_alternative<bind::ListChanges>(s.node);
}

// A unit that imports CSV files writes in bulk (store::Store::beginBulk); one that also
// retracts does not (the store checks the references of what it writes, not of retractions).
static bool importsInBulk(const std::vector<bind::BoundStatement>& statements) {
    auto is = [&](auto kind) {
        return std::any_of(statements.begin(), statements.end(), [](const auto& s) {
            return std::holds_alternative<decltype(kind)>(s.node);
        });
    };
    return is(bind::RunImport{}) && !is(bind::RetractFact{});
}

Outcome Engine::runFiles(const std::vector<SourceFile>& files) {
    std::optional<store::Transaction> transaction;
    return runUnit(files, transaction);
}

Outcome Engine::runUnit(const std::vector<SourceFile>& files,
                        std::optional<store::Transaction>& transaction) {
    Outcome outcome;
    for (const SourceFile& file : files)
        outcome.sources[file.name] = file.text;
    schema::PendingChanges pending(catalog_);
    std::shared_ptr<const BoundUnit> unit =
        bindUnit(files, catalog_, defaults_, defaultsGeneration_, options_.overwriteFiles,
                 *questions_, outcome);
    if (Status s = catalog_.entityReadError(); !s) // names read as unknown: not the answer
        outcome.diagnostics = {makeError(Phase::Store, s.message(), {})};
    if (!outcome.ok()) return outcome;
    const std::vector<bind::BoundStatement>& statements = unit->statements;
    if (rulesDeferred_ && !std::all_of(statements.begin(), statements.end(), [&](const auto& s) {
            return readsOnlyStatedFacts(s, catalog_);
        })) {
        // Stored rules are bound against the catalog without this unit's changes: undo them,
        // bind the rules, then bind the unit again.
        pending.rollback();
        if (Status s = rebindRules(); !s) {
            rulesDeferred_ = true;
            outcome.diagnostics.push_back(makeError(Phase::Store, s.message(), {}));
            return outcome;
        }
        return runUnit(files, transaction);
    }

    // New rules join the rules in force; together they must stratify.
    std::optional<RuleSet> extended;
    for (const bind::BoundStatement& s : statements)
        if (auto* rule = std::get_if<bind::DeclareRule>(&s.node)) {
            if (!extended) extended = rules_;
            extended->rules.push_back(rule->rule);
        }
    if (extended) {
        bind::StratifyResult strata = bind::stratify(extended->rules, catalog_);
        for (Diagnostic& d : strata.diagnostics)
            outcome.diagnostics.push_back(std::move(d));
        if (!outcome.ok()) return outcome;
        extended->strata = std::move(strata.strata);
    }
    const RuleSet& rules = extended ? *extended : rules_;

    bool anyWrite = std::any_of(statements.begin(), statements.end(), writes);
    if (anyWrite && readOnly_) {
        auto write = std::find_if(statements.begin(), statements.end(), writes);
        outcome.diagnostics.push_back(makeError(
            Phase::Store, "this command only reads the database; it stores nothing", write->span,
            "add facts with 'chipgraph load --db FILE' or 'chipgraph run --db FILE'"));
        return outcome;
    }
    if (anyWrite && !transaction) {
        transaction.emplace(*store_, importsInBulk(statements) ? store::Transaction::Kind::Bulk
                                                               : store::Transaction::Kind::Normal);
        if (!transaction->status()) {
            outcome.diagnostics.push_back(
                makeError(Phase::Store, transaction->status().message(), {}));
            return outcome;
        }
        if (store_->changedByOthers()) {
            // Bound against what another process has changed since (ids, entities): load the
            // database again, holding the lock now, and run the unit anew within it.
            pending.rollback();
            if (Status s = reloadAll(); !s) {
                outcome.diagnostics.push_back(makeError(Phase::Store, s.message(), {}));
                return outcome;
            }
            return runUnit(files, transaction);
        }
    }
    cancel_.store(false);
    // A unit's scenario declarations are kept only if it succeeds: a writing unit declares
    // into a copy; one that only asks reads the session's (no copy per question).
    Scenarios declared = anyWrite ? scenarios_ : Scenarios{};
    Scenarios& scenarios = anyWrite ? declared : scenarios_;
    Executor executor(*store_, catalog_, *facts_, rules, scenarios, outcome, &cancel_);
    executor.setRuleOptions(ruleOptions({}, {}), strategy_.demand);
    executor.setFingerprints(options_.fingerprints);
    if (anyWrite) pages_->clear(); // what it writes, lookups read differently
    executor.setPageCache(pages_.get());
    Status status = Status::ok();
    SourceSpan failed;
    store::Store::LogEntry entry;
    if (anyWrite) {
        entry.at = logTime_ ? *logTime_ : logTimeNow();
        entry.author = logAuthor_;
        entry.what = describeInput(files);
        status = store_->openLogEntry(entry);
        executor.setLogEntry(entry.id);
    }
    for (const bind::BoundStatement& s : statements) {
        if (!status) break;
        executor.setNextStatement(&s + 1 < statements.data() + statements.size() ? &s + 1
                                                                                 : nullptr);
        size_t answered = outcome.results.size();
        if (!(status = executor.execute(s))) {
            failed = s.span;
            break;
        }
        if (outcome.results.size() > answered) {
            auto file = std::find_if(files.begin(), files.end(), [&](const SourceFile& f) {
                return f.name == s.span.fileName();
            });
            if (file != files.end())
                outcome.results.back().statement = spanText(file->text, file->firstLine, s.span);
        }
    }
    // A relation whose facts failed to load was read as empty: no answer or write stands.
    if (status) status = lazyReadError();
    if (status && anyWrite) {
        entry.action = logAction(statements, outcome.stats);
        status = store_->closeLogEntry(entry, changedAnything(outcome.stats));
    }
    if (status && transaction) status = transaction->commit();
    if (!status) {
        transaction.reset(); // rolls back
        pending.rollback();
        outcome.results.clear();
        if (!status.alreadyReported()) outcome.diagnostics.push_back(status.diagnostic(failed));
        // Only a writing unit can have changed the in-memory facts.
        if (anyWrite) (void)reloadFacts();
        return outcome;
    }
    pending.commit();
    if (extended) rules_ = std::move(*extended);
    if (anyWrite) scenarios_ = std::move(declared);
    drawDiagrams(executor.diagrams(), outcome);
    if (Status s = lazyReadError(); !s) {
        outcome.results.clear();
        outcome.diagnostics.push_back(makeError(Phase::Store, s.message(), {}));
    }
    return outcome;
}

void Engine::drawDiagrams(const std::vector<std::pair<size_t, bind::RunDiagram>>& diagrams,
                          Outcome& outcome) {
    for (const auto& [index, request] : diagrams) {
        std::optional<DayNumber> namedAt = request.knownAt;
        if (request.diff && !request.diff->asOf)
            namedAt = request.diff->to ? std::optional(request.diff->to->lastDay()) : std::nullopt;
        schema::ShowNamesKnownAt names(catalog_, namedAt);
        diagram::DiagramRequest build;
        build.relations = request.relations;
        build.window = request.window;
        build.knownAt = request.knownAt;
        build.entity = request.entity;
        build.chainOf = request.chainOf;
        build.hops = request.hops;
        build.query = request.query;
        build.queryText = request.queryText;
        if (request.diff)
            build.diff = diagram::DiagramDiff{request.diff->from, request.diff->to,
                                              request.diff->asOf ? diagram::DiffAxis::AsOf
                                                                 : diagram::DiffAxis::KnownAt};
        if (request.preferLatest) build.policy = diagram::ConflictPolicy::PreferLatest;
        build.nativeNames = request.nativeNames;
        build.title = request.title;
        exporter::DiagramStyle style;
        if (!request.layout.empty())
            style.layout = exporter::parseLayoutEngine(request.layout).value();
        style.legend = request.legend;
        style.roles = request.roles;
        Result<diagram::Diagram> diagram =
            request.under.empty()
                ? buildDiagram(*this, build)
                : buildDiagramUnder(*this, *facts_, scenarios_, request.under, build);
        // A relation or an entity that could not be read was drawn as empty or unnamed: no
        // diagram is shown or written (runUnit reports the error and drops the answers).
        if (!lazyReadError()) return;
        Status status = diagram.status();
        if (status && request.path.empty()) {
            Result<std::string> dot =
                exporter::renderDiagram(diagram.value(), style, exporter::DiagramFormat::Dot);
            if (dot) outcome.results[index].answer = TextAnswer{dot.value(), nullptr};
            status = dot.status();
        } else if (status) {
            exporter::DiagramFormat format = exporter::diagramFormatForPath(request.path).value();
            status = exporter::writeDiagram(diagram.value(), style, format, request.path);
            if (status)
                outcome.results[index].answer =
                    TextAnswer{std::string("wrote ") + request.path + " (" +
                                   exporter::diagramFormatName(format) + ")\n",
                               nullptr};
        }
        if (status)
            if (auto* text = std::get_if<TextAnswer>(&outcome.results[index].answer))
                text->drawn =
                    std::make_shared<const DrawnDiagram>(DrawnDiagram{diagram.value(), style});
        if (!status && !diagram) { // nothing to draw: point at the statement
            outcome.diagnostics.push_back(status.diagnostic(request.span));
            outcome.results[index].answer = TextAnswer{};
        } else if (!status) {
            outcome.diagnostics.push_back(makeError(Phase::Io, status.message(), request.pathSpan));
            outcome.results[index].answer = TextAnswer{};
        }
    }
}

std::vector<schema::Fact> Engine::factsOf(RelationId relation, std::optional<Interval> window,
                                          std::optional<DayNumber> knownAt,
                                          const eval::FactBase* facts) const {
    const eval::FactBase& base = facts ? *facts : *facts_;
    if (catalog_.relation(relation).derived) {
        const RuleSet& inForce = boundRules();
        eval::RuleEngine rules(catalog_, base, inForce.rules, inForce.strata,
                               ruleOptions(window, knownAt));
        if (!rules.evaluate({relation})) return {};
        std::vector<schema::Fact> derived;
        for (schema::Fact& f : rules.factsOf(relation))
            if (!window || f.valid.overlaps(*window)) derived.push_back(std::move(f));
        return derived;
    }
    std::vector<schema::Fact> out;
    const eval::ClaimFilter claims{window, knownAt};
    const schema::RelationInfo& info = catalog_.relation(relation);
    for (const schema::Fact& f : base.relation(relation).facts())
        if (claims.check(catalog_, info, f.valid, f.source) == eval::LeftOut::None)
            out.push_back(f);
    return out;
}

std::string Engine::printAst(std::string_view text, const std::string& name, int firstLine,
                             Outcome& outcome) const {
    outcome.sources[name] = std::string(text);
    parse::ParseResult parsed =
        parse::parseProgram(text, std::make_shared<const std::string>(name), firstLine);
    outcome.diagnostics = std::move(parsed.diagnostics);
    return outcome.ok() ? ast::print(parsed.program) : std::string();
}

std::vector<Engine::StatementEffect> Engine::effectsOf(std::string_view text,
                                                       const std::string& name, Outcome& outcome) {
    outcome.sources[name] = std::string(text);
    parse::ParseResult parsed =
        parse::parseProgram(text, std::make_shared<const std::string>(name), 1);
    outcome.diagnostics = std::move(parsed.diagnostics);
    if (!outcome.ok()) return {};
    schema::PendingChanges pending(catalog_); // never committed: binding only looks
    bind::BindResult bound = bind::bindProgram(parsed.program, catalog_, defaults_);
    outcome.diagnostics = std::move(bound.diagnostics);
    if (!outcome.ok()) return {};
    std::vector<StatementEffect> effects;
    for (const bind::BoundStatement& s : bound.statements) {
        StatementEffect& e = effects.emplace_back();
        e.writes = writes(s);
        e.span = s.span;
        if (auto* import = std::get_if<bind::RunImport>(&s.node)) {
            e.namesFile = true;
            e.span = import->pathSpan;
        } else if (auto* diagram = std::get_if<bind::RunDiagram>(&s.node);
                   diagram && !diagram->path.empty()) {
            e.namesFile = true;
            e.span = diagram->pathSpan;
        }
    }
    return effects;
}

bool Engine::isIncomplete(std::string_view text) {
    return parse::isIncomplete(text);
}

Status Engine::saveTo(const std::string& path) {
    return store_->backupTo(path);
}

Result<Engine::Materialized> Engine::materialize(const std::string& name,
                                                 std::optional<Interval> window,
                                                 std::optional<DayNumber> knownAt) {
    const schema::RelationInfo* relation = catalog_.findRelation(name);
    if (!relation) return Status::error("unknown relation '" + name + "'");
    if (!relation->derived) return Status::error("'" + name + "' is not derived by rules");
    eval::RuleEvalOptions options = ruleOptions(window, knownAt);
    options.trackProvenance = false;
    options.cache = nullptr; // from scratch: benchmarks time the whole evaluation
    options.cancel = &cancel_;
    cancel_.store(false);
    const RuleSet& inForce = boundRules();
    eval::RuleEngine rules(catalog_, *facts_, inForce.rules, inForce.strata, options);
    if (Status s = rules.evaluate({relation->id}); !s) return s;
    if (Status s = lazyReadError(); !s) return s;
    return Materialized{rules.table(relation->id).size(), rules.derivedCount(),
                        rules.derivedMemoryBytes()};
}

eval::RuleEvalOptions Engine::ruleOptions(std::optional<Interval> window,
                                          std::optional<DayNumber> knownAt) const {
    eval::RuleEvalOptions options;
    options.window = window;
    options.knownAt = knownAt;
    const Limits& limits = options_.limits;
    options.maxDerivedFacts = limits.maxDerivedFacts;
    options.timeLimit = limits.timeLimit;
    options.maxMemoryBytes = limits.maxMemoryBytes ? limits.maxMemoryBytes : defaultMaxMemory();
    options.naive = strategy_.naive;
    options.threads = options_.threads;
    if (strategy_.partRows > 0) options.partRows = strategy_.partRows;
    options.cache = baseCache_.get();
    return options;
}

size_t defaultMaxMemory() {
    constexpr size_t kGiB = size_t{1} << 30;
    return std::max(kGiB, physicalMemoryBytes() / 2);
}

Outcome Engine::loadBundledGraph() {
    // Into a new in-memory database, the snapshot made at build time is the same database.
    if (std::string_view image = bundledGraphImage();
        !image.empty() && inMemory_ && catalog_.types().empty()) {
        Outcome outcome;
        Status s = store_->restoreImage(image);
        if (s) s = store_->restampLog(logTime_ ? *logTime_ : logTimeNow(), logAuthor_);
        if (s) s = reloadAll(true);
        if (!s) outcome.diagnostics.push_back(makeError(Phase::Io, s.message(), {}));
        return outcome;
    }
    std::vector<SourceFile> files;
    for (const BundledFile& f : bundledGraphFiles())
        files.push_back({std::string(f.name), std::string(f.text), 1});
    return runFiles(files);
}

} // namespace chipgraph::engine
