#pragma once
// The bound program: statements whose names are resolved to catalog ids, whose dates are
// day intervals and whose values are typed. Produced by the binder, consumed by the engine
// (declarations and facts go to the store; queries go to the planner).
#include "common/partial_date.h"
#include "common/source_span.h"
#include "common/value.h"
#include "schema/catalog.h"
#include "schema/fact.h"

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

struct BoundAtom {
    RelationId relation = kNoId;
    std::vector<BoundTerm> args;
    // Qualifier constraints: (qualifier column index, term).
    std::vector<std::pair<int, BoundTerm>> qualifiers;
    SourceSpan span;
};

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge };

struct BoundComparison {
    BoundTerm lhs;
    CompareOp op = CompareOp::Eq;
    BoundTerm rhs;
    SourceSpan span;
};

struct Variable {
    std::string name;
    schema::ColumnKind kind = schema::ColumnKind::Entity;
    // For entity variables restricted by a `which <type>s` question: only this type (and its
    // subtypes) may bind.
    TypeId requiredType = kNoId;
};

struct OrderKey {
    int column = 0; // index into the result's columns
    bool descending = false;
};

// Extra columns every query result carries after its variables.
inline const std::vector<std::string> kProvenanceColumns = {"valid", "status", "source",
                                                            "reported"};

struct BoundQuery {
    std::vector<BoundAtom> atoms;
    std::vector<BoundComparison> comparisons;
    std::vector<Variable> variables;  // output columns, in order of first appearance
    std::optional<Interval> window;   // as of / in / during: facts must overlap it
    std::optional<DayNumber> knownAt; // only facts whose source was published by this day
    std::vector<OrderKey> orderBy;
    std::optional<int64_t> limit;
    SourceSpan span;
};

// Session defaults (the REPL's `.asof` / `.knownat`): applied to queries that give none.
struct QueryDefaults {
    std::optional<Interval> window;
    std::optional<DayNumber> knownAt;
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
struct RunQuery {
    BoundQuery query;
};

struct BoundStatement {
    using Node = std::variant<DeclareType, DeclareRelation, DeclareEntity, DeclareSource, AddFact,
                              RetractFact, RunQuery>;
    Node node;
    SourceSpan span;
};

} // namespace chipgraph::bind
