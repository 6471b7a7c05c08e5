// Queries with a head: `? distinct F: body.`, `? count(C): designs(Broadcom, C).`, `? C: a(C) ;
// b(C).` Each is the rule `answer(head) :- body.` (one per branch) asked at once, so its
// answers follow the rules' semantics exactly: one row per value, period and status with the
// sources united, aggregates per stretch of time or per period (docs/language.md, "Answers with
// a head"). The rules and their relation live in the RunQuery only, never in the catalog.
#include "ast/printer.h"
#include "bind/binder_impl.h"
#include "common/text.h"

namespace chipgraph::bind {

// The answer's column names: a variable's own name, an aggregate's name (`count`), made unique.
static std::vector<std::string> headColumnNames(const std::vector<ast::HeadArg>& head) {
    std::vector<std::string> names;
    for (size_t i = 0; i < head.size(); ++i) {
        const ast::HeadArg& arg = head[i];
        std::string name = arg.aggregate ? text::foldCase(arg.aggregate->text)
                           : arg.term.kind == ast::Term::Kind::Name ? arg.term.name.text
                                                                    : "value";
        for (size_t j = 0; j < names.size(); ++j)
            if (text::foldCase(names[j]) == text::foldCase(name))
                name += "_" + std::to_string(i + 1);
        names.push_back(name);
    }
    return names;
}

void Binder::bindHeadedQuery(const ast::QueryStmt& stmt, const SourceSpan& span) {
    if (!stmt.modifiers.provenance.empty()) {
        error("'per', 'status' and 'reported' do not combine with a head yet",
              stmt.modifiers.provenance.span, "ask without the head, or write a rule");
        return;
    }
    ast::RuleDecl rule;
    rule.relation = {"answer", true, span};
    rule.head = stmt.head;
    rule.body = stmt.body;
    rule.headSpan = span;
    schema::RelationInfo relation;
    relation.id = kQueryHeadRelation;
    relation.name = "answer";
    relation.derived = true;
    std::vector<std::string> names = headColumnNames(stmt.head);
    for (size_t i = 0; i < stmt.head.size(); ++i) {
        std::optional<schema::Column> column = inferHeadColumn(rule, i);
        if (!column || column->kind == schema::ColumnKind::Unknown) {
            error("cannot tell what '" + ast::print(stmt.head[i].term) + "' is", stmt.head[i].span,
                  "a head names variables of the body (F), or aggregates of them (count(C))");
            return;
        }
        column->name = names[i];
        relation.columns.push_back(*column);
    }
    RunQuery run;
    std::vector<const std::vector<ast::Literal>*> branches = {&stmt.body};
    for (const std::vector<ast::Literal>& branch : stmt.orBranches)
        branches.push_back(&branch);
    bool ok = true;
    for (size_t b = 0; b < branches.size(); ++b) {
        branch_ = branches.size() > 1 ? static_cast<int>(b + 1) : 0;
        ok = rejectProvenance(*branches[b], "a query with a head") && ok;
        BoundRule bound;
        bound.relation = kQueryHeadRelation;
        bound.span = span;
        bound.headSpan = span;
        bool bodyOk = bindBody(*branches[b], span, bound.body);
        for (size_t i = 0; bodyOk && i < stmt.head.size(); ++i) {
            auto arg = bindHeadArg(stmt.head[i], relation.columns[i], relation, bound.body);
            bodyOk = arg.has_value();
            if (arg) bound.head.push_back(*arg);
        }
        bodyOk = bodyOk && checkShareHead(stmt.head, bound.head);
        rule.body = *branches[b];
        bound.text = ast::print(ast::Statement{canonicalRule(rule), span});
        bound.id = -static_cast<int64_t>(b + 1); // not a stored rule
        ok = ok && bodyOk;
        run.localRules.push_back(std::move(bound));
    }
    branch_ = 0;
    if (!ok) return;
    BoundQuery& query = run.query;
    query.span = span;
    query.explain = stmt.explain;
    BoundAtom atom;
    atom.relation = kQueryHeadRelation;
    atom.span = span;
    for (const schema::Column& column : relation.columns) {
        BoundTerm term;
        term.kind = BoundTerm::Kind::Variable;
        term.span = span;
        term.variable = variableIndex(column.name, column.kind, span, query, column.type);
        atom.args.push_back(term);
    }
    query.atoms.push_back(std::move(atom));
    run.localRelation = std::move(relation);
    if (bindModifiers(stmt.modifiers, query)) emit(std::move(run), span);
}

} // namespace chipgraph::bind
