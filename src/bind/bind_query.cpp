#include "bind/binder_impl.h"

#include "common/text.h"

#include <cctype>

namespace chipgraph::bind {

void Binder::bindQuery(const ast::QueryStmt& stmt, const SourceSpan& span) {
    BoundQuery query;
    query.span = span;
    bool ok = true;
    // Atoms first: they bind variables; comparisons may only use bound variables.
    for (const ast::Literal& literal : stmt.body)
        if (auto* atom = std::get_if<ast::Atom>(&literal)) {
            auto bound = bindQueryAtom(*atom, query);
            ok = ok && bound.has_value();
            if (bound) query.atoms.push_back(std::move(*bound));
        }
    for (const ast::Literal& literal : stmt.body)
        if (auto* c = std::get_if<ast::Comparison>(&literal)) {
            auto lhs = bindComparisonTerm(c->lhs, query);
            auto rhs = bindComparisonTerm(c->rhs, query);
            if (!lhs || !rhs) {
                ok = false;
                continue;
            }
            static const std::pair<const char*, CompareOp> kOps[] = {
                {"=", CompareOp::Eq},  {"!=", CompareOp::Ne}, {"<", CompareOp::Lt},
                {"<=", CompareOp::Le}, {">", CompareOp::Gt},  {">=", CompareOp::Ge}};
            CompareOp op = CompareOp::Eq;
            for (const auto& [text, value] : kOps)
                if (c->op == text) op = value;
            query.comparisons.push_back({*lhs, op, *rhs, c->span});
        }
    if (query.atoms.empty() && ok) {
        error("a query needs at least one relation", span, "e.g. ? designs(F, C).");
        ok = false;
    }
    ok = bindModifiers(stmt.modifiers, query) && ok;
    if (ok) emit(RunQuery{std::move(query)}, span);
}

std::optional<BoundAtom> Binder::bindQueryAtom(const ast::Atom& atom, BoundQuery& query) {
    const schema::RelationInfo* relation = resolveRelation(atom.relation);
    if (!relation || !checkArity(atom, *relation)) return std::nullopt;
    BoundAtom out;
    out.relation = relation->id;
    out.span = atom.span;
    bool ok = true;
    for (size_t i = 0; i < atom.args.size(); ++i) {
        auto term = bindQueryTerm(atom.args[i], relation->columns[i], *relation, query);
        ok = ok && term.has_value();
        if (term) out.args.push_back(*term);
    }
    for (const ast::Qualifier& q : atom.qualifiers) {
        int index = relation->qualifierIndex(q.key.text);
        if (index < 0) {
            std::vector<std::string> names;
            for (const schema::Column& c : relation->qualifiers)
                names.push_back(c.name);
            error("'" + relation->name + "' has no qualifier '" + q.key.text + "'", q.key.span,
                  text::didYouMean(q.key.text, names));
            ok = false;
            continue;
        }
        auto term = bindQueryTerm(q.value, relation->qualifiers[index], *relation, query);
        ok = ok && term.has_value();
        if (term) out.qualifiers.emplace_back(index, *term);
    }
    if (!ok) return std::nullopt;
    return out;
}

bool Binder::looksLikeVariable(const ast::Name& name) const {
    return !name.quoted && !name.text.empty() &&
           std::isupper(static_cast<unsigned char>(name.text[0]));
}

int Binder::variableIndex(const std::string& name, schema::ColumnKind kind, const SourceSpan& span,
                          BoundQuery& query) {
    for (size_t i = 0; i < query.variables.size(); ++i) {
        if (query.variables[i].name != name) continue;
        if (query.variables[i].kind != kind) {
            error("variable '" + name + "' is used as " + kindName(kind) + " here but as " +
                      kindName(query.variables[i].kind) + " before",
                  span);
            return -1;
        }
        return static_cast<int>(i);
    }
    query.variables.push_back({name, kind, kNoId});
    return static_cast<int>(query.variables.size() - 1);
}

std::optional<BoundTerm> Binder::bindQueryTerm(const ast::Term& term, const schema::Column& column,
                                               const schema::RelationInfo& relation,
                                               BoundQuery& query) {
    BoundTerm out;
    out.span = term.span;
    if (term.kind == ast::Term::Kind::Wildcard) return out;
    bool isEntityColumn = column.kind == schema::ColumnKind::Entity;
    if (term.kind == ast::Term::Kind::Name && looksLikeVariable(term.name) &&
        !(isEntityColumn && catalog_.findEntity(term.name.text))) {
        // A capitalised name close to an entity's is far more likely a typo than a variable.
        if (isEntityColumn && text::decodeUtf8(term.name.text).size() >= 4) {
            std::string near = text::nearestName(term.name.text, catalog_.entityNamesAndAliases());
            if (!near.empty()) {
                error("unknown entity '" + term.name.text + "'", term.span,
                      "did you mean '" + near + "'?");
                return std::nullopt;
            }
        }
        out.kind = BoundTerm::Kind::Variable;
        out.variable = variableIndex(term.name.text, column.kind, term.span, query);
        if (out.variable < 0) return std::nullopt;
        return out;
    }
    auto value = bindConstant(term, column, relation);
    if (!value) return std::nullopt;
    out.kind = BoundTerm::Kind::Constant;
    out.value = *value;
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
    for (size_t i = 0; i < query.variables.size(); ++i)
        if (!term.name.quoted && query.variables[i].name == term.name.text) {
            out.kind = BoundTerm::Kind::Variable;
            out.variable = static_cast<int>(i);
            return out;
        }
    out.kind = BoundTerm::Kind::Constant;
    if (const schema::EntityInfo* e =
            term.name.quoted ? nullptr : catalog_.findEntity(term.name.text)) {
        out.value = Value::entity(e->id);
    } else if (looksLikeVariable(term.name)) {
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

bool Binder::bindModifiers(const ast::Modifiers& m, BoundQuery& query) {
    bool ok = true;
    if (m.window) {
        auto from = bindDate(m.window->from);
        std::optional<PartialDate> to = m.window->to ? bindDate(*m.window->to) : from;
        if (!from || !to) {
            ok = false;
        } else if (to->lastDay() < from->firstDay()) {
            error("the interval ends before it starts", m.window->span);
            ok = false;
        } else {
            query.window = Interval::between(*from, *to);
        }
    }
    if (m.knownAt) {
        auto date = bindDate(*m.knownAt);
        if (date)
            query.knownAt = date->lastDay();
        else
            ok = false;
    }
    std::vector<std::string> columns;
    for (const Variable& v : query.variables)
        columns.push_back(v.name);
    columns.insert(columns.end(), kProvenanceColumns.begin(), kProvenanceColumns.end());
    for (const ast::OrderKey& key : m.orderBy) {
        auto it = std::find(columns.begin(), columns.end(), key.column.text);
        if (it == columns.end()) {
            std::string hint = text::didYouMean(key.column.text, columns);
            error("cannot order by '" + key.column.text + "': it is not a column of the result",
                  key.column.span, hint);
            ok = false;
            continue;
        }
        query.orderBy.push_back({static_cast<int>(it - columns.begin()), key.descending});
    }
    query.limit = m.limit;
    if (!query.window) query.window = defaults_.window;
    if (!query.knownAt) query.knownAt = defaults_.knownAt;
    return ok;
}

} // namespace chipgraph::bind
