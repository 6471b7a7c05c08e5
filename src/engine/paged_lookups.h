#pragma once
// Which relations a question reads by lookups on disk (docs/storage.md, "Indexes") instead of
// reading them whole into memory: the first question after opening a large database then
// reads the facts it joins. Internal to src/engine.
#include "bind/bound.h"
#include "eval/fact_base.h"
#include "eval/paged_facts.h"
#include "plan/plan.h"
#include "store/store.h"

#include <map>
#include <vector>

namespace chipgraph::engine {

// The session's lookups: what they read, kept while the session's facts are the stored ones
// as of its snapshot. The engine drops it (clear()) whenever it writes or reloads.
class PageCache {
public:
    PageCache(store::Store& store, const schema::Catalog& catalog);
    PageCache(const PageCache&) = delete;
    PageCache& operator=(const PageCache&) = delete;

    void clear() {
        facts_.clear();
        stale_ = false;
    }
    const eval::PagedFacts& facts() const { return facts_; }

private:
    friend class PagedLookups;
    // The relations `query` names that it may read by lookups: base relations `base` has not
    // read yet, without a key or a judgement (whose claims are weighed together), not negated,
    // whose indexes are current, and not already read by lookups in large part (those are
    // better read whole). None inside a transaction of the store's (its writes are in memory
    // too) or once another process has written since the session's snapshot.
    std::vector<RelationId> choose(const bind::BoundQuery& query, const schema::Catalog& catalog,
                                   const eval::FactBase& base);
    Status load(RelationId relation, int position, const Value& value,
                std::vector<schema::Fact>& out);
    void endQuestion();

    store::Store& store_;
    const schema::Catalog& catalog_;
    eval::PagedFacts facts_;
    bool reading_ = false; // a read transaction begun by a lookup, ended with the question
    bool stale_ = false;   // another process has written since the snapshot
    // Relations read whole as of the snapshot, for the lookups of a question that found the
    // database changed.
    std::map<RelationId, std::vector<schema::Fact>> asOfSnapshot_;
};

// One question's use of the cache: chooses its relations, and ends the read transaction its
// lookups began (one snapshot for the whole question) when it goes.
class PagedLookups {
public:
    PagedLookups(PageCache& cache, const bind::BoundQuery& query, const schema::Catalog& catalog,
                 const eval::FactBase& base)
        : cache_(cache), relations_(cache.choose(query, catalog, base)) {}
    ~PagedLookups() { cache_.endQuestion(); }
    PagedLookups(const PagedLookups&) = delete;
    PagedLookups& operator=(const PagedLookups&) = delete;

    const eval::PagedFacts& facts() const { return cache_.facts_; }
    const std::vector<RelationId>& relations() const { return relations_; }
    // Whether a lookup of `relation` at `position` is served by an index: on disk for the
    // relations chosen, in memory (built on first use) for the others.
    bool indexed(RelationId relation, int position) const;
    // Keeps the relations `plan` reads only by lookups at positions served (moving a step's
    // lookup to another bound argument that is): the others are read whole.
    void keepPlanned(const bind::BoundQuery& query, plan::QueryPlan& plan);
    // The first lookup that failed (ok: none): the question must not be answered without it.
    Status error() { return cache_.facts_.takeError(); }

private:
    PageCache& cache_;
    std::vector<RelationId> relations_;
};

} // namespace chipgraph::engine
