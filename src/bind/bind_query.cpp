#include "bind/binder_impl.h"

#include "common/text.h"

#include <cctype>

namespace chipgraph::bind {

void Binder::bindQuery(const ast::QueryStmt& stmt, const SourceSpan& span) {
    BoundQuery query;
    query.span = span;
    query.explain = stmt.explain;
    if (!stmt.head.empty()) {
        bindHeadedQuery(stmt, span);
        return;
    }
    if (stmt.orSpan.valid()) {
        // Each branch binds its own variables: the head says which ones the answer has.
        error("a query with 'or' needs a head naming what each answer is", stmt.orSpan,
              "e.g. ? C: fabbed_on(C, N3) ; fabbed_on(C, N3P).");
        return;
    }
    bool ok = bindBody(stmt.body, span, query, &stmt.modifiers.provenance);
    ok = bindModifiers(stmt.modifiers, query) && ok;
    if (ok) emit(RunQuery{std::move(query)}, span);
}

void Binder::bindWhy(const ast::WhyStmt& stmt, const SourceSpan& span) {
    BoundQuery query;
    query.span = span;
    auto atom = bindQueryAtom(stmt.atom, query);
    bool ok = atom.has_value();
    if (atom) query.atoms.push_back(std::move(*atom));
    ok = rejectProvenance(stmt.modifiers.provenance, "a 'why' question") && ok;
    if (rejectPolicyAndDiff(stmt.modifiers, "a 'why' question"))
        ok = bindModifiers(stmt.modifiers, query) && ok;
    else
        ok = false;
    if (stmt.modifiers.diffUnder) {
        error("'diff under' lists the answers a scenario changes; 'why' explains one fact",
              stmt.modifiers.under.front().span, "ask 'why atom under NAME?'");
        ok = false;
    }
    if (ok) emit(ExplainWhy{std::move(query)}, span);
}

void Binder::bindBlame(const ast::BlameStmt& stmt, const SourceSpan& span) {
    BoundQuery query;
    query.span = span;
    auto atom = bindQueryAtom(stmt.atom, query);
    if (!atom) return;
    const schema::RelationInfo& relation = catalog_.relation(atom->relation);
    if (relation.derived) {
        error("'" + relation.name + "' is derived by rules: the log records stored facts only",
              stmt.atom.span, "blame the facts its rules read; 'why' shows which");
        return;
    }
    query.atoms.push_back(std::move(*atom));
    emit(ExplainBlame{std::move(query)}, span);
}

bool Binder::rejectRecordedAt(const ast::Modifiers& modifiers, const std::string& where) {
    if (!modifiers.recordedAt) return true;
    error("'recorded at' asks a query as the database stood then, not " + where,
          modifiers.recordedAt->span, "ask a query: ? relation(...) recorded at DATE.");
    return false;
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

bool Binder::isVariableName(const ast::Name& name, bool entityColumn) const {
    if (!looksLikeVariable(name)) return false;
    if (names_ == NameMode::Stored || !entityColumn || name.text.size() == 1) return true;
    return !catalog_.findEntity(name.text);
}

void Binder::warnShadowedEntity(const ast::Name& name) {
    if (names_ != NameMode::Written || name.text.size() != 1) return;
    if (const schema::EntityInfo* e = catalog_.findEntity(name.text))
        warning("'" + name.text + "' is a variable here, not the entity '" + e->name + "'",
                name.span,
                "a single capital letter is always a variable; write \"" + name.text +
                    "\" for the entity");
}

int Binder::variableIndex(const std::string& name, schema::ColumnKind kind, const SourceSpan& span,
                          BoundQuery& query, TypeId entityType) {
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
    query.variables.push_back({name, kind, kNoId, entityType});
    return static_cast<int>(query.variables.size() - 1);
}

std::optional<BoundTerm> Binder::bindQueryTerm(const ast::Term& term, const schema::Column& column,
                                               const schema::RelationInfo& relation,
                                               BoundQuery& query) {
    BoundTerm out;
    out.span = term.span;
    if (term.kind == ast::Term::Kind::Wildcard) return out;
    bool isEntityColumn = column.kind == schema::ColumnKind::Entity;
    if (term.kind == ast::Term::Kind::Name && isVariableName(term.name, isEntityColumn)) {
        if (isEntityColumn) warnShadowedEntity(term.name);
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
        out.variable = variableIndex(term.name.text, column.kind, term.span, query, column.type);
        if (out.variable < 0) return std::nullopt;
        return out;
    }
    auto value = bindConstant(term, column, relation);
    if (!value) return std::nullopt;
    out.kind = BoundTerm::Kind::Constant;
    out.value = *value;
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
    if (m.recordedAt) {
        auto date = bindDate(*m.recordedAt);
        if (date)
            query.recordedAt = date->lastDay();
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
    if (m.policy)
        ok = bindPolicy(*m.policy, query) && ok;
    else if (defaults_.policy.any() && policyApplies(query))
        query.policy = defaults_.policy;
    if (m.diff) {
        DiffDates dates;
        if (m.knownAt && m.diff->knownAt) {
            error("'known at' and 'diff known at' both give the knowledge date", m.diff->span,
                  "keep the diff's two dates");
            ok = false;
        } else if (m.window && !m.diff->knownAt) {
            error("a time window and 'diff as of' both give the valid time", m.diff->span,
                  "keep the diff's two dates");
            ok = false;
        } else if (bindDiffRange(*m.diff, dates)) {
            query.diff = dates;
        } else {
            ok = false;
        }
    }
    for (const ast::Name& name : m.under)
        query.under.emplace_back(name.text, name.span);
    query.diffUnder = m.diffUnder;
    if (!query.window) query.window = defaults_.window;
    if (!query.knownAt) query.knownAt = defaults_.knownAt;
    checkNamesInTime(query.window, query.knownAt, false);
    return ok;
}

} // namespace chipgraph::bind
