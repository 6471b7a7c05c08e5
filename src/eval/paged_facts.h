#pragma once
// Relations a question looks up by argument instead of reading whole: their facts come from
// the store's indexes one lookup at a time (docs/storage.md, "Indexes"), so that a question
// over a large database that was just opened reads the few facts it joins, not every fact of
// the relations it names. What was read is kept for the session's next questions (until the
// engine drops it: a write, or a reload). Which relations a question reads so is the
// engine's choice (engine/paged_lookups.h); the join reads them through FactView.
#include "common/status.h"
#include "common/value.h"
#include "schema/fact.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chipgraph::eval {

// Appends to `out` the stored facts of `relation` whose argument at `position` equals
// `value`, in the order they were stored.
using PageLoader = std::function<Status(RelationId relation, int position, const Value& value,
                                        std::vector<schema::Fact>& out)>;

class PagedFacts {
public:
    explicit PagedFacts(PageLoader load) : load_(std::move(load)) {}
    PagedFacts(const PagedFacts&) = delete;
    PagedFacts& operator=(const PagedFacts&) = delete;

    // What the store's indexes serve for a relation: its fact count and the argument
    // positions a lookup can use (none: the relation is read whole).
    struct Served {
        size_t facts = 0;
        std::vector<int> positions;
    };
    void describe(RelationId relation, Served served);
    const Served* described(RelationId relation) const; // null: not described yet
    bool servesLookup(RelationId relation, int position) const;
    size_t size(RelationId relation) const; // the described fact count
    // The facts whose argument at `position` equals `value`, read once; they stay in place
    // until clear(), each fact once whatever lookups found it (its address is its identity,
    // as in a FactBase). A failed read gives none (and is read again next time) and keeps
    // its error for takeError().
    const std::vector<const schema::Fact*>& lookup(RelationId relation, int position,
                                                   const Value& value) const;
    size_t factsRead(RelationId relation) const; // how many facts its lookups hold
    // True once the relation's lookups have read the store more than a 64th as many times as
    // it has facts, or held more than a 16th of them: one read of the whole relation is then
    // cheaper, and the join reads it so from then on (FactView).
    bool readWhole(RelationId relation) const;
    size_t factsRead() const { return factsRead_; }
    Status takeError();
    void clear();

private:
    struct Relation {
        std::optional<Served> served;
        size_t factsRead = 0;
        size_t reads = 0; // lookups that read the store
        bool whole = false;
        // By position, then value: the facts read.
        std::map<int, std::unordered_map<Value, std::vector<const schema::Fact*>, ValueHash>> read;
    };
    // Every fact read, once (a deque: they never move), found by identityHash.
    const schema::Fact* keep(schema::Fact fact) const;
    mutable std::deque<schema::Fact> kept_;
    mutable std::unordered_multimap<size_t, const schema::Fact*> keptByHash_;
    PageLoader load_;
    mutable std::map<RelationId, Relation> relations_;
    mutable std::mutex mutex_; // guards reads into relations_, error_ and factsRead_
    mutable Status error_;
    mutable size_t factsRead_ = 0;
};

} // namespace chipgraph::eval
