#pragma once
// The chipgraph AST: plain owned structs, one per statement form, each node with its SourceSpan.
// It knows nothing about ANTLR (src/parse builds it) nor about the catalog (src/bind resolves
// its names). Dates and names are kept as written so the binder can point at them.
#include "common/source_span.h"
#include "common/value.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace chipgraph::ast {

struct Name {
    std::string text; // unquoted, escapes resolved
    bool quoted = false;
    SourceSpan span;
};

struct DateLit {
    std::string text; // as written: 2H2026, 2025-06 ...
    SourceSpan span;
};

struct NumberLit {
    Number value;
    SourceSpan span;
};

struct Term {
    enum class Kind { Name, Number, Wildcard };
    Kind kind = Kind::Name;
    Name name;        // Kind::Name: an entity, a variable or a text constant (by context)
    NumberLit number; // Kind::Number
    SourceSpan span;
};

struct Qualifier {
    Name key;
    Term value;
    SourceSpan span;
};

// `per S`, `status W`, `reported R` on a query atom (or, in Modifiers, on every positive
// atom of the query): which facts it reads, by source, status and report date.
struct ProvenanceClauses {
    std::optional<Name> source;   // a source's name, or a variable bound to one
    std::optional<Name> status;   // a status word
    std::optional<Name> reported; // a variable bound to the report date
    SourceSpan span;              // the first clause (for messages)
    bool empty() const { return !source && !status && !reported; }
};

struct Atom {
    Name relation; // as written; in infix form the verb between the two terms
    std::vector<Term> args;
    std::vector<Qualifier> qualifiers;
    bool infix = false;
    SourceSpan span;
    ProvenanceClauses provenance; // queries only
};

struct Validity {
    enum class Kind { In, During, From, Until };
    Kind kind = Kind::In;
    DateLit first;
    DateLit second; // During only
    SourceSpan span;
};

// ---- statements --------------------------------------------------------------------------
struct TypeDecl {
    Name name;
    std::optional<Name> parent;
};

struct ColumnDecl {
    Name name;
    Name type;
};

struct RelationDecl {
    Name name;
    std::vector<ColumnDecl> columns;
    std::vector<ColumnDecl> qualifiers;
    bool timeless = false;  // `timeless`
    bool perPeriod = false; // `per period`
    std::vector<Name> key;  // `key (col, ...)`: the columns naming one claim; empty: none
};

// A name's own dates: when it names its entity (`until 2021-10-28`) and the source that
// introduced it (`per wallstreetcn_2025_09`). Both optional.
struct NameTerms {
    std::optional<Validity> validity;
    std::optional<Name> source;
};

struct EntityDecl {
    std::vector<Name> names;
    Name type;
    std::vector<Name> aliases;
    std::vector<NameTerms> nameTerms;  // one per name
    std::vector<NameTerms> aliasTerms; // one per alias
};

struct SourceDecl {
    Name name;
    std::optional<std::string> title;
    std::optional<std::string> author;
    std::optional<DateLit> published;
    std::optional<std::string> url;
};

struct FactStmt {
    bool retract = false;
    Atom atom;
    std::optional<Validity> validity;
    std::optional<Name> source;
    std::optional<Name> status;
};

// Arithmetic over numbers: a term, or a binary operation (+ - * /) of two expressions.
struct Expr {
    enum class Kind { Term, Binary, Date };
    Kind kind = Kind::Term;
    Term term;                  // Kind::Term
    DateLit date;               // Kind::Date: compared with a report date (`R >= 2026-01`)
    char op = 0;                // Kind::Binary: '+', '-', '*' or '/'
    std::vector<Expr> operands; // Kind::Binary: exactly two
    SourceSpan span;
};

struct Comparison {
    Expr lhs;
    std::string op; // = != < <= > >=
    Expr rhs;
    SourceSpan span;
};

struct Negation {
    Atom atom;
    SourceSpan span; // from `not`
};

using Literal = std::variant<Atom, Comparison, Negation>;

struct TimeWindow {
    DateLit from;
    std::optional<DateLit> to; // `during P..Q`; absent for `as of P` / `in P`
    SourceSpan span;
};

struct OrderKey {
    Name column;
    bool descending = false;
};

// `prefer latest`, `prefer all`, `prefer S1, S2`: which of a key's disagreeing claims count.
struct Policy {
    std::vector<Name> words; // `latest`, `all`, or source names in rank order
    SourceSpan span;
};

// `known at D1 .. D2` / `as of P1 .. P2`: the two dates of a diff (`to` absent: an error the
// binder names).
struct DiffRange {
    bool knownAt = true; // false: valid times (`as of`)
    DateLit from;
    std::optional<DateLit> to;
    SourceSpan span;
};

struct Modifiers {
    std::optional<TimeWindow> window; // as of P, in P, during P..Q
    std::optional<DateLit> knownAt;
    std::optional<DateLit> recordedAt; // the log's time: the database as it stood then
    std::vector<OrderKey> orderBy;
    std::optional<int64_t> limit;
    ProvenanceClauses provenance;  // per / status / reported for every positive atom
    std::optional<Policy> policy;  // prefer ...
    std::optional<DiffRange> diff; // `diff known at D1 .. D2`: queries only
    std::vector<Name> under;       // what-if scenarios the answer is asked under
    bool diffUnder = false;        // `diff under ...`: what the scenarios change
};

// One argument of a rule head: a term, or an aggregate of a body variable (`count(C)`).
struct HeadArg {
    Term term;
    std::optional<Name> aggregate; // count, sum, min, max, avg, hhi, share
    std::vector<Term> totalBy;     // share(U by V, W): the variables after 'by'
    SourceSpan span;
};

struct QueryStmt {
    std::vector<Literal> body;
    // `? F, count(C): body.` (`distinct` may come first): what each answer is. Empty: every
    // variable of the body.
    std::vector<HeadArg> head;
    bool distinct = false;
    // `; ...` / `or ...`: the branches after the first. Only a query with a head takes them.
    std::vector<std::vector<Literal>> orBranches;
    SourceSpan orSpan; // the first `;` / `or`
    Modifiers modifiers;
    bool explain = false; // `explain ? ...`: show the plan with the answer
};

struct RuleDecl {
    Name relation;
    std::vector<HeadArg> head;
    std::vector<Literal> body;
    // `:- a ; b` (or `a or b`): the branches after the first; one rule each, same head.
    std::vector<std::vector<Literal>> orBranches;
    SourceSpan headSpan; // `name(args)` of the head
};

// `import RELATION from "file.csv" [create Type].`
struct ImportStmt {
    Name relation;
    std::string path;
    SourceSpan pathSpan;
    std::optional<Name> createType;
};

// `blame atom.`: the log entries that added and retracted the matching claims.
struct BlameStmt {
    Atom atom;
};

// One word of a phrase question as written: a bare word (`Maia`, `200`, `谁设计Trainium3`) or
// a quoted name.
struct PhraseWord {
    std::string text; // unquoted, escapes resolved
    bool quoted = false;
    bool spaceBefore = false; // whitespace separates it from the previous word
    SourceSpan span;
};

// `who designs Maia 200?`, `谁设计Trainium3?`, ...: the words are read by the binder, which
// knows the entity names and relations, against its table of phrase forms.
struct PhraseQuery {
    std::vector<PhraseWord> words;
    Modifiers modifiers;
    bool explain = false;
};

// `diagram [REL, ... | ? body | who ...? | chain of X [within N]] [where col = X]
//  [chain of X [within N]] [as of P | during P..Q] [known at D] [diff [as of] P..[Q]]
//  [prefer latest] [to "file"] [layout neato] [with legend|roles|native names] [title "T"].`
struct DiagramStmt {
    std::vector<Name> relations; // none: the default relations
    std::optional<Name> chainOf;
    int hops = 2;
    SourceSpan hopsSpan;
    std::vector<Literal> query; // `diagram ? body ...`: draws the facts its answers bind to
    // `diagram who designs X?`: the same, asked in words (set instead of `query`).
    std::optional<PhraseQuery> phrase;
    std::optional<Name> entity; // `where ... = X`
    Modifiers modifiers;        // as of / in / during, known at; order by and limit: queries
    std::optional<TimeWindow> diff;
    bool diffAsOf = false; // `diff as of A..B`: what held at A and at B, not what was known
    bool preferLatest = false;
    std::optional<std::string> path;
    SourceSpan pathSpan;
    std::optional<Name> layout;
    bool legend = false, roles = false, nativeNames = false; // `with legend|roles|native names`
    std::optional<std::string> title;
};

// `why atom?`: the derivation tree of a (derived or base) fact.
struct WhyStmt {
    Atom atom;
    Modifiers modifiers;
};

// `history ATOM [modifiers].` / `conflicts ATOM [modifiers].` (docs/time.md).
struct ClaimsStmt {
    enum class Kind { History, Conflicts };
    Kind kind = Kind::History;
    Atom atom;
    Modifiers modifiers;
};

// `deprecate ATOM [validity] because "reason" per SOURCE.`
struct DeprecateStmt {
    Atom atom;
    std::optional<Validity> validity;
    std::string reason;
    Name source;
};

// `changes known at D1 .. D2 [for ENTITY] [of RELATION].`
struct ChangesStmt {
    DiffRange range;
    std::optional<Name> entity;
    std::optional<Name> relation;
};

// One step of a scenario: a fact it adds, or a pattern of facts it retracts or scales.
struct ScenarioStep {
    enum class Kind { Add, Retract, Scale };
    Kind kind = Kind::Add;
    FactStmt fact;    // Retract / Scale: `_` and variables stand for any value
    NumberLit factor; // Scale: the factor; the atom's variable names the column scaled
    SourceSpan span;
};

// `scenario NAME { steps }`: a counterfactual over the facts (docs/analysis.md).
struct ScenarioDecl {
    Name name;
    std::vector<ScenarioStep> steps;
};

// `draw type T, U as LOOK { label: "..." }.` / `draw relation R as PART { key: c, role: q }.`:
// how diagrams draw the graph (schema/drawing.h); the binder checks names, words and options.
struct DrawDecl {
    bool relations = false; // `draw relation`; else `draw type`
    bool noSubject = false; // neither word written (an error the binder reports)
    std::vector<Name> names;
    Name as; // the look or part
    std::vector<Qualifier> options;
};

struct Statement {
    using Node = std::variant<TypeDecl, RelationDecl, EntityDecl, SourceDecl, FactStmt, RuleDecl,
                              QueryStmt, PhraseQuery, WhyStmt, ImportStmt, DiagramStmt, BlameStmt,
                              ClaimsStmt, DeprecateStmt, ChangesStmt, ScenarioDecl, DrawDecl>;
    Node node;
    SourceSpan span;
};

struct Program {
    std::vector<Statement> statements;
};

} // namespace chipgraph::ast
