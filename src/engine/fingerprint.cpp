#include "engine/fingerprint.h"

#include "eval/claim_filter.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <set>

namespace chipgraph::engine {

namespace {

uint64_t fnv1a(std::string_view bytes, uint64_t hash = 14695981039346656037ull) {
    for (unsigned char c : bytes)
        hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

// Spreads a hash over all 64 bits, so that a sum of them does not cancel out by accident.
uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// The relations the query reads, through the rules that derive them; the rules' texts.
void closure(const bind::BoundQuery& query, const RuleSet& rules, std::set<RelationId>& relations,
             std::set<std::string>& ruleTexts) {
    std::vector<RelationId> pending;
    auto reach = [&](const bind::BoundQuery& body) {
        for (const bind::BoundAtom& a : body.atoms)
            if (relations.insert(a.relation).second) pending.push_back(a.relation);
        for (const bind::BoundAtom& a : body.negations)
            if (relations.insert(a.relation).second) pending.push_back(a.relation);
    };
    reach(query);
    while (!pending.empty()) {
        RelationId relation = pending.back();
        pending.pop_back();
        for (const bind::BoundRule& rule : rules.rules)
            if (rule.relation == relation && ruleTexts.insert(rule.text).second) reach(rule.body);
    }
}

// A fact by its names rather than its ids, so that a database dumped and loaded again (where
// ids may differ) gives the same fingerprint: relation, arguments, qualifiers, validity,
// source with its publication date, status.
std::string factText(const schema::Catalog& catalog, const schema::RelationInfo& relation,
                     const schema::Fact& f) {
    auto value = [&](const Value& v) {
        return v.isEntity() ? "@" + catalog.entity(v.entityId()).name : v.key();
    };
    std::string text = relation.name;
    for (const Value& v : f.args)
        text += "\x1f" + value(v);
    for (const std::optional<Value>& q : f.qualifiers)
        text += "\x1e" + (q ? value(*q) : std::string());
    text += "\x1d" + std::to_string(f.valid.from) + ".." + std::to_string(f.valid.to);
    if (f.source != kNoId) {
        const schema::SourceInfo& source = catalog.source(f.source);
        text += "\x1d" + source.name;
        if (source.published) text += "@" + source.published->toString();
    }
    return text + "\x1d" + schema::statusName(f.status);
}

} // namespace

std::string answerFingerprint(const bind::BoundQuery& query, const schema::Catalog& catalog,
                              const eval::FactBase& facts, const RuleSet& rules) {
    std::set<RelationId> relations;
    std::set<std::string> ruleTexts;
    closure(query, rules, relations, ruleTexts);
    const eval::ClaimFilter claims{query.window, query.knownAt};
    uint64_t factSum = 0, factCount = 0;
    for (RelationId relation : relations) {
        const schema::RelationInfo& info = catalog.relation(relation);
        if (info.derived) continue;
        for (const schema::Fact& f : facts.relation(relation).facts()) {
            if (claims.check(catalog, info, f.valid, f.source) != eval::LeftOut::None) continue;
            uint64_t hash = fnv1a(factText(catalog, info, f));
            factSum += mix(hash); // a sum: the order facts were stored in does not matter
            ++factCount;
        }
    }
    uint64_t hash = fnv1a(std::to_string(factSum) + "/" + std::to_string(factCount));
    for (const std::string& text : ruleTexts) // a set: in text order
        hash = fnv1a(text + "\n", hash);
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(mix(hash)));
    return out;
}

} // namespace chipgraph::engine
