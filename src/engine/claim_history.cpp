// History and conflicts of a base relation's claims. Change words (docs/time.md, "History"):
// new (the first claim of its key), confirms (the previous claim's value again; for a relation
// without a key, a validity and status claimed before), revises (another number, or another
// validity or status), contradicts (another entity or text), deprecated (a judgement).
#include "engine/claim_history.h"

#include "eval/claim_filter.h"
#include "eval/claim_keys.h"
#include "eval/expr_eval.h"

#include <algorithm>
#include <map>
#include <set>

namespace chipgraph::engine {

namespace {

// Whether `fact` matches the atom: constants equal, a variable the same value wherever it
// appears, a wildcard anything; qualifier constants equal.
bool matches(const bind::BoundAtom& atom, const schema::Fact& fact) {
    std::map<int, const Value*> bound;
    auto term = [&](const bind::BoundTerm& t, const Value* v) {
        if (t.kind == bind::BoundTerm::Kind::Wildcard) return true;
        if (!v) return false;
        if (t.kind == bind::BoundTerm::Kind::Constant) return t.value == *v;
        auto [it, fresh] = bound.emplace(t.variable, v);
        return fresh || *it->second == *v;
    };
    for (size_t i = 0; i < atom.args.size(); ++i)
        if (!term(atom.args[i], &fact.args[i])) return false;
    for (const auto& [index, t] : atom.qualifiers) {
        const std::optional<Value>& q = fact.qualifiers[index];
        if (!term(t, q ? &*q : nullptr)) return false;
    }
    return true;
}

Cell valueCell(const Value& v, const schema::Catalog& catalog) {
    if (v.isNumber()) {
        const Number& n = v.numberValue();
        return Cell::ofNumber(n.kind == NumberKind::Exact ? formatNumber(n.lo) : n.toString(), n);
    }
    return Cell::ofText(eval::displayValue(v, catalog));
}

Cell textOrNull(const std::string& text) {
    return text.empty() ? Cell::null() : Cell::ofText(text);
}

std::string qualifierText(const schema::RelationInfo& relation, const schema::Fact& fact,
                          const schema::Catalog& catalog) {
    std::string out;
    for (size_t q = 0; q < fact.qualifiers.size(); ++q)
        if (fact.qualifiers[q])
            out += (out.empty() ? "" : ", ") + relation.qualifiers[q].name + ": " +
                   eval::displayValue(*fact.qualifiers[q], catalog);
    return out;
}

std::string signedNumber(double v) {
    return (v > 0 ? "+" : "") + formatNumber(v);
}

// The claims a history or conflicts list reads: matching, seen by the window and `known at`,
// oldest report first (claims without a report date last; one day's deprecated claims first,
// so the last claim of a key is the one `prefer latest` keeps).
void sortByReport(std::vector<const schema::Fact*>& facts, const schema::Catalog& catalog) {
    auto order = [&](const schema::Fact* f) {
        return std::make_tuple(eval::knownFrom(catalog, *f).value_or(kMaxDay),
                               eval::deprecation(catalog, *f) ? 0 : 1);
    };
    std::stable_sort(facts.begin(), facts.end(), [&](const schema::Fact* a, const schema::Fact* b) {
        return order(a) < order(b);
    });
}

struct Claims {
    std::vector<const schema::Fact*> facts;
    eval::LeftOutCounts leftOut;
};

Claims matchingClaims(const bind::BoundQuery& query, const std::vector<schema::Fact>& candidates,
                      const schema::Catalog& catalog) {
    const bind::BoundAtom& atom = query.atoms.front();
    const schema::RelationInfo& relation = catalog.relation(atom.relation);
    eval::ClaimFilter filter{query.window, query.knownAt};
    Claims out;
    for (const schema::Fact& fact : candidates) {
        if (!matches(atom, fact)) continue;
        eval::LeftOut why = filter.check(catalog, relation, fact.valid, fact.source);
        if (why != eval::LeftOut::None) {
            out.leftOut.count(why);
            continue;
        }
        out.facts.push_back(&fact);
    }
    sortByReport(out.facts, catalog);
    return out;
}

// The columns every claim row starts with: the relation's columns, then its qualifiers and
// provenance.
std::vector<std::string> claimColumns(const schema::RelationInfo& relation) {
    std::vector<std::string> columns;
    for (const schema::Column& c : relation.columns)
        columns.push_back(c.name);
    for (const char* c : {"qualifiers", "valid", "status", "source", "reported"})
        columns.push_back(c);
    return columns;
}

std::vector<Cell> claimRow(const schema::RelationInfo& relation, const schema::Fact& fact,
                           const schema::Catalog& catalog, SourceId source) {
    std::vector<Cell> row;
    for (const Value& v : fact.args)
        row.push_back(valueCell(v, catalog));
    row.push_back(textOrNull(qualifierText(relation, fact, catalog)));
    row.push_back(Cell::ofText(eval::validityText(fact.valid, relation.timeless)));
    row.push_back(Cell::ofText(schema::statusName(fact.status)));
    const schema::SourceInfo* info = source == kNoId ? nullptr : &catalog.source(source);
    row.push_back(info ? Cell::ofText(info->name) : Cell::null());
    row.push_back(info && info->published ? Cell::ofText(info->published->toString())
                                          : Cell::null());
    return row;
}

// The one number column outside the key, or -1: a history of such a relation is a forecast
// revision table.
int amountColumn(const schema::RelationInfo& relation) {
    if (!relation.keyed() || relation.keyColumns.size() + 1 != relation.columns.size()) return -1;
    for (size_t c = 0; c < relation.columns.size(); ++c)
        if (std::find(relation.keyColumns.begin(), relation.keyColumns.end(), c) ==
                relation.keyColumns.end() &&
            relation.columns[c].kind == schema::ColumnKind::Number)
            return static_cast<int>(c);
    return -1;
}

// How `fact` relates to the earlier claims of its group.
std::string changeOf(const schema::RelationInfo& relation, const schema::Fact& fact,
                     const std::vector<const schema::Fact*>& earlier) {
    if (earlier.empty()) return "new";
    if (!relation.keyed() || !eval::claimKey(relation, fact)) {
        for (const schema::Fact* e : earlier)
            if (e->valid == fact.valid && e->status == fact.status) return "confirms";
        return "revises";
    }
    if (eval::claimValue(relation, *earlier.back()) == eval::claimValue(relation, fact))
        return "confirms";
    return amountColumn(relation) >= 0 ? "revises" : "contradicts";
}

std::string groupOf(const schema::RelationInfo& relation, const schema::Fact& fact) {
    if (std::optional<std::string> key = eval::claimKey(relation, fact)) return *key;
    std::string group;
    for (const Value& v : fact.args) {
        v.appendKey(group);
        group += '\x1f';
    }
    return group;
}

} // namespace

Table claimHistory(const bind::BoundQuery& query, const eval::FactBase& facts,
                   const std::vector<schema::Fact>& retracted, const schema::Catalog& catalog) {
    const schema::RelationInfo& relation = catalog.relation(query.atoms.front().relation);
    Claims claims = matchingClaims(query, facts.relation(relation.id).facts(), catalog);
    std::vector<const schema::Fact*> taken = matchingClaims(query, retracted, catalog).facts;
    std::set<const schema::Fact*> isRetracted(taken.begin(), taken.end());
    claims.facts.insert(claims.facts.end(), taken.begin(), taken.end());
    sortByReport(claims.facts, catalog);
    int amount = amountColumn(relation);
    Table table;
    table.columns = claimColumns(relation);
    table.columns.push_back("change");
    if (amount >= 0) {
        table.columns.push_back("delta");
        table.columns.push_back("error");
    }
    // The latest actual of each key: a forecast's error is measured against it.
    std::map<std::string, const schema::Fact*> actual;
    for (const schema::Fact* f : claims.facts)
        if (f->status == schema::FactStatus::Actual && !isRetracted.count(f))
            actual[groupOf(relation, *f)] = f;
    std::map<std::string, std::vector<const schema::Fact*>> earlier;
    for (const schema::Fact* f : claims.facts) {
        std::vector<Cell> row = claimRow(relation, *f, catalog, f->source);
        if (isRetracted.count(f)) {
            row.push_back(Cell::ofText("retracted"));
            row.resize(table.columns.size());
            table.rows.push_back(std::move(row));
            continue;
        }
        std::vector<const schema::Fact*>& before = earlier[groupOf(relation, *f)];
        row.push_back(Cell::ofText(changeOf(relation, *f, before)));
        if (amount >= 0) {
            double value = f->args[amount].numberValue().sortKey();
            row.push_back(before.empty()
                              ? Cell::null()
                              : Cell::ofText(signedNumber(
                                    value - before.back()->args[amount].numberValue().sortKey())));
            auto a = actual.find(groupOf(relation, *f));
            bool forecast =
                a != actual.end() && a->second != f && f->status != schema::FactStatus::Actual;
            row.push_back(forecast ? Cell::ofText(signedNumber(
                                         value - a->second->args[amount].numberValue().sortKey()))
                                   : Cell::null());
        }
        table.rows.push_back(std::move(row));
        before.push_back(f);
        if (const schema::Judgement* j = eval::deprecation(catalog, *f)) {
            std::vector<Cell> judged = claimRow(relation, *f, catalog, j->source);
            judged[relation.columns.size()] = Cell::ofText("because: " + j->reason);
            judged.push_back(Cell::ofText("deprecated"));
            if (amount >= 0) judged.resize(table.columns.size());
            table.rows.push_back(std::move(judged));
        }
    }
    table.notes = claims.leftOut.notes();
    return table;
}

Table claimConflicts(const bind::BoundQuery& query, const eval::FactBase& facts,
                     const schema::Catalog& catalog) {
    const schema::RelationInfo& relation = catalog.relation(query.atoms.front().relation);
    Claims claims =
        matchingClaims(query, facts.relation(query.atoms.front().relation).facts(), catalog);
    std::map<std::string, std::vector<const schema::Fact*>> groups;
    std::vector<std::string> order;
    for (const schema::Fact* f : claims.facts)
        if (std::optional<std::string> key = eval::claimKey(relation, *f)) {
            if (groups[*key].empty()) order.push_back(*key);
            groups[*key].push_back(f);
        }
    Table table;
    table.columns = claimColumns(relation);
    table.columns.push_back("claims");
    for (const std::string& key : order) {
        const std::vector<const schema::Fact*>& group = groups[key];
        std::set<std::string> values;
        for (const schema::Fact* f : group)
            values.insert(eval::claimValue(relation, *f));
        if (values.size() < 2) continue;
        for (const schema::Fact* f : group) {
            std::vector<Cell> row = claimRow(relation, *f, catalog, f->source);
            row.push_back(Cell::ofText(std::to_string(values.size()) + " values"));
            table.rows.push_back(std::move(row));
        }
    }
    table.notes = claims.leftOut.notes();
    return table;
}

} // namespace chipgraph::engine
