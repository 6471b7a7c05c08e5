#include "engine/fingerprint.h"

#include "eval/claim_filter.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <set>
#include <unordered_map>

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

// FNV-1a fed piece by piece: the same hash as fnv1a() of the pieces joined, without joining.
struct Fnv {
    uint64_t hash = 14695981039346656037ull;
    void add(std::string_view bytes) { hash = fnv1a(bytes, hash); }
};

// A fact by its names rather than its ids, so that a database dumped and loaded again (where
// ids may differ) gives the same fingerprint: relation, arguments, qualifiers, validity,
// source with its publication date, status; hashed as the text joining them (no text is
// built: a question's fingerprint hashes every fact it may read). `scratch` and `sources`
// are reused across facts (each source's text made once).
uint64_t factHash(const schema::Catalog& catalog, const schema::RelationInfo& relation,
                  const schema::Fact& f, std::string& scratch,
                  std::unordered_map<SourceId, std::string>& sources) {
    Fnv hash;
    auto value = [&](const Value& v) {
        if (v.isEntity()) {
            hash.add("@");
            hash.add(catalog.entity(v.entityId()).name);
            return;
        }
        scratch.clear();
        v.appendKey(scratch);
        hash.add(scratch);
    };
    hash.add(relation.name);
    for (const Value& v : f.args) {
        hash.add("\x1f");
        value(v);
    }
    for (const std::optional<Value>& q : f.qualifiers) {
        hash.add("\x1e");
        if (q) value(*q);
    }
    char days[48];
    int n = std::snprintf(days, sizeof days, "\x1d%lld..%lld", static_cast<long long>(f.valid.from),
                          static_cast<long long>(f.valid.to));
    hash.add(std::string_view(days, static_cast<size_t>(n)));
    if (f.source != kNoId) {
        auto [it, fresh] = sources.try_emplace(f.source);
        if (fresh) {
            const schema::SourceInfo& source = catalog.source(f.source);
            std::string& named = it->second;
            named.push_back('\x1d');
            named += source.name;
            if (source.published) {
                named.push_back('@');
                named += source.published->toString();
            }
        }
        hash.add(it->second);
    }
    hash.add("\x1d");
    hash.add(schema::statusName(f.status));
    return hash.hash;
}

} // namespace

std::string answerFingerprint(const bind::BoundQuery& query, const schema::Catalog& catalog,
                              const eval::FactBase& facts, const RuleSet& rules,
                              eval::BaseTableCache* cache) {
    std::set<RelationId> relations;
    std::set<std::string> ruleTexts;
    closure(query, rules, relations, ruleTexts);
    const eval::ClaimFilter claims{query.window, query.knownAt};
    const eval::BaseFilter filter{query.window, query.knownAt};
    uint64_t factSum = 0, factCount = 0;
    std::string scratch;
    std::unordered_map<SourceId, std::string> sources;
    for (RelationId relation : relations) {
        const schema::RelationInfo& info = catalog.relation(relation);
        if (info.derived) continue;
        const eval::RelationFacts& stored = facts.relation(relation);
        std::optional<eval::BaseTableCache::Digest> digest;
        if (cache) digest = cache->digest(relation, filter, stored.version());
        if (!digest) {
            digest.emplace();
            for (const schema::Fact& f : stored.facts()) {
                if (claims.check(catalog, info, f.valid, f.source) != eval::LeftOut::None) continue;
                // A sum: the order facts were stored in does not matter.
                digest->sum += mix(factHash(catalog, info, f, scratch, sources));
                ++digest->count;
            }
            if (cache) cache->keepDigest(relation, filter, stored.version(), *digest);
        }
        factSum += digest->sum;
        factCount += digest->count;
    }
    uint64_t hash = fnv1a(std::to_string(factSum) + "/" + std::to_string(factCount));
    for (const std::string& text : ruleTexts) // a set: in text order
        hash = fnv1a(text + "\n", hash);
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(mix(hash)));
    return out;
}

} // namespace chipgraph::engine
