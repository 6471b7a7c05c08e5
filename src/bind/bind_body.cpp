// The body of a query or a rule: positive atoms, `not` atoms, comparisons and assignments.
#include "bind/binder_impl.h"

#include "ast/printer.h"
#include "common/text.h"

#include <cctype>

namespace chipgraph::bind {

static CompareOp compareOp(const std::string& text) {
    static const std::pair<const char*, CompareOp> kOps[] = {
        {"=", CompareOp::Eq},  {"!=", CompareOp::Ne}, {"<", CompareOp::Lt},
        {"<=", CompareOp::Le}, {">", CompareOp::Gt},  {">=", CompareOp::Ge}};
    for (const auto& [name, op] : kOps)
        if (text == name) return op;
    return CompareOp::Eq;
}

static bool isLoneVariable(const ast::Expr& e) {
    return e.kind == ast::Expr::Kind::Term && e.term.kind == ast::Term::Kind::Name &&
           !e.term.name.quoted && !e.term.name.text.empty() &&
           std::isupper(static_cast<unsigned char>(e.term.name.text[0]));
}

int Binder::findVariable(const std::string& name, const BoundQuery& query) const {
    for (size_t i = 0; i < query.variables.size(); ++i)
        if (query.variables[i].name == name) return static_cast<int>(i);
    return -1;
}

// Positive atoms bind variables first; then comparisons in order, where `X = expr` with X
// not yet bound assigns it; negated atoms may only use variables bound by then.
bool Binder::bindBody(const std::vector<ast::Literal>& body, const SourceSpan& span,
                      BoundQuery& query, const ast::ProvenanceClauses* queryClauses) {
    bool ok = true;
    for (const ast::Literal& literal : body)
        if (auto* atom = std::get_if<ast::Atom>(&literal)) {
            auto bound = bindQueryAtom(*atom, query);
            ok = ok && bound.has_value();
            if (bound && !atom->provenance.empty())
                ok = bindAtomProvenance(atom->provenance, *bound, query) && ok;
            if (bound) query.atoms.push_back(std::move(*bound));
        }
    if (queryClauses && ok) ok = bindQueryProvenance(*queryClauses, query);
    size_t boundByAtoms = query.variables.size();
    for (const ast::Literal& literal : body)
        if (auto* c = std::get_if<ast::Comparison>(&literal)) {
            if (std::optional<bool> report = bindReportComparison(*c, query))
                ok = *report && ok;
            else
                ok = bindComparison(*c, query) && ok;
        }
    for (const ast::Literal& literal : body) {
        auto* negation = std::get_if<ast::Negation>(&literal);
        if (!negation) continue;
        size_t before = query.variables.size();
        auto bound = bindQueryAtom(negation->atom, query);
        if (!bound) {
            ok = false;
            continue;
        }
        for (size_t v = before; v < query.variables.size(); ++v) {
            error("variable '" + query.variables[v].name + "' appears only under 'not'",
                  negation->span,
                  "bind it in a positive relation of the body, or write '_' for 'any'");
            ok = false;
        }
        query.negations.push_back(std::move(*bound));
    }
    (void)boundByAtoms;
    if (query.atoms.empty() && ok) {
        error("a query or rule body needs at least one positive relation", span,
              "e.g. ? designs(F, C).");
        ok = false;
    }
    return ok;
}

bool Binder::bindComparison(const ast::Comparison& c, BoundQuery& query) {
    BoundComparison out;
    out.op = compareOp(c.op);
    out.span = c.span;
    // `X = expr` (or `expr = X`) with X unbound so far is an assignment.
    if (out.op == CompareOp::Eq) {
        const ast::Expr* target = nullptr;
        const ast::Expr* source = nullptr;
        if (isLoneVariable(c.lhs) && findVariable(c.lhs.term.name.text, query) < 0 &&
            isVariableName(c.lhs.term.name)) {
            target = &c.lhs;
            source = &c.rhs;
        } else if (isLoneVariable(c.rhs) && findVariable(c.rhs.term.name.text, query) < 0 &&
                   isVariableName(c.rhs.term.name)) {
            target = &c.rhs;
            source = &c.lhs;
        }
        if (target) {
            auto rhs = bindExpr(*source, query);
            if (!rhs) return false;
            schema::ColumnKind kind = exprKind(*rhs, query);
            int v = variableIndex(target->term.name.text, kind, target->span, query);
            if (v < 0) return false;
            BoundExpr lhs;
            lhs.term.kind = BoundTerm::Kind::Variable;
            lhs.term.variable = v;
            lhs.term.span = target->span;
            lhs.span = target->span;
            out.lhs = std::move(lhs);
            out.rhs = std::move(*rhs);
            out.assigns = v;
            query.comparisons.push_back(std::move(out));
            return true;
        }
    }
    auto lhs = bindExpr(c.lhs, query);
    auto rhs = bindExpr(c.rhs, query);
    if (!lhs || !rhs) return false;
    // A quoted string is an entity's name only where an entity is expected: against text it
    // stays text (`M = "Trainium3"` with M a metric name).
    auto keepText = [&](BoundExpr& side, const ast::Expr& written, const BoundExpr& other) {
        if (side.isTerm && side.term.kind == BoundTerm::Kind::Constant &&
            side.term.value.isEntity() && written.kind == ast::Expr::Kind::Term &&
            written.term.name.quoted && exprKind(other, query) == schema::ColumnKind::Text)
            side.term.value = Value::text(written.term.name.text);
    };
    keepText(*lhs, c.lhs, *rhs);
    keepText(*rhs, c.rhs, *lhs);
    // Values of different kinds never compare equal nor ordered: a silent "no row" (or, for
    // `!=`, every row) would mislead, so it is an error.
    schema::ColumnKind left = exprKind(*lhs, query), right = exprKind(*rhs, query);
    if (left != right && left != schema::ColumnKind::Unknown &&
        right != schema::ColumnKind::Unknown) {
        auto shown = [](const ast::Expr& e) {
            if (e.kind != ast::Expr::Kind::Term) return std::string("the arithmetic");
            std::string text = ast::print(e.term);
            return e.term.kind == ast::Term::Kind::Name && e.term.name.quoted ? text
                                                                              : "'" + text + "'";
        };
        error("type mismatch: " + shown(c.lhs) + " is " + kindName(left) + " but " + shown(c.rhs) +
                  " is " + kindName(right),
              c.span,
              right == schema::ColumnKind::Number || left == schema::ColumnKind::Number
                  ? "compare numbers with numbers, e.g. U > 3000000 (not \"3M\")"
                  : "compare values of one kind");
        return false;
    }
    out.lhs = std::move(*lhs);
    out.rhs = std::move(*rhs);
    query.comparisons.push_back(std::move(out));
    return true;
}

schema::ColumnKind Binder::exprKind(const BoundExpr& e, const BoundQuery& query) const {
    if (!e.isTerm) return schema::ColumnKind::Number;
    if (e.term.kind == BoundTerm::Kind::Variable) return query.variables[e.term.variable].kind;
    if (e.term.value.isNumber()) return schema::ColumnKind::Number;
    if (e.term.value.isText()) return schema::ColumnKind::Text;
    return schema::ColumnKind::Entity;
}

std::optional<BoundExpr> Binder::bindExpr(const ast::Expr& e, BoundQuery& query) {
    BoundExpr out;
    out.span = e.span;
    if (e.kind == ast::Expr::Kind::Date) { // report dates only: bind_provenance.cpp
        error("a date can only be compared with a report date", e.span,
              "bind one with 'reported R' after an atom, then compare: R >= " + e.date.text);
        return std::nullopt;
    }
    if (e.kind == ast::Expr::Kind::Binary) {
        out.isTerm = false;
        out.op = e.op;
        // Division by a zero the text states: no row could have a value (a variable that is
        // zero leaves its row out: docs/limits.md).
        const ast::Expr& divisor = e.operands[1];
        if (e.op == '/' && divisor.kind == ast::Expr::Kind::Term &&
            divisor.term.kind == ast::Term::Kind::Number &&
            divisor.term.number.value.kind == NumberKind::Exact &&
            divisor.term.number.value.lo == 0) {
            error("division by zero", divisor.span);
            return std::nullopt;
        }
        for (const ast::Expr& operand : e.operands) {
            auto bound = bindExpr(operand, query);
            if (!bound) return std::nullopt;
            if (exprKind(*bound, query) != schema::ColumnKind::Number) {
                error(std::string("arithmetic needs numbers; '") + e.op + "' is applied to " +
                          kindName(exprKind(*bound, query)),
                      operand.span);
                return std::nullopt;
            }
            out.operands.push_back(std::move(*bound));
        }
        return out;
    }
    auto term = bindComparisonTerm(e.term, query);
    if (!term) return std::nullopt;
    out.term = *term;
    return out;
}

std::optional<BoundTerm> Binder::bindComparisonTerm(const ast::Term& term, BoundQuery& query) {
    BoundTerm out;
    out.span = term.span;
    if (term.kind == ast::Term::Kind::Wildcard) {
        error("'_' cannot be compared", term.span, "name the variable");
        return std::nullopt;
    }
    if (term.kind == ast::Term::Kind::Number) {
        out.kind = BoundTerm::Kind::Constant;
        out.value = Value::number(term.number.value);
        return out;
    }
    if (int v = term.name.quoted ? -1 : findVariable(term.name.text, query); v >= 0) {
        out.kind = BoundTerm::Kind::Variable;
        out.variable = v;
        return out;
    }
    out.kind = BoundTerm::Kind::Constant;
    if (isVariableName(term.name)) {
        error("variable '" + term.name.text + "' does not appear in any relation", term.span,
              "every variable in a comparison must be bound by a relation of the query");
        return std::nullopt;
    } else if (term.name.quoted) {
        const schema::EntityInfo* entity = catalog_.findEntity(term.name.text);
        out.value = entity ? Value::entity(entity->id) : Value::text(term.name.text);
    } else {
        const schema::EntityInfo* entity = resolveEntity(term.name);
        if (!entity) return std::nullopt;
        out.value = Value::entity(entity->id);
    }
    return out;
}

} // namespace chipgraph::bind
