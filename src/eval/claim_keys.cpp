#include "eval/claim_keys.h"

#include "eval/claim_filter.h"

#include <algorithm>
#include <limits>
#include <set>

namespace chipgraph::eval {

std::optional<std::string> claimKey(const schema::RelationInfo& relation,
                                    const schema::Fact& fact) {
    if (!relation.keyed()) return std::nullopt;
    std::string key;
    for (int c : relation.keyColumns) {
        fact.args[c].appendKey(key);
        key += '\x1f';
    }
    for (int q : relation.keyQualifiers) {
        if (!fact.qualifiers[q]) return std::nullopt;
        fact.qualifiers[q]->appendKey(key);
        key += '\x1f';
    }
    key += std::to_string(fact.valid.from) + ".." + std::to_string(fact.valid.to);
    return key;
}

std::string claimValue(const schema::RelationInfo& relation, const schema::Fact& fact) {
    std::string value;
    for (size_t c = 0; c < fact.args.size(); ++c)
        if (std::find(relation.keyColumns.begin(), relation.keyColumns.end(), c) ==
            relation.keyColumns.end()) {
            fact.args[c].appendKey(value);
            value += '\x1f';
        }
    return value;
}

std::optional<DayNumber> knownFrom(const schema::Catalog& catalog, const schema::Fact& fact) {
    if (fact.source == kNoId) return std::nullopt;
    const std::optional<PartialDate>& published = catalog.source(fact.source).published;
    if (!published) return std::nullopt;
    return published->lastDay();
}

const schema::Judgement* deprecation(const schema::Catalog& catalog, const schema::Fact& fact) {
    for (const schema::Judgement& j : catalog.judgements())
        if (j.matches(fact)) return &j;
    return nullptr;
}

namespace {

// How a policy ranks a claim: lower is better. Deprecated claims rank below all others.
std::pair<int, int64_t> rankOf(const schema::Catalog& catalog, const schema::Fact& fact,
                               const bind::Policy& policy) {
    int deprecated = deprecation(catalog, fact) ? 1 : 0;
    switch (policy.kind) {
    case bind::Policy::Kind::Latest: {
        std::optional<DayNumber> day = knownFrom(catalog, fact);
        return {deprecated, day ? -int64_t{*day} : std::numeric_limits<int64_t>::max()};
    }
    case bind::Policy::Kind::Ranking: {
        auto it = std::find(policy.ranking.begin(), policy.ranking.end(), fact.source);
        return {deprecated, it - policy.ranking.begin()};
    }
    case bind::Policy::Kind::All:
        break;
    }
    return {0, 0};
}

bool valuesDiffer(const schema::RelationInfo& relation, const std::vector<const schema::Fact*>& fs,
                  const std::vector<bool>* only = nullptr) {
    std::set<std::string> values;
    for (size_t i = 0; i < fs.size(); ++i)
        if (!only || (*only)[i]) values.insert(claimValue(relation, *fs[i]));
    return values.size() > 1;
}

} // namespace

ClaimGroups::ClaimGroups(const schema::Catalog& catalog, const schema::RelationInfo& relation,
                         const RelationFacts& facts, std::optional<DayNumber> knownAt,
                         const bind::Policy& policy)
    : catalog_(catalog), relation_(relation) {
    for (const schema::Fact& fact : facts.facts()) {
        if (knownAt &&
            !knownOn(fact.source == kNoId ? std::nullopt : catalog.source(fact.source).published,
                     *knownAt))
            continue;
        if (std::optional<std::string> key = claimKey(relation, fact))
            groups_[*key].claims.push_back(&fact);
    }
    for (auto& [key, group] : groups_) {
        std::stable_sort(group.claims.begin(), group.claims.end(),
                         [&](const schema::Fact* a, const schema::Fact* b) {
                             auto da = knownFrom(catalog, *a), db = knownFrom(catalog, *b);
                             return da.value_or(kMaxDay) < db.value_or(kMaxDay);
                         });
        std::vector<std::pair<int, int64_t>> ranks;
        for (const schema::Fact* f : group.claims)
            ranks.push_back(rankOf(catalog, *f, policy));
        auto best = *std::min_element(ranks.begin(), ranks.end());
        for (const auto& rank : ranks)
            group.kept.push_back(rank == best || policy.kind == bind::Policy::Kind::All);
        group.disagree = valuesDiffer(relation, group.claims);
        group.keptDisagree = valuesDiffer(relation, group.claims, &group.kept);
    }
}

const ClaimGroups::Group* ClaimGroups::groupOf(const schema::Fact& fact, size_t& index) const {
    std::optional<std::string> key = claimKey(relation_, fact);
    if (!key) return nullptr;
    auto it = groups_.find(*key);
    if (it == groups_.end()) return nullptr;
    const std::vector<const schema::Fact*>& claims = it->second.claims;
    for (index = 0; index < claims.size(); ++index)
        if (claims[index] == &fact || sameIdentity(*claims[index], fact)) return &it->second;
    return nullptr;
}

ClaimGroups::Mark ClaimGroups::mark(const schema::Fact& fact) const {
    size_t index = 0;
    const Group* group = groupOf(fact, index);
    if (!group) return deprecation(catalog_, fact) ? Mark::Deprecated : Mark::None;
    if (deprecation(catalog_, fact)) return Mark::Deprecated;
    if (group->keptDisagree) return Mark::Conflict;
    return group->disagree ? Mark::Resolved : Mark::None;
}

bool ClaimGroups::kept(const schema::Fact& fact) const {
    size_t index = 0;
    const Group* group = groupOf(fact, index);
    return !group || group->kept[index];
}

std::vector<std::vector<const schema::Fact*>> ClaimGroups::conflicts() const {
    std::vector<std::vector<const schema::Fact*>> out;
    for (const auto& [key, group] : groups_)
        if (group.disagree) out.push_back(group.claims);
    return out;
}

FactBase applyPolicy(const FactBase& facts, const schema::Catalog& catalog,
                     const bind::Policy& policy, std::optional<DayNumber> knownAt) {
    FactBase out;
    for (const schema::RelationInfo* relation : catalog.relations()) {
        if (relation->derived || !facts.has(relation->id)) continue;
        const RelationFacts& all = facts.relation(relation->id);
        std::vector<schema::Fact> keep;
        keep.reserve(all.size());
        if (!relation->keyed()) {
            keep = all.facts();
        } else {
            ClaimGroups groups(catalog, *relation, all, knownAt, policy);
            for (const schema::Fact& fact : all.facts())
                if (groups.kept(fact)) keep.push_back(fact);
        }
        out.adoptDistinct(relation->id, std::move(keep));
    }
    return out;
}

} // namespace chipgraph::eval
