// Keys, policies, judgements, history, conflicts and diffs (docs/time.md).
#include "bind/binder_impl.h"

#include "common/text.h"

namespace chipgraph::bind {

// `key (col, ...)`: argument or qualifier columns; at least one argument column must be left
// out (the value that claims of one key may disagree on).
bool Binder::bindKey(const ast::RelationDecl& decl, schema::RelationInfo& relation) {
    bool ok = true;
    for (const ast::Name& name : decl.key) {
        std::string folded = text::foldCase(name.text);
        int column = -1;
        for (size_t i = 0; i < relation.columns.size(); ++i)
            if (text::foldCase(relation.columns[i].name) == folded) column = static_cast<int>(i);
        int qualifier = relation.qualifierIndex(name.text);
        std::vector<int>& into = column >= 0 ? relation.keyColumns : relation.keyQualifiers;
        int index = column >= 0 ? column : qualifier;
        if (index < 0) {
            std::vector<std::string> names;
            for (const schema::Column& c : relation.columns)
                names.push_back(c.name);
            for (const schema::Column& c : relation.qualifiers)
                names.push_back(c.name);
            error("'" + decl.name.text + "' has no column '" + name.text + "' to key by", name.span,
                  text::didYouMean(name.text, names));
            ok = false;
        } else if (std::find(into.begin(), into.end(), index) != into.end()) {
            error("column '" + name.text + "' is in the key twice", name.span);
            ok = false;
        } else {
            into.push_back(index);
        }
    }
    if (ok && !decl.key.empty() && relation.keyColumns.size() == relation.columns.size()) {
        error("the key of '" + decl.name.text + "' leaves no column to disagree on",
              decl.key.front().span,
              "a key names one claim by some columns; the others hold its value, as in "
              "'relation shipments(owner: Vendor, units: number) per period key (owner)'");
        ok = false;
    }
    return ok;
}

bool Binder::policyApplies(const BoundQuery& query) const {
    for (const BoundAtom& atom : query.atoms) {
        const schema::RelationInfo& relation = catalog_.relation(atom.relation);
        if (relation.keyed() || relation.derived) return true;
    }
    return false;
}

bool Binder::bindPolicy(const ast::Policy& policy, BoundQuery& query) {
    std::string first = text::foldCase(policy.words.front().text);
    if (first == "latest" || first == "all") {
        if (policy.words.size() > 1) {
            error("'prefer " + first + "' takes no sources", policy.words[1].span,
                  "rank sources alone, as in 'prefer udn_2026_02, seed2025'");
            return false;
        }
        query.policy.kind = first == "latest" ? Policy::Kind::Latest : Policy::Kind::All;
    } else {
        query.policy.kind = Policy::Kind::Ranking;
        bool ok = true;
        for (const ast::Name& word : policy.words) {
            const schema::SourceInfo* source = catalog_.findSource(word.text);
            if (!source) {
                std::string hint = text::didYouMean(word.text, catalog_.sourceNames());
                error("unknown source '" + word.text + "' in a ranking", word.span,
                      hint.empty() ? "rank declared sources, or write 'prefer latest'" : hint);
                ok = false;
            } else {
                query.policy.ranking.push_back(source->id);
            }
        }
        if (!ok) return false;
    }
    if (!query.policy.any() || policyApplies(query)) return true;
    std::string names;
    for (const BoundAtom& atom : query.atoms)
        names += (names.empty() ? "'" : ", '") + catalog_.relation(atom.relation).name + "'";
    error("'prefer' chooses among the claims of a key, but " + names +
              (query.atoms.size() == 1 ? " has" : " have") + " no key",
          policy.span,
          "declare which columns name one claim, as in 'relation shipments(owner: Vendor, "
          "units: number) per period key (owner)'");
    return false;
}

bool Binder::bindDiffRange(const ast::DiffRange& range, DiffDates& out) {
    std::string form = range.knownAt ? "known at" : "as of";
    if (!range.to) {
        error("a diff needs two dates", range.span,
              "give both, the earlier first, as in '" + form + " 2025-06-30 .. 2026-06-30'");
        return false;
    }
    auto from = bindDate(range.from);
    auto to = bindDate(*range.to);
    if (!from || !to) return false;
    if (to->lastDay() < from->lastDay() || (!range.knownAt && to->firstDay() < from->firstDay())) {
        error("the diff's dates are reversed: " + range.to->text + " is before " + range.from.text,
              range.span,
              "write the earlier date first: '" + form + " " + range.to->text + " .. " +
                  range.from.text + "'");
        return false;
    }
    out = {range.knownAt, *from, *to};
    return true;
}

// History, conflicts, `why` and diagrams take a window and `known at`, not a policy or a diff.
bool Binder::rejectPolicyAndDiff(const ast::Modifiers& m, const std::string& what) {
    bool ok = true;
    if (m.diff) {
        error("'diff' compares the answers of a query, not " + what, m.diff->span,
              what == "a diagram" ? "a diagram compares what was known at two dates with "
                                    "'diff D1..D2', as in 'diagram designs diff 2025..2026'"
                                  : "ask a query, as in '? designs(F, Trainium3) diff known at "
                                    "2025-06-30 .. 2026-06-30.'");
        ok = false;
    }
    if (m.policy) {
        error("'prefer' applies to queries, not " + what, m.policy->span,
              what == "a history" ? "a history lists every claim; ask '? ... prefer latest.' for "
                                    "the claims a policy keeps"
                                  : "ask a query, as in '? shipments(Google, U) in 2026 prefer "
                                    "latest.'");
        ok = false;
    }
    return ok;
}

void Binder::bindClaims(const ast::ClaimsStmt& stmt, const SourceSpan& span) {
    bool history = stmt.kind == ast::ClaimsStmt::Kind::History;
    std::string what = history ? "a history" : "a conflicts list";
    BoundQuery query;
    query.span = span;
    auto atom = bindQueryAtom(stmt.atom, query);
    bool ok = atom.has_value();
    if (atom) query.atoms.push_back(std::move(*atom));
    ok = rejectProvenance(stmt.modifiers.provenance, what) && ok;
    ok = rejectPolicyAndDiff(stmt.modifiers, what) && ok;
    if (!stmt.modifiers.orderBy.empty() || stmt.modifiers.limit) {
        error("'order by' and 'limit' apply to the answers of a query", span,
              history ? "a history is in report order, oldest first" : "");
        ok = false;
    }
    if (ok && !history && !catalog_.relation(query.atoms[0].relation).keyed()) {
        const schema::RelationInfo& relation = catalog_.relation(query.atoms[0].relation);
        error("'" + relation.name + "' has no key, so its claims cannot conflict",
              stmt.atom.relation.span,
              "claims conflict when they name the same thing with other values; declare which "
              "columns name one claim, as in 'relation shipments(...) per period key (owner)'");
        ok = false;
    }
    ok = ok && bindModifiers(stmt.modifiers, query);
    if (ok) emit(ListClaims{history, std::move(query)}, span);
}

void Binder::bindDeprecate(const ast::DeprecateStmt& stmt, const SourceSpan& span) {
    const schema::RelationInfo* relation = resolveRelation(stmt.atom.relation);
    if (!relation || !checkArity(stmt.atom, *relation)) return;
    if (relation->derived) {
        error("'" + relation->name + "' is derived by rules; deprecate the claims it rests on",
              stmt.atom.relation.span, "'why' shows them");
        return;
    }
    schema::Judgement judgement;
    judgement.pattern.relation = relation->id;
    judgement.pattern.qualifiers.resize(relation->qualifiers.size());
    judgement.reason = stmt.reason;
    bool ok = true;
    for (size_t i = 0; i < stmt.atom.args.size(); ++i) {
        auto value = bindConstant(stmt.atom.args[i], relation->columns[i], *relation);
        ok = ok && value.has_value();
        if (value) judgement.pattern.args.push_back(*value);
    }
    if (!stmt.atom.qualifiers.empty()) {
        error("a judgement matches a claim by its arguments and validity", stmt.atom.span,
              "leave the qualifiers out");
        ok = false;
    }
    if (stmt.validity) {
        auto valid = bindValidity(*stmt.validity);
        ok = ok && valid.has_value();
        if (valid) judgement.pattern.valid = *valid;
        judgement.matchValidity = true;
    }
    const schema::SourceInfo* source = catalog_.findSource(stmt.source.text);
    if (!source) {
        error("unknown source '" + stmt.source.text + "'", stmt.source.span,
              text::didYouMean(stmt.source.text, catalog_.sourceNames()));
        ok = false;
    } else {
        judgement.source = source->id;
    }
    if (!ok) return;
    for (const schema::Judgement& j : catalog_.judgements())
        if (j.pattern.relation == judgement.pattern.relation &&
            j.pattern.args == judgement.pattern.args &&
            j.matchValidity == judgement.matchValidity &&
            (!j.matchValidity || j.pattern.valid == judgement.pattern.valid) &&
            j.source == judgement.source && j.reason == judgement.reason)
            return; // the same judgement again: nothing to do
    catalog_.addJudgement(judgement);
    emit(DeclareJudgement{catalog_.judgements().back()}, span);
}

void Binder::bindChanges(const ast::ChangesStmt& stmt, const SourceSpan& span) {
    ListChanges out;
    bool ok = bindDiffRange(stmt.range, out.dates);
    if (stmt.entity) {
        const schema::EntityInfo* entity = resolveEntity(*stmt.entity);
        ok = ok && entity;
        if (entity) out.entity = entity->id;
    }
    if (stmt.relation) {
        const schema::RelationInfo* relation = resolveRelation(*stmt.relation);
        ok = ok && relation;
        if (relation) out.relation = relation->id;
    }
    if (ok) emit(std::move(out), span);
}

} // namespace chipgraph::bind
