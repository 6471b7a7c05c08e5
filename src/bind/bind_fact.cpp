#include "bind/binder_impl.h"

#include "common/text.h"

#include <algorithm>
#include <cctype>

namespace chipgraph::bind {

static std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
        out += (i ? ", " : "") + names[i];
    return out;
}

static std::string columnDescription(const schema::Column& column,
                                     const schema::RelationInfo& relation) {
    return "column '" + column.name + "' of '" + relation.name + "'";
}

void Binder::bindFact(const ast::FactStmt& stmt, const SourceSpan& span) {
    std::optional<schema::Fact> fact = bindFactFields(stmt);
    if (!fact) return;
    if (stmt.validity) checkNamesInTime(fact->valid, std::nullopt, true);
    if (!stmt.retract) {
        emit(AddFact{std::move(*fact)}, span);
        return;
    }
    RetractFact retract{std::move(*fact), stmt.validity.has_value(), stmt.source.has_value(),
                        stmt.status.has_value()};
    emit(std::move(retract), span);
}

std::optional<schema::Fact> Binder::bindFactFields(const ast::FactStmt& stmt) {
    const ast::Atom& atom = stmt.atom;
    const schema::RelationInfo* relation = resolveRelation(atom.relation);
    if (!relation || !checkArity(atom, *relation)) return std::nullopt;
    if (relation->derived) {
        error("'" + relation->name + "' is derived by rules; facts cannot be stated for it",
              atom.relation.span, "state facts of the relations its rules use");
        return std::nullopt;
    }
    schema::Fact fact;
    fact.relation = relation->id;
    bool ok = true;
    for (size_t i = 0; i < atom.args.size(); ++i) {
        auto value = bindConstant(atom.args[i], relation->columns[i], *relation);
        ok = ok && value.has_value();
        if (value) fact.args.push_back(*value);
    }
    ok = bindQualifiers(atom.qualifiers, *relation, fact.qualifiers) && ok;
    if (stmt.validity) {
        auto valid = bindValidity(*stmt.validity);
        ok = ok && valid.has_value();
        if (valid) fact.valid = *valid;
    }
    if (stmt.source) {
        const schema::SourceInfo* source = catalog_.findSource(stmt.source->text);
        if (!source) {
            error("unknown source '" + stmt.source->text + "'", stmt.source->span,
                  text::didYouMean(stmt.source->text, catalog_.sourceNames()));
            ok = false;
        } else {
            fact.source = source->id;
        }
    }
    if (stmt.status) {
        auto status = schema::parseStatus(stmt.status->text);
        if (!status) {
            std::string hint = text::didYouMean(stmt.status->text, schema::statusNames());
            error("unknown status '" + stmt.status->text + "'", stmt.status->span,
                  hint.empty() ? "a status is one of actual, reported, expected, forecast, "
                                 "rumored, view"
                               : hint);
            ok = false;
        } else {
            fact.status = *status;
        }
    }
    if (!ok) return std::nullopt;
    return fact;
}

bool Binder::checkArity(const ast::Atom& atom, const schema::RelationInfo& relation) {
    if (atom.args.size() == relation.columns.size()) return true;
    std::vector<std::string> names;
    for (const schema::Column& c : relation.columns)
        names.push_back(c.name);
    std::string columns = joinNames(names);
    error("'" + relation.name + "' takes " + std::to_string(relation.columns.size()) + " argument" +
              (relation.columns.size() == 1 ? "" : "s") + " but " +
              std::to_string(atom.args.size()) + (atom.args.size() == 1 ? " was" : " were") +
              " given",
          atom.span, "expected " + relation.name + "(" + columns + ")");
    return false;
}

std::optional<Value> Binder::bindConstant(const ast::Term& term, const schema::Column& column,
                                          const schema::RelationInfo& relation) {
    if (term.kind == ast::Term::Kind::Wildcard) {
        error("'_' is only allowed in queries", term.span, "facts name every value");
        return std::nullopt;
    }
    switch (column.kind) {
    case schema::ColumnKind::Entity: {
        if (term.kind != ast::Term::Kind::Name) {
            error("type mismatch: " + columnDescription(column, relation) + " expects a " +
                      catalog_.type(column.type).name + ", not a number",
                  term.span);
            return std::nullopt;
        }
        const schema::EntityInfo* entity = resolveEntity(term.name);
        if (!entity || !checkEntityType(term, *entity, column, relation)) return std::nullopt;
        return Value::entity(entity->id);
    }
    case schema::ColumnKind::Text:
        if (term.kind != ast::Term::Kind::Name) {
            error("type mismatch: " + columnDescription(column, relation) + " expects text",
                  term.span, "write it as a string: \"" + term.number.value.toString() + "\"");
            return std::nullopt;
        }
        return Value::text(term.name.text);
    case schema::ColumnKind::Number:
        if (term.kind != ast::Term::Kind::Number) {
            error("type mismatch: " + columnDescription(column, relation) + " expects a number",
                  term.span, "numbers are written 4614, ~2000000, >3000000 or 10000..50000");
            return std::nullopt;
        }
        if (term.number.value.kind == NumberKind::Range &&
            term.number.value.lo > term.number.value.hi) {
            error("the range " + term.number.value.toString() + " ends below its start", term.span,
                  "write the smaller number first: " + formatNumber(term.number.value.hi) + ".." +
                      formatNumber(term.number.value.lo));
            return std::nullopt;
        }
        return Value::number(term.number.value);
    case schema::ColumnKind::Unknown: // only while a derived relation's columns are inferred
        break;
    }
    return std::nullopt;
}

bool Binder::checkEntityType(const ast::Term& term, const schema::EntityInfo& entity,
                             const schema::Column& column, const schema::RelationInfo& relation) {
    if (catalog_.isSubtype(entity.type, column.type)) return true;
    error("type mismatch: '" + entity.name + "' is a " + catalog_.type(entity.type).name +
              ", but " + columnDescription(column, relation) + " expects a " +
              catalog_.type(column.type).name,
          term.span);
    return false;
}

bool Binder::bindQualifiers(const std::vector<ast::Qualifier>& qualifiers,
                            const schema::RelationInfo& relation,
                            std::vector<std::optional<Value>>& out) {
    out.assign(relation.qualifiers.size(), std::nullopt);
    bool ok = true;
    for (const ast::Qualifier& q : qualifiers) {
        int index = relation.qualifierIndex(q.key.text);
        if (index < 0) {
            std::vector<std::string> names;
            for (const schema::Column& c : relation.qualifiers)
                names.push_back(c.name);
            std::string hint = text::didYouMean(q.key.text, names);
            if (hint.empty())
                hint = names.empty() ? "declare it: relation " + relation.name + "(...) { " +
                                           q.key.text + ": text }."
                                     : "its qualifiers are: " + joinNames(names);
            error("'" + relation.name + "' has no qualifier '" + q.key.text + "'", q.key.span,
                  hint);
            ok = false;
            continue;
        }
        if (out[index]) {
            error("qualifier '" + q.key.text + "' is given twice", q.key.span);
            ok = false;
            continue;
        }
        auto value = bindConstant(q.value, relation.qualifiers[index], relation);
        if (!value)
            ok = false;
        else
            out[index] = *value;
    }
    return ok;
}

std::optional<PartialDate> Binder::bindDate(const ast::DateLit& date) {
    Result<PartialDate> parsed = PartialDate::parse(date.text);
    if (!parsed) {
        error("invalid date '" + date.text + "': " + parsed.status().message(), date.span);
        return std::nullopt;
    }
    return parsed.value();
}

std::optional<Interval> Binder::bindValidity(const ast::Validity& v) {
    auto first = bindDate(v.first);
    if (!first) return std::nullopt;
    switch (v.kind) {
    case ast::Validity::Kind::In:
        return Interval::of(*first);
    case ast::Validity::Kind::From:
        return Interval{first->firstDay(), kMaxDay};
    case ast::Validity::Kind::Until:
        return Interval{kMinDay, first->lastDay() + 1};
    case ast::Validity::Kind::During: {
        auto second = bindDate(v.second);
        if (!second) return std::nullopt;
        if (second->lastDay() < first->firstDay()) {
            error("the interval ends before it starts", v.span,
                  "write the earlier date first: " + second->toString() + ".." + first->toString());
            return std::nullopt;
        }
        return Interval::between(*first, *second);
    }
    }
    return std::nullopt;
}

const schema::RelationInfo* Binder::resolveRelation(const ast::Name& name) {
    if (const schema::RelationInfo* r = catalog_.findRelation(name.text)) return r;
    std::string hint = text::didYouMean(name.text, catalog_.relationNames());
    error("unknown relation '" + name.text + "'", name.span,
          hint.empty() ? "declare it first: relation " + name.text + "(...)." : hint);
    return nullptr;
}

const schema::EntityInfo* Binder::resolveEntity(const ast::Name& name) {
    if (const schema::EntityInfo* e = catalog_.findEntity(name.text)) {
        noteNameUse(*e, name);
        return e;
    }
    error("unknown entity '" + name.text + "'", name.span, unknownEntityHint(name));
    return nullptr;
}

// Up to three names or aliases like `name` when none is near enough for "did you mean": those
// that contain it (Maia: Maia 100, Maia 200) or, for a name in another script than Latin,
// share at least half of its characters (谷: 谷歌). Best first.
static std::vector<std::string> namesLike(const std::string& name,
                                          const std::vector<std::string>& candidates) {
    std::string folded = text::foldCase(name);
    std::u32string wanted = text::decodeUtf8(folded);
    bool latin = std::all_of(folded.begin(), folded.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    std::vector<std::pair<size_t, std::string>> scored;
    for (const std::string& candidate : candidates) {
        std::string have = text::foldCase(candidate);
        size_t score = have.find(folded) != std::string::npos ? wanted.size() + 1 : 0;
        if (!score && !latin) {
            std::u32string chars = text::decodeUtf8(have);
            for (char32_t c : wanted)
                score += chars.find(c) != std::u32string::npos;
            if (score * 2 < wanted.size()) score = 0;
        }
        if (score) scored.emplace_back(score, candidate);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> out;
    for (size_t i = 0; i < scored.size() && i < 3; ++i)
        out.push_back(scored[i].second);
    return out;
}

std::string Binder::unknownEntityHint(const ast::Name& name) const {
    std::vector<std::string> names = catalog_.entityNamesAndAliases();
    std::string near = text::didYouMean(name.text, names);
    if (!near.empty()) return near;
    if (!asking_)
        return "declare it first: entity " + text::quoteNameIfNeeded(name.text) + ": <Type>.";
    // In a question: a lowercase letter or two is a variable written in lower case.
    unsigned char first = name.text.empty() ? 0 : static_cast<unsigned char>(name.text[0]);
    if (!name.quoted && std::islower(first) && name.text.size() <= 2) {
        std::string upper = name.text;
        upper[0] = static_cast<char>(std::toupper(first));
        return "variables start with a capital letter: write '" + upper + "'";
    }
    std::vector<std::string> like = namesLike(name.text, names);
    if (like.empty())
        return "no entity or alias has this name; '.entities' in the shell lists them";
    std::string out = "names like it: ";
    for (size_t i = 0; i < like.size(); ++i)
        out += (i ? ", " : "") + text::quoteNameIfNeeded(like[i]);
    return out;
}

} // namespace chipgraph::bind
