#pragma once
// Internal to src/bind: the Binder class shared by binder.cpp (declarations), bind_fact.cpp
// (facts, values, dates) and bind_query.cpp (queries and phrase questions).
#include "bind/binder.h"
#include "bind/phrase_forms.h"

#include <optional>
#include <set>
#include <string>
#include <unordered_map>

namespace chipgraph::bind {

// "text", "a number" or "an entity", for messages.
inline const char* kindName(schema::ColumnKind kind) {
    switch (kind) {
    case schema::ColumnKind::Text:
        return "text";
    case schema::ColumnKind::Number:
        return "a number";
    default:
        return "an entity";
    }
}

class Binder {
public:
    Binder(schema::Catalog& catalog, const QueryDefaults& defaults, NameMode names)
        : catalog_(catalog), defaults_(defaults), names_(names) {}

    void bindStatement(const ast::Statement& statement);
    void bindProgramStatements(const ast::Program& program);
    BindResult finish();

private:
    // binder.cpp — declarations
    void bindType(const ast::TypeDecl& decl, const SourceSpan& span);
    void bindRelation(const ast::RelationDecl& decl, const SourceSpan& span);
    std::optional<schema::Column> bindColumn(const ast::ColumnDecl& decl);
    // bind_names.cpp — entities and their names over time (docs/time.md, "Names over time")
    void bindEntity(const ast::EntityDecl& decl, const SourceSpan& span);
    std::optional<schema::NameTerms> bindNameTerms(const std::vector<ast::NameTerms>& all,
                                                   size_t i);
    void addEntityAliases(const ast::EntityDecl& decl, EntityId id, DeclareEntity& out);
    // Remembers a dated name written in the statement, checked by checkNamesInTime().
    void noteNameUse(const schema::EntityInfo& entity, const ast::Name& written);
    // Warns about names written in this statement that do not name their entity in `window`
    // (the question's valid time, or the fact's when `inFact`) or are not yet known at
    // `knownAt`.
    void checkNamesInTime(const std::optional<Interval>& window,
                          const std::optional<DayNumber>& knownAt, bool inFact);
    std::string nameThenHint(const schema::EntityInfo& entity, const std::string& written,
                             DayNumber day) const;
    void bindSource(const ast::SourceDecl& decl, const SourceSpan& span);

    // bind_fact.cpp — facts and the values in them
    void bindFact(const ast::FactStmt& fact, const SourceSpan& span);
    // The fact a statement states (nullopt after reporting its errors).
    std::optional<schema::Fact> bindFactFields(const ast::FactStmt& stmt);

    // bind_scenario.cpp — what-if scenarios
    void bindScenario(const ast::ScenarioDecl& decl, const SourceSpan& span);
    std::optional<ScenarioStep> bindScenarioPattern(const ast::ScenarioStep& step);
    std::optional<Value> bindConstant(const ast::Term& term, const schema::Column& column,
                                      const schema::RelationInfo& relation);
    bool bindQualifiers(const std::vector<ast::Qualifier>& qualifiers,
                        const schema::RelationInfo& relation,
                        std::vector<std::optional<Value>>& out);
    std::optional<Interval> bindValidity(const ast::Validity& validity);
    std::optional<PartialDate> bindDate(const ast::DateLit& date);
    const schema::RelationInfo* resolveRelation(const ast::Name& name);
    const schema::EntityInfo* resolveEntity(const ast::Name& name);
    // What to suggest for an unknown entity: a near name, else (in a question) a variable's
    // spelling or names like it, else (in a file) declaring it.
    std::string unknownEntityHint(const ast::Name& name) const;
    bool checkArity(const ast::Atom& atom, const schema::RelationInfo& relation);
    bool checkEntityType(const ast::Term& term, const schema::EntityInfo& entity,
                         const schema::Column& column, const schema::RelationInfo& relation);

    // bind_draw.cpp — how diagrams draw the graph
    void bindDraw(const ast::DrawDecl& decl, const SourceSpan& span);
    bool bindDrawTypes(const ast::DrawDecl& decl, schema::Drawing& out);
    bool bindDrawRelations(const ast::DrawDecl& decl, schema::Drawing& out);
    bool checkOneOwner(const ast::DrawDecl& decl,
                       const std::vector<const schema::RelationInfo*>& relations);
    bool bindDrawOption(const ast::Qualifier& option, schema::RelationPart part,
                        const std::vector<const schema::RelationInfo*>& relations,
                        schema::Drawing& out);

    // bind_query.cpp — queries
    void bindQuery(const ast::QueryStmt& query, const SourceSpan& span);
    void bindPhrase(const ast::PhraseQuery& phrase, const SourceSpan& span);
    // bind_query_head.cpp — `? F, count(C): body.`: local rules and the query over them
    void bindHeadedQuery(const ast::QueryStmt& query, const SourceSpan& span);
    std::optional<BoundAtom> bindQueryAtom(const ast::Atom& atom, BoundQuery& query);
    std::optional<BoundTerm> bindQueryTerm(const ast::Term& term, const schema::Column& column,
                                           const schema::RelationInfo& relation, BoundQuery& query);
    std::optional<BoundTerm> bindComparisonTerm(const ast::Term& term, BoundQuery& query);
    void bindWhy(const ast::WhyStmt& stmt, const SourceSpan& span);
    void bindBlame(const ast::BlameStmt& stmt, const SourceSpan& span);
    // `recorded at` reads the log; only queries can (an error names `where`).
    bool rejectRecordedAt(const ast::Modifiers& modifiers, const std::string& where);
    void bindImportStatement(const ast::ImportStmt& stmt, const SourceSpan& span);
    void bindDiagram(const ast::DiagramStmt& stmt, const SourceSpan& span);
    bool bindDiagramQuery(const ast::DiagramStmt& stmt, const SourceSpan& span, RunDiagram& out);
    bool bindDiagramDiff(const ast::DiagramStmt& stmt, RunDiagram& out);
    bool bindDiagramUnder(const ast::DiagramStmt& stmt, RunDiagram& out);
    bool drawable(const schema::RelationInfo& relation, const SourceSpan& span);

    // bind_body.cpp — the body of a query or rule
    // `queryClauses`: a query's own per / status / reported, for every positive atom.
    bool bindBody(const std::vector<ast::Literal>& body, const SourceSpan& span, BoundQuery& query,
                  const ast::ProvenanceClauses* queryClauses = nullptr);
    bool bindComparison(const ast::Comparison& comparison, BoundQuery& query);
    std::optional<BoundExpr> bindExpr(const ast::Expr& expr, BoundQuery& query);
    schema::ColumnKind exprKind(const BoundExpr& expr, const BoundQuery& query) const;
    int findVariable(const std::string& name, const BoundQuery& query) const;

    // bind_provenance.cpp — per / status / reported in queries
    bool resolveProvenance(const ast::ProvenanceClauses& clauses, ProvenanceFilter& out,
                           BoundQuery& query);
    bool applyProvenance(const ast::ProvenanceClauses& clauses, const ProvenanceFilter& filter,
                         BoundAtom& atom);
    bool bindAtomProvenance(const ast::ProvenanceClauses& clauses, BoundAtom& atom,
                            BoundQuery& query);
    bool bindQueryProvenance(const ast::ProvenanceClauses& clauses, BoundQuery& query);
    bool rejectProvenance(const ast::ProvenanceClauses& clauses, const std::string& where);
    bool rejectProvenance(const std::vector<ast::Literal>& body, const std::string& where);
    std::optional<bool> bindReportComparison(const ast::Comparison& comparison, BoundQuery& query);

    // bind_history.cpp — keys, policies, judgements, history, conflicts and diffs
    bool bindKey(const ast::RelationDecl& decl, schema::RelationInfo& relation);
    bool bindPolicy(const ast::Policy& policy, BoundQuery& query);
    // True when a policy can choose among the query's claims: it reads a keyed or derived
    // relation.
    bool policyApplies(const BoundQuery& query) const;
    bool bindDiffRange(const ast::DiffRange& range, DiffDates& out);
    bool rejectPolicyAndDiff(const ast::Modifiers& m, const std::string& what);
    void bindClaims(const ast::ClaimsStmt& stmt, const SourceSpan& span);
    void bindDeprecate(const ast::DeprecateStmt& stmt, const SourceSpan& span);
    void bindChanges(const ast::ChangesStmt& stmt, const SourceSpan& span);

    // bind_rule.cpp — rules and the derived relations they define
    // Gives the relations introduced by rule heads from statement `from` on their columns,
    // using what is declared so far (so rules may use relations defined further down).
    void declareDerivedRelations(const ast::Program& program, size_t from);
    void bindRule(const ast::RuleDecl& rule, const SourceSpan& span);
    void reportUninferred(const ast::RuleDecl& rule, const SourceSpan& span);
    std::optional<schema::Column> inferHeadColumn(const ast::RuleDecl& rule, size_t position);
    bool bindTotalBy(const ast::HeadArg& arg, const BoundQuery& body, HeadArg& out);
    bool checkShareHead(const std::vector<ast::HeadArg>& head, const std::vector<HeadArg>& bound);
    std::optional<HeadArg> bindHeadArg(const ast::HeadArg& arg, const schema::Column& column,
                                       const schema::RelationInfo& relation, BoundQuery& body);
    bool bindModifiers(const ast::Modifiers& modifiers, BoundQuery& query);
    bool looksLikeVariable(const ast::Name& name) const;
    // Whether a name in a rule or query is a variable (binder.h, NameMode); in a column that
    // holds no entities every capitalised bare name is one.
    bool isVariableName(const ast::Name& name, bool entityColumn = true) const;
    // A single-letter variable that is also an entity's name: warns that it is the variable.
    void warnShadowedEntity(const ast::Name& name);
    // The rule as stored: every entity written as a bare capitalised name quoted, so that the
    // text means the same whatever entities exist when it is bound again.
    ast::RuleDecl canonicalRule(const ast::RuleDecl& rule) const;
    int variableIndex(const std::string& name, schema::ColumnKind kind, const SourceSpan& span,
                      BoundQuery& query, TypeId entityType = kNoId);
    const schema::RelationInfo* resolveVerb(const ast::Name& verb);
    // bind_phrase.cpp — phrase questions read by the forms of phrase_forms.cpp
    const schema::RelationInfo* phraseRelation(const PhraseMatch& match, int nameColumn);
    void reportUnreadPhrase(const ast::PhraseQuery& phrase);
    bool checkAskedType(const schema::TypeInfo& type, const schema::RelationInfo& relation,
                        int asked, const SourceSpan& span);
    const schema::TypeInfo* resolveTypeWord(const ast::Name& word);

    void error(std::string message, const SourceSpan& span, std::string hint = "");
    void warning(std::string message, const SourceSpan& span, std::string hint = "");
    void emit(BoundStatement::Node node, const SourceSpan& span);

    schema::Catalog& catalog_;
    const QueryDefaults& defaults_;
    const NameMode names_;
    int branch_ = 0;      // binding branch N (1-based) of a rule's disjunction, else 0
    bool asking_ = false; // binding a question (query, phrase, why, diagram) or a rule
    const ast::Program* program_ = nullptr;
    size_t next_ = 0;                     // the statement being bound
    std::vector<std::string> newDerived_; // derived relations this program introduces
    // Columns of derived relations being inferred (by folded name); Unknown until known.
    std::unordered_map<std::string, std::vector<schema::Column>> pending_;
    std::set<std::string> inferred_; // derived relations whose inference has been tried
    std::unordered_map<std::string, std::vector<size_t>> uninferred_; // head positions unknown
    std::vector<BoundStatement> statements_;
    std::vector<Diagnostic> diagnostics_;
    // Dated names written in the statement being bound (bind_names.cpp).
    struct NameUse {
        EntityId entity = kNoId;
        std::string written;
        SourceSpan span;
    };
    std::vector<NameUse> namesUsed_;
};

} // namespace chipgraph::bind
