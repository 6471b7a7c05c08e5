#include "engine/paged_lookups.h"

#include <algorithm>

namespace chipgraph::engine {

namespace {

// Past this many facts read by lookups the session's cache starts again (it is memory the
// relations read whole would not need).
constexpr size_t kMaxFactsRead = 1 << 18;
// A relation whose lookups have read more than this share of it is read whole from then on.
constexpr size_t kWholeShare = 16;

bool judged(RelationId relation, const schema::Catalog& catalog) {
    const auto& judgements = catalog.judgements();
    return std::any_of(judgements.begin(), judgements.end(),
                       [&](const schema::Judgement& j) { return j.pattern.relation == relation; });
}

bool negated(RelationId relation, const bind::BoundQuery& query) {
    return std::any_of(query.negations.begin(), query.negations.end(),
                       [&](const bind::BoundAtom& atom) { return atom.relation == relation; });
}

} // namespace

PageCache::PageCache(store::Store& store, const schema::Catalog& catalog)
    : store_(store), catalog_(catalog),
      facts_([this](RelationId relation, int position, const Value& value,
                    std::vector<schema::Fact>& out) {
          return load(relation, position, value, out);
      }) {}

std::vector<RelationId> PageCache::choose(const bind::BoundQuery& query,
                                          const schema::Catalog& catalog,
                                          const eval::FactBase& base) {
    std::vector<RelationId> chosen;
    if (store_.inTransaction() || stale_) return chosen;
    if (facts_.factsRead() > kMaxFactsRead) facts_.clear();
    for (const bind::BoundAtom& atom : query.atoms) {
        RelationId r = atom.relation;
        if (r == bind::kQueryHeadRelation || !catalog.hasRelation(r) ||
            std::find(chosen.begin(), chosen.end(), r) != chosen.end())
            continue;
        const schema::RelationInfo& info = catalog.relation(r);
        if (info.derived || info.keyed() || !base.isPending(r) || judged(r, catalog) ||
            negated(r, query))
            continue;
        const eval::PagedFacts::Served* served = facts_.described(r);
        if (!served) {
            Result<store::Store::IndexedRelation> indexed = store_.indexedRelation(r);
            if (!indexed) continue;
            facts_.describe(r, {static_cast<size_t>(indexed.value().facts),
                                std::move(indexed.value().positions)});
            served = facts_.described(r);
        }
        if (!served->positions.empty() && facts_.factsRead(r) * kWholeShare <= served->facts)
            chosen.push_back(r);
    }
    return chosen;
}

// What the cache holds was read in the session's state, so a question that finds every fact
// there reads nothing. The first lookup of a question that is not in the cache begins a read
// transaction, so that all its lookups read one state, and checks that it is still the
// session's: if another process has written since, the indexes describe a later state, and
// the lookups of this question are answered from the relation as it stood (the log's account,
// as lazy loading reads it), later questions reading their relations whole.
Status PageCache::load(RelationId relation, int position, const Value& value,
                       std::vector<schema::Fact>& out) {
    if (!reading_) {
        if (Status s = store_.beginRead(); !s) return s;
        reading_ = true;
        Result<bool> current = store_.atSnapshot();
        if (!current) return current.status();
        stale_ = !current.value();
    }
    if (!stale_) return store_.lookupFacts(catalog_, relation, position, value, out);
    auto whole = asOfSnapshot_.find(relation);
    if (whole == asOfSnapshot_.end()) {
        std::vector<schema::Fact> facts;
        if (Status s = store_.loadRelationFacts(catalog_, relation, facts); !s) return s;
        whole = asOfSnapshot_.emplace(relation, std::move(facts)).first;
    }
    for (const schema::Fact& fact : whole->second)
        if (fact.args[static_cast<size_t>(position)] == value) out.push_back(fact);
    return Status::ok();
}

void PageCache::endQuestion() {
    if (reading_) store_.endRead();
    reading_ = false;
    asOfSnapshot_.clear();
}

bool PagedLookups::indexed(RelationId relation, int position) const {
    return std::find(relations_.begin(), relations_.end(), relation) == relations_.end() ||
           cache_.facts_.servesLookup(relation, position);
}

void PagedLookups::keepPlanned(const bind::BoundQuery& query, plan::QueryPlan& plan) {
    for (plan::JoinStep& step : plan.steps) {
        RelationId r = query.atoms[step.atom].relation;
        if (std::find(relations_.begin(), relations_.end(), r) == relations_.end()) continue;
        const eval::PagedFacts& facts = cache_.facts_;
        if (facts.servesLookup(r, step.lookupPosition)) continue;
        // Another bound argument the indexes serve is as good a way in (the join checks
        // every bound argument of the facts it reads).
        auto served = std::find_if(step.boundPositions.begin(), step.boundPositions.end(),
                                   [&](int p) { return facts.servesLookup(r, p); });
        if (served != step.boundPositions.end())
            step.lookupPosition = *served;
        else
            relations_.erase(std::remove(relations_.begin(), relations_.end(), r),
                             relations_.end());
    }
    for (plan::JoinStep& step : plan.steps) // for `explain`
        step.onDisk = std::find(relations_.begin(), relations_.end(),
                                query.atoms[step.atom].relation) != relations_.end();
}

} // namespace chipgraph::engine
