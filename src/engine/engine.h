#pragma once
// The front door: Engine::run(text) -> Outcome{tables | diagnostics}. Owns the store (SQLite),
// the catalog and the in-memory facts, and keeps them in step: a unit of input (one text, or
// several files loaded together) is parsed and bound completely before anything is written,
// then executed in one transaction. Any error leaves the database and the engine unchanged.
#include "bind/bound.h"
#include "common/derivation.h"
#include "common/diagnostic.h"
#include "common/table.h"
#include "schema/catalog.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace chipgraph::store {
class Store;
class Transaction;
} // namespace chipgraph::store
namespace chipgraph::eval {
class FactBase;
class BaseTableCache;
struct RuleEvalOptions;
} // namespace chipgraph::eval

namespace chipgraph::engine {

class QuestionCache;
class PageCache;

// Which files the statements of a source may read and write (docs/limits.md, "Files").
enum class FileAccess {
    Any,        // any path; relative ones from the current folder (the REPL, tests)
    InFolder,   // relative paths without '..', from the folder of the file (a script's `name`)
    FromFolder, // any path; relative ones from the folder of the file (--allow-files)
    None,       // no file at all (a query given on the command line)
};

struct SourceFile {
    std::string name; // shown in diagnostics: "graph/30_chips.kg", "<stdin>", "<query>"
    std::string text;
    int firstLine = 1; // the REPL counts lines over a session
    FileAccess files = FileAccess::Any;
};

struct LoadStats {
    int types = 0, relations = 0, entities = 0, aliases = 0, sources = 0;
    int factsAdded = 0, factsPresent = 0, factsRetracted = 0, rules = 0;
};

// What a question's answer rests on (docs/time.md, "Reproducible answers"): carried by JSON.
struct AnswerBasis {
    std::optional<DayNumber> knownAt;    // `known at`, as the last day
    std::optional<Interval> window;      // `as of` / `in` / `during`
    std::optional<DayNumber> recordedAt; // `recorded at`, as the last day
    std::string policy = "all";          // which claims count when they disagree
    std::string fingerprint;             // engine/fingerprint.h
};

// What one statement answered: a table (a query, with its plan for `explain`), the derivation
// trees of a `why`, or a text (a diagram's DOT document, or a note such as "wrote x.svg").
struct TableAnswer {
    Table table;
    std::string plan;                 // strata and join orders (shown for `explain` or --explain)
    bool explain = false;             // the statement asked for its plan
    std::optional<AnswerBasis> basis; // a question's (not `blame`)
};
struct WhyAnswer {
    std::vector<DerivationNode> derivations; // one tree per matching fact
};
struct DrawnDiagram;
struct TextAnswer {
    std::string text;
    // A diagram statement's model and style, so that a caller can render it in any format
    // (engine/diagram_view.h); null for other texts.
    std::shared_ptr<const DrawnDiagram> drawn;
};

struct StatementResult {
    std::string statement; // the statement's text as written (JSON answers carry it)
    std::variant<TableAnswer, WhyAnswer, TextAnswer> answer;

    const TableAnswer* asTable() const { return std::get_if<TableAnswer>(&answer); }
    const WhyAnswer* asWhy() const { return std::get_if<WhyAnswer>(&answer); }
    const TextAnswer* asText() const { return std::get_if<TextAnswer>(&answer); }
};

// The rules in force and their strata (dependencies first).
struct RuleSet {
    std::vector<bind::BoundRule> rules;
    std::vector<bind::Stratum> strata;
};

struct Outcome {
    std::vector<StatementResult> results; // one per answering statement, in order
    std::vector<Diagnostic> diagnostics;
    LoadStats stats;
    SourceTexts sources; // the texts the diagnostics point into
    bool ok() const { return !hasErrors(diagnostics); }
    // Every diagnostic rendered with its source line and carets.
    std::string renderDiagnostics() const;
};

// Limits of evaluation, rules and queries alike: a runaway rule or join stops with an error,
// never a hang or all the machine's memory (docs/limits.md).
struct Limits {
    size_t maxDerivedFacts = 0;             // derived facts per statement (0: no cap)
    std::chrono::milliseconds timeLimit{0}; // per statement (0: none)
    size_t maxMemoryBytes = 0; // derived tables plus one answer (0: defaultMaxMemory())
};
// Half the physical memory, at least 1 GiB: the memory guard when none is given.
size_t defaultMaxMemory();

struct EngineOptions {
    Limits limits;
    // Threads that close the parts of a linear recursive closure (0: one per core; 1: none).
    int threads = 0;
    // Whether `diagram ... to "file"` may replace an existing file (--force); by default it is
    // an error, as the REPL's `.save` refuses to overwrite.
    bool overwriteFiles = false;
    // Whether answers carry their basis's fingerprint (AnswerBasis::fingerprint; its cost
    // follows the facts the question can read): front ends that print none (a table, CSV) and
    // check none (--expect-fingerprint) turn it off; left empty then.
    bool fingerprints = true;
};

// Evaluation strategies the property tests compare with the defaults (engine_testing.h).
struct EvaluationStrategy {
    bool naive = false;  // the naive fixpoint instead of semi-naive
    bool demand = true;  // constants evaluated on demand (plan/demand.h) instead of in full
    size_t partRows = 0; // facts a closure's part aims at (0: the evaluator's default)
};

class Engine {
public:
    // Opens the database at `path` (":memory:" for a private one), loading its catalog and facts.
    // `readOnly`: an existing database, never written (statements that would store something
    // fail, naming the cause).
    static Result<std::unique_ptr<Engine>> open(const std::string& path, bool readOnly = false);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Runs statements: declarations and facts are stored, queries answered. Their files:
    // FileAccess::Any.
    Outcome run(std::string_view text, const std::string& name = "<input>", int firstLine = 1);
    // Runs several files as one unit: all load, or (on any error) none.
    Outcome runFiles(const std::vector<SourceFile>& files);
    // Loads the knowledge base embedded from graph/ (one unit).
    Outcome loadBundledGraph();

    // How statements run (limits, threads, overwriting files); the defaults are every
    // command's. Takes effect from the next statement.
    void setOptions(const EngineOptions& options) { options_ = options; }
    const EngineOptions& options() const { return options_; }

    // Who and when the log records for the units this engine stores (docs/time.md, "The
    // log"): the author (default: the OS user) and a fixed time (ISO 8601 UTC; default: the
    // clock, or $SOURCE_DATE_EPOCH). Golden tests pin both.
    void setLogAuthor(std::string author) { logAuthor_ = std::move(author); }
    void setLogTime(std::optional<std::string> time) { logTime_ = std::move(time); }

    const schema::Catalog& catalog() const { return catalog_; }
    // The stored facts, counted by the store: no relation is loaded for it (the shell's
    // greeting must not undo lazy opening).
    size_t factCount() const;

    // The facts of a relation whose validity overlaps `window` and whose source was published
    // by `knownAt` (when given), in load order. Used to draw diagrams. From `facts` when given
    // (a scenario's copy), else the engine's.
    std::vector<schema::Fact> factsOf(RelationId relation, std::optional<Interval> window = {},
                                      std::optional<DayNumber> knownAt = {},
                                      const eval::FactBase* facts = nullptr) const;

    // The values of a bound query's variables, one vector per answer, in the order the query
    // prints its answers (`order by` and `limit` apply). Derived relations are evaluated with
    // the query's window and `known at`. Diagrams of a query draw from these.
    Result<std::vector<std::vector<Value>>>
    answerBindings(const bind::BoundQuery& query, const eval::FactBase* facts = nullptr) const;

    // Parses and binds one query given as text (`? body modifiers.` or a phrase question, as
    // `chipgraph diagram --query` takes it) against the catalog, with the session defaults.
    // Returns nullopt with the diagnostics (caret-rendered by outcome.renderDiagnostics()) in
    // `outcome` when the text is not exactly one valid query.
    std::optional<bind::BoundQuery> bindQueryText(std::string_view text, const std::string& name,
                                                  Outcome& outcome) const;

    // Session defaults for queries that give no `as of` / `known at` (the REPL's `.asof` and
    // `.knownat`); nullopt clears. An error names the malformed date.
    Status setDefaultAsOf(const std::optional<std::string>& date);
    Status setDefaultKnownAt(const std::optional<std::string>& date);
    // The session's default `prefer` policy: "all" (or nullopt), "latest", or source names
    // separated by commas (a ranking, best first). An error names an unknown source or policy.
    Status setDefaultPolicy(const std::optional<std::string>& policy);

    // Parses `text` and prints its AST back as source (the REPL's `.show ast`); syntax errors
    // come back as diagnostics in `outcome`.
    std::string printAst(std::string_view text, const std::string& name, int firstLine,
                         Outcome& outcome) const;

    // What one statement of a text would do, found by parsing and binding it without running
    // it (the catalog is left as it was): whether it stores something (a declaration, fact,
    // retraction, rule or import) and whether it names a file (`import ... from`, `diagram ...
    // to`). The web server refuses such statements before running anything.
    struct StatementEffect {
        bool writes = false;
        bool namesFile = false;
        SourceSpan span; // the statement, or the file name it gives
    };
    // One entry per statement, in order; syntax and binding errors come back in `outcome`
    // (with the text as `name`, so outcome.renderDiagnostics() quotes it).
    std::vector<StatementEffect> effectsOf(std::string_view text, const std::string& name,
                                           Outcome& outcome);

    // Watch lists (engine/watch.cpp; docs/time.md, "Watch lists"): questions saved in the
    // database with their answer at the last check.
    struct WatchInfo {
        std::string name, query, checkedAt;
    };
    // Saves `query` (exactly one question, which stores nothing) as `name`, with its answer now
    // as the baseline. Errors (a bad question, a name taken) come back in the outcome.
    Outcome addWatch(const std::string& name, const std::string& query);
    Result<std::vector<WatchInfo>> watches();
    // Asks every saved question again; one result per watch whose answer changed since the
    // last check: a `change` column (added, removed), then the answer's columns. Records this
    // check (when `record`). Errors (a question that no longer binds) in the outcome.
    Outcome checkWatches(bool record = true);
    Result<bool> removeWatch(const std::string& name); // false: no such watch

    // Writes a copy of the database to a new file (the REPL's `.save`).
    Status saveTo(const std::string& path);
    // Writes the whole database as `.kg` text that `chipgraph load` reads back into an equal
    // database (`chipgraph dump`, the REPL's `.dump`), read from the store as one snapshot.
    Status dump(std::ostream& out);

    // True when `text` ends inside an unfinished statement (no final '.' or '?', or an open
    // string or comment): the REPL keeps reading lines until it is false.
    static bool isIncomplete(std::string_view text);

    // Asks a running evaluation to stop (safe from a signal handler or another thread); the
    // statement being run fails with "interrupted" and changes nothing.
    void interrupt() { cancel_.store(true); }

    // The rules in force (bound now if a restored snapshot left them for later).
    const RuleSet& rules() const { return boundRules(); }

    struct ImportRequest {
        std::string relation;
        std::string path;       // shown in errors (and read, when `text` is empty)
        std::string text;       // the CSV, if already read
        std::string createType; // create unknown entities with this type ("": report them)
        bool skipBad = false;   // import the good rows, return the bad ones in `badRows`
        std::function<void(size_t rows)> progress;
    };
    struct ImportOutcome {
        Outcome outcome;                   // diagnostics (bad rows), stats
        std::vector<std::string> badRows;  // with skipBad: the rows left out (CSV)
        std::vector<Diagnostic> rowErrors; // with skipBad: why each was left out
        size_t rows = 0;
    };
    // Imports a CSV file into a base relation, in one transaction: all rows or (any bad row,
    // unless skipBad) none.
    ImportOutcome importCsv(const ImportRequest& request);

    struct Materialized {
        size_t facts = 0;        // distinct derived tuples (per status) of the relation
        size_t derivedTotal = 0; // derived tuples of every relation evaluated
        size_t bytes = 0;        // memory of the derived tables, indexes included
    };
    // Evaluates a derived relation completely (for benchmarks and `.stats`), without tracking
    // provenance; `window` / `knownAt` filter the premises as in queries.
    Result<Materialized> materialize(const std::string& relation,
                                     std::optional<Interval> window = {},
                                     std::optional<DayNumber> knownAt = {});

private:
    Engine(std::unique_ptr<store::Store> store);
    Status reloadFacts();
    // The first error reading facts or entities on demand gave (engine_open.cpp): what was
    // computed meanwhile read them as missing, so it is reported instead.
    Status lazyReadError() const;
    // importCsv once the file is read: binds and stores it, or reports why not.
    void importText(const ImportRequest& request, std::string_view text, ImportOutcome& result);
    // runFiles within `transaction`, if it is open (the unit is run again after reloading);
    // a writing unit opens it otherwise.
    Outcome runUnit(const std::vector<SourceFile>& files,
                    std::optional<store::Transaction>& transaction);
    // `deferRules`: the stored rules are known to bind (the bundled snapshot, made by this
    // binary): bind them when a statement first needs them (boundRules).
    Status reloadAll(bool deferRules = false);
    // Rule evaluation as this engine is set up (limits, naive, the kept base tables) for
    // premises filtered by `window` / `knownAt`.
    eval::RuleEvalOptions ruleOptions(std::optional<Interval> window,
                                      std::optional<DayNumber> knownAt) const;
    Status rebindRules() const;
    // rules_, bound first if reloadAll deferred them.
    const RuleSet& boundRules() const;
    template <class T> void changeDefault(T& field, T value);
    Status rebindScenarios();
    Status rebindDrawings(schema::Catalog& catalog);
    void drawDiagrams(const std::vector<std::pair<size_t, bind::RunDiagram>>& diagrams,
                      Outcome& outcome);

    friend struct EngineTesting;

    std::unique_ptr<store::Store> store_;
    schema::Catalog catalog_;
    std::unique_ptr<eval::FactBase> facts_;
    // Facts read by lookups on disk while facts_ has not read their relations (made anew
    // with facts_, dropped by every write).
    std::unique_ptr<PageCache> pages_;
    bind::QueryDefaults defaults_;
    // The rules in force; left unbound after restoring the bundled snapshot until a statement
    // reads a derived relation (rulesDeferred_): a question on stated facts needs none, and
    // parsing the stored rules is most of `chipgraph query`'s own time (issue 15 item 7).
    mutable RuleSet rules_;
    mutable bool rulesDeferred_ = false;
    // What-if scenarios declared in this session, by folded name (docs/analysis.md).
    std::map<std::string, bind::DeclareScenario> scenarios_;
    EngineOptions options_;
    EvaluationStrategy strategy_;
    bool readOnly_ = false;
    bool inMemory_ = false; // a private ":memory:" database
    // Loaded base tables, kept while their facts are unchanged (filled by const queries too:
    // diagrams, factsOf).
    std::unique_ptr<eval::BaseTableCache> baseCache_;
    // Questions parsed and bound in this session (question_cache.h), and what keys them
    // besides the catalog: a count of the changes to defaults_.
    std::unique_ptr<QuestionCache> questions_;
    uint64_t defaultsGeneration_ = 0;
    std::atomic<bool> cancel_{false};
    std::string logAuthor_;
    std::optional<std::string> logTime_;
};

} // namespace chipgraph::engine
