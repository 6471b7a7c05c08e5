#pragma once
// Turns ANTLR parse-tree contexts into our AST, one transform_<area>.cpp per grammar area.
// Only called on trees without syntax errors, so every expected child is present.
#include "ast/ast.h"
#include "common/diagnostic.h"

#include "ChipGraphParser.h"

#include <memory>
#include <string>

namespace chipgraph::parse {

using P = gen::ChipGraphParser;

class Transformer {
public:
    Transformer(std::shared_ptr<const std::string> file, int lineOffset)
        : file_(std::move(file)), lineOffset_(lineOffset) {}

    ast::Program transformProgram(P::ProgramContext* ctx);
    // Structural errors found while transforming (a clause given twice, ...).
    std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

private:
    ast::Statement transformStatement(P::StatementContext* ctx);

    // transform_schema.cpp
    ast::TypeDecl transformTypeDecl(P::TypeDeclContext* ctx);
    ast::RelationDecl transformRelationDecl(P::RelationDeclContext* ctx);
    ast::EntityDecl transformEntityDecl(P::EntityDeclContext* ctx);
    ast::NameTerms transformNameTerms(P::EntityNameContext* ctx);
    ast::SourceDecl transformSourceDecl(P::SourceDeclContext* ctx);

    // transform_fact.cpp
    ast::FactStmt transformFact(P::AtomContext* atom, const std::vector<P::FactClauseContext*>&,
                                bool retract);
    ast::Validity transformValidity(P::ValidityContext* ctx);
    bool startsForgottenStatement(P::FactClauseContext* clause, antlr4::Token* previous);

    // transform_rule.cpp
    ast::RuleDecl transformRule(P::RuleDeclContext* ctx);
    ast::Literal transformLiteral(P::LiteralContext* ctx);
    ast::Expr transformExpr(P::ExprContext* ctx);
    static size_t countOperators(P::CompareLiteralContext* ctx);
    // A number literal's value; an error when it overflows, or (`exact`) is an integer a double
    // cannot hold exactly.
    double numLitValue(P::NumLitContext* ctx, bool exact);

    // transform_scenario.cpp
    ast::ScenarioDecl transformScenario(P::ScenarioDeclContext* ctx);
    ast::DrawDecl transformDraw(P::DrawDeclContext* ctx);

    // transform_query.cpp
    ast::QueryStmt transformQuery(P::QueryStmtContext* ctx);
    ast::WhyStmt transformWhy(P::WhyStmtContext* ctx);
    ast::Statement::Node transformExplain(P::ExplainStmtContext* ctx);
    ast::PhraseQuery transformPhrase(P::PhraseQueryContext* ctx);
    ast::HeadArg transformHeadArg(P::HeadArgContext* arg);
    void checkPhraseLines(P::PhraseQueryContext* ctx, const ast::PhraseQuery& q);
    ast::Modifiers transformModifiers(const std::vector<P::ModifierContext*>& ctxs);

    // transform_diagram.cpp
    ast::DiagramStmt transformDiagram(P::DiagramStmtContext* ctx);
    void transformDiagramClause(P::DiagramClauseContext* ctx, ast::DiagramStmt& d);
    void transformDiagramWith(P::DiagramWithContext* ctx, ast::DiagramStmt& d);
    void transformChain(P::NameContext* name, antlr4::tree::TerminalNode* hops,
                        ast::DiagramStmt& d);
    // transform_history.cpp
    ast::ClaimsStmt transformClaims(P::AtomContext* atom, const std::vector<P::ModifierContext*>&,
                                    ast::ClaimsStmt::Kind kind);
    ast::DeprecateStmt transformDeprecate(P::DeprecateStmtContext* ctx);
    ast::ChangesStmt transformChanges(P::ChangesStmtContext* ctx);
    ast::DiffRange transformDiffRange(P::DiffRangeContext* ctx);
    ast::Policy transformPolicy(P::PreferModifierContext* ctx);

    // transform_provenance.cpp
    void addProvenance(ast::ProvenanceClauses& into, P::ProvenanceClauseContext* ctx);
    ast::ProvenanceClauses
    transformProvenance(const std::vector<P::ProvenanceClauseContext*>& ctxs);
    void liftQueryClauses(std::vector<ast::Literal>& body, ast::Modifiers& modifiers);

    // transformer.cpp: shared pieces
    ast::Atom transformAtom(P::AtomContext* ctx);
    ast::Term transformTerm(P::TermContext* ctx);
    ast::NumberLit transformNumber(P::NumberContext* ctx);
    std::vector<ast::Qualifier> transformQualifiers(P::QualifiersContext* ctx);
    ast::Name transformName(P::NameContext* ctx);
    ast::Name transformIdent(P::IdentContext* ctx);
    ast::DateLit transformDate(P::DateContext* ctx);
    std::string unquote(const std::string& literal) const;
    SourceSpan span(antlr4::ParserRuleContext* ctx) const;
    SourceSpan span(antlr4::Token* token) const;

    std::shared_ptr<const std::string> file_;
    int lineOffset_;
    std::vector<Diagnostic> diagnostics_;
};

} // namespace chipgraph::parse
