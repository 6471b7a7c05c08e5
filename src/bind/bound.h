#pragma once
// The bound program: statements whose names are resolved to catalog ids, whose dates are
// day intervals and whose values are typed. Produced by the binder, consumed by the engine
// (declarations and facts go to the store; queries go to the planner).
#include "common/partial_date.h"
#include "common/source_span.h"
#include "common/value.h"
#include "schema/catalog.h"
#include "schema/fact.h"

#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace chipgraph::bind {

struct BoundTerm {
    enum class Kind { Variable, Constant, Wildcard };
    Kind kind = Kind::Wildcard;
    int variable = -1; // Variable: index into BoundQuery::variables
    Value value;       // Constant
    SourceSpan span;
};

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge };

// Which facts a query atom reads by provenance: `per`, `status` and `reported` (bind_provenance).
// A derived relation's row is read by its sources (all of them) and its (weakest) status.
struct ProvenanceFilter {
    SourceId source = kNoId;                  // per NAME: stated by that source (or among them)
    int sourceVariable = -1;                  // per S: binds S to the source's name (text)
    std::optional<schema::FactStatus> status; // status W
    int reportedVariable = -1;                // reported R: binds R to the report date (text)
    // `R op DATE`: each must hold for every day of the report period (see docs/language.md).
    std::vector<std::pair<CompareOp, PartialDate>> reportedBounds;
    bool any() const {
        return source != kNoId || sourceVariable >= 0 || status || reportedVariable >= 0 ||
               !reportedBounds.empty();
    }
};

struct BoundAtom {
    RelationId relation = kNoId;
    std::vector<BoundTerm> args;
    // Qualifier constraints: (qualifier column index, term).
    std::vector<std::pair<int, BoundTerm>> qualifiers;
    SourceSpan span;
    ProvenanceFilter provenance;
};

// Arithmetic: a term or a binary operation ('+', '-', '*', '/') on two expressions.
struct BoundExpr {
    bool isTerm = true;
    BoundTerm term;
    char op = 0;
    std::vector<BoundExpr> operands;
    SourceSpan span;
};

// `lhs op rhs`. An `=` whose one side is a lone variable bound nowhere else is an assignment:
// it binds that variable (`T = U * 2`); `assigns` is that variable, else -1.
struct BoundComparison {
    BoundExpr lhs;
    CompareOp op = CompareOp::Eq;
    BoundExpr rhs;
    int assigns = -1;
    SourceSpan span;
};

struct Variable {
    std::string name;
    schema::ColumnKind kind = schema::ColumnKind::Entity;
    // For entity variables restricted by a `which <type>s` question: only this type (and its
    // subtypes) may bind.
    TypeId requiredType = kNoId;
    // The entity type of the column where the variable first appears (kNoId if not an entity).
    TypeId entityType = kNoId;
};

struct OrderKey {
    int column = 0; // index into the result's columns
    bool descending = false;
};

// Extra columns every query result carries after its variables.
inline const std::vector<std::string> kProvenanceColumns = {"valid", "status", "source",
                                                            "reported"};

// `prefer ...`: which claims of a key that disagree a question reads (docs/time.md).
struct Policy {
    enum class Kind { All, Latest, Ranking };
    Kind kind = Kind::All;
    std::vector<SourceId> ranking; // Ranking: best first; unranked sources after
    bool any() const { return kind != Kind::All; }
};

// The two dates of a diff: knowledge dates (`known at`) or valid times (`as of`).
struct DiffDates {
    bool knownAt = true;
    PartialDate from, to;
};

struct BoundQuery {
    std::vector<BoundAtom> atoms;     // positive atoms
    std::vector<BoundAtom> negations; // `not atom`: every variable bound by the positive part
    std::vector<BoundComparison> comparisons;
    std::vector<Variable> variables;  // output columns, in order of first appearance
    std::optional<Interval> window;   // as of / in / during: facts must overlap it
    std::optional<DayNumber> knownAt; // only facts whose source was published by this day
    // The log's time: the facts and rules stored by the end of this day (docs/time.md).
    std::optional<DayNumber> recordedAt;
    std::vector<OrderKey> orderBy;
    std::optional<int64_t> limit;
    bool explain = false;
    SourceSpan span;
    Policy policy;                 // prefer ...: keyed relations' disagreeing claims
    std::optional<DiffDates> diff; // `diff known at D1 .. D2`: the answers' changes
    // What-if scenarios the answer is asked under (names as written, with their spans), and
    // whether to list what they change against the baseline (`diff under`).
    std::vector<std::pair<std::string, SourceSpan>> under;
    bool diffUnder = false;
};

// Hhi: the Herfindahl-Hirschman index, the sum of the members' squares (shares in percent give
// 0..10000); ranges carry through (a share of 40..50 adds 1600..2500). Share (`share(U by V)`):
// each head row's part, in percent, of the total over the rows with the same `totalBy` values.
enum class AggregateKind { Count, Sum, Min, Max, Avg, Hhi, Share };
constexpr int kAggregateKinds = 7;
const char* aggregateName(AggregateKind kind);

struct HeadArg {
    BoundTerm term; // a variable of the body or a constant
    std::optional<AggregateKind> aggregate;
    std::vector<int> totalBy = {}; // share(U by V): the head variables a total is over
};

// A rule: its body is bound like a query (variables, atoms, negations, comparisons); each
// answer of the body gives a head fact, valid where all its premises hold together.
struct BoundRule {
    int64_t id = 0; // the catalog's rule id (declaration order)
    RelationId relation = kNoId;
    std::vector<HeadArg> head;
    BoundQuery body;
    std::string text; // canonical source text (stored in the database, shown by `why`)
    SourceSpan span;
    SourceSpan headSpan;
    bool hasAggregate() const {
        for (const HeadArg& a : head)
            if (a.aggregate) return true;
        return false;
    }
};

// The rules grouped into strata: each stratum is a set of mutually recursive relations,
// listed so that every relation comes after all the relations it depends on.
struct Stratum {
    std::vector<RelationId> relations;
    std::vector<size_t> rules; // indices into the rule list
    bool recursive = false;
};

// Session defaults (the REPL's `.asof` / `.knownat`): applied to queries that give none.
struct QueryDefaults {
    std::optional<Interval> window;
    std::optional<DayNumber> knownAt;
    // Applies to questions without their own `prefer` that read a keyed or derived relation;
    // others answer as `prefer all` (a default never makes a question an error).
    Policy policy;
};

struct DeclareType {
    schema::TypeInfo type;
};
struct DeclareRelation {
    schema::RelationInfo relation;
};
struct DeclareEntity {
    EntityId entity = kNoId;
    bool isNew = true;                // false: only new aliases for an existing entity
    std::vector<std::string> aliases; // the aliases this statement adds
};
struct DeclareSource {
    schema::SourceInfo source;
};
struct AddFact {
    schema::Fact fact;
};
// Removes the facts matching the pattern; unset optional fields match anything.
struct RetractFact {
    schema::Fact pattern;
    bool matchValidity = false, matchSource = false, matchStatus = false;
};
// The relation id of a query's head (`? F, count(C): body.`): never a catalog id; the
// executor adds `localRelation` under it to a copy of the catalog for this query only.
inline constexpr RelationId kQueryHeadRelation = std::numeric_limits<int32_t>::max();

struct RunQuery {
    BoundQuery query;
    // A query with a head: the rules `answer(head) :- branch.` its atom reads, and the
    // relation they define (id kQueryHeadRelation). Empty for a plain query.
    std::vector<BoundRule> localRules;
    std::optional<schema::RelationInfo> localRelation;
};
struct DeclareRule {
    BoundRule rule;
    bool newRelation = false; // the rule's head introduced a derived relation
};
struct RunImport {
    std::string relation;
    std::string path;
    std::string createType;
    SourceSpan pathSpan;
};
struct RunDiagram {
    std::vector<std::string> relations; // canonical names; empty: the default relations
    std::optional<std::string> chainOf; // an entity's canonical name
    int hops = 2;
    std::optional<std::string> entity;
    std::optional<BoundQuery> query; // `diagram ? ...`: draw the facts its answers bind to
    std::string queryText;           // "? designs(F, C)", for the title
    std::optional<Interval> window;  // the query's, when there is one
    std::optional<DayNumber> knownAt;
    struct Diff {
        PartialDate from;
        std::optional<PartialDate> to; // what is known now, when absent (not with asOf)
        bool asOf = false;             // what held at each date, not what was known
    };
    std::optional<Diff> diff;
    bool preferLatest = false;
    // `under NAME, ...`: what-if scenarios (checked when drawn): their graph, changes marked.
    std::vector<std::pair<std::string, SourceSpan>> under;
    std::string path;   // "" : DOT as the answer
    std::string layout; // "" : dot
    bool legend = false, roles = false, nativeNames = false;
    std::string title;                     // "" : made from the request
    SourceSpan span, pathSpan, layoutSpan; // span: the statement's
};
// `why atom?`: the atom's constants fixed, `_` (or variables) open.
struct ExplainWhy {
    BoundQuery query; // one atom
};

// `blame atom.`: the log entries that added and retracted the claims matching the atom.
struct ExplainBlame {
    BoundQuery query; // one atom
};
// `history ATOM.` / `conflicts ATOM.`: the claims matching one atom (docs/time.md).
struct ListClaims {
    bool history = true; // false: conflicts
    BoundQuery query;    // one atom; its window and `known at`
};
// `deprecate FACT because "..." per SOURCE.`
struct DeclareJudgement {
    schema::Judgement judgement;
};
// `changes known at D1 .. D2 [for ENTITY] [of RELATION].`
struct ListChanges {
    DiffDates dates;
    EntityId entity = kNoId;     // kNoId: every entity
    RelationId relation = kNoId; // kNoId: every relation with facts
};
// One step of a what-if scenario (docs/analysis.md). Add: `fact` is added. Retract / Scale:
// the facts of `fact.relation` whose arguments equal `fact.args` where `any` is false (and,
// with `matchValidity`, whose validity lies within `fact.valid`) are removed, or have argument
// `column` multiplied by `factor`.
struct ScenarioStep {
    enum class Kind { Add, Retract, Scale };
    Kind kind = Kind::Add;
    schema::Fact fact;
    std::vector<bool> any;
    bool matchValidity = false;
    int column = -1;
    Number factor;
};
struct DeclareScenario {
    std::string name;
    std::vector<ScenarioStep> steps;
    std::string text; // canonical source (stored in the database)
};

// `draw ...`: already in the catalog when bound; the executor stores its text.
struct DeclareDrawing {
    schema::Drawing drawing;
};

struct BoundStatement {
    using Node = std::variant<DeclareType, DeclareRelation, DeclareEntity, DeclareSource, AddFact,
                              RetractFact, RunQuery, DeclareRule, ExplainWhy, RunImport, RunDiagram,
                              ExplainBlame, ListClaims, DeclareJudgement, ListChanges,
                              DeclareScenario, DeclareDrawing>;
    Node node;
    SourceSpan span;
};

} // namespace chipgraph::bind
