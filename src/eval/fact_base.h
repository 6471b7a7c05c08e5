#pragma once
// The in-memory facts the evaluator joins over: per relation a vector of facts, a hash set of
// their identities (so adding a fact twice is a no-op; hashed from the fact's fields, never a
// key string; open addressing over a flat array, no node per fact) and hash indexes on argument
// positions, built on first use and dropped when the relation changes.
#include "common/status.h"
#include "common/value.h"
#include "schema/fact.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace chipgraph::eval {

// The facts of one relation grouped by their value at one argument position: flat arrays (no
// node or vector per value, which made the first question over a large relation spend most
// of its time allocating), built on first use.
class PositionIndex {
public:
    PositionIndex(const std::vector<schema::Fact>& facts, int position);
    // Indices (in the relation's facts) of the facts whose argument equals `value`, in order.
    std::span<const uint32_t> find(const std::vector<schema::Fact>& facts, int position,
                                   const Value& value) const;

private:
    struct Slot {
        uint32_t hash = 0;
        uint32_t group = kEmpty; // kEmpty: a free slot
    };
    static constexpr uint32_t kEmpty = UINT32_MAX;
    size_t slotOf(const std::vector<schema::Fact>& facts, int position, const Value& value,
                  uint32_t hash) const; // the value's slot, or the free one it would take
    std::vector<Slot> slots_;           // power-of-two size, linear probing
    std::vector<uint32_t> groupStart_;  // group g: members_[groupStart_[g], groupStart_[g + 1])
    std::vector<uint32_t> members_;     // fact indices, by group
};

class RelationFacts {
public:
    const std::vector<schema::Fact>& facts() const { return facts_; }
    size_t size() const { return facts_.size(); }
    // Changes whenever the facts do; unique across every RelationFacts of the process, so a
    // cache keyed by it (eval/base_cache.h) never confuses two relations or two reloads.
    uint64_t version() const { return version_; }
    // Fact indices whose argument at `position` equals `value` (built lazily).
    std::span<const uint32_t> lookup(int position, const Value& value) const;

private:
    friend class FactBase;
    // One slot of the identity set: a fact's hash, its low 32 bits, and its index in facts_
    // (kEmpty: free). Eight bytes, so that a bulk import's table of a million facts (two million
    // slots) takes half the cache it took with the whole hash; the home slot is `hash & mask`,
    // so growing re-places the slots from what they hold (past 2^32 slots homes cluster, still
    // correct).
    struct Slot {
        uint32_t hash = 0;
        uint32_t index = kEmpty;
    };
    static constexpr uint32_t kEmpty = UINT32_MAX;

    // Index in facts_ of the fact that would be at `fact`'s place, or -1.
    // (The identity set is an index, rebuilt lazily after addDistinct: hence const.)
    int64_t find(const schema::Fact& fact, uint32_t hash) const;
    // Records facts_[index] under `hash`, growing the slots to keep the load at most 1/2.
    void insertSlot(uint32_t hash, uint32_t index) const;
    void placeSlot(uint32_t hash, uint32_t index) const; // no growth check
    void reserve(size_t facts) const;
    void rehash() const;
    mutable bool hashed_ = true; // slots_ cover every fact

    std::vector<schema::Fact> facts_;
    uint64_t version_ = nextVersion();
    static uint64_t nextVersion();
    mutable std::vector<Slot> slots_; // power-of-two size, linear probing
    mutable std::unordered_map<int, PositionIndex> indexes_;
};

// A hash of a fact's identity (what Fact::key() encodes), and that identity's equality.
size_t identityHash(const schema::Fact& fact);
bool sameIdentity(const schema::Fact& a, const schema::Fact& b);

// Replaces `facts` with the stored facts of a relation, in the order they were stored.
using FactLoader = std::function<Status(RelationId, std::vector<schema::Fact>&)>;

class FactBase {
public:
    FactBase();
    // A copy holds the relations loaded so far; the others it loads itself, through the same
    // loader, on their first use.
    FactBase(const FactBase& other);
    FactBase& operator=(const FactBase& other);
    FactBase(FactBase&&) noexcept;
    FactBase& operator=(FactBase&&) noexcept;
    ~FactBase();

    // Lazy loading: the relations `stored` (which have no facts here yet) get theirs from
    // `load` when first read or changed, by any method below (relation() may be called from
    // several threads). A load that fails leaves its relation empty and keeps its error for
    // loadError(), which every copy shares.
    void setLoader(FactLoader load, const std::vector<RelationId>& stored);
    // The first error a load gave (ok: none), for the caller to report instead of answers
    // computed without the relation's facts.
    Status loadError() const;

    // Adds the fact; false if an identical fact is already present.
    bool add(schema::Fact fact);
    // Adds a fact the caller knows is not present (rule evaluation's output: distinct tuples,
    // disjoint intervals), skipping the identity check; the identity index catches up on the
    // next lookup.
    void addDistinct(schema::Fact fact);
    // Makes `facts` (distinct, all of relation `id`, which has none yet) the relation's facts,
    // as addDistinct would one by one, without moving them: a bulk import into a new relation
    // (the store found the repeats). Into a relation with facts they are appended.
    void adoptDistinct(RelationId id, std::vector<schema::Fact> facts);
    // True when an identical fact is present.
    bool contains(const schema::Fact& fact) const;
    // Makes room for `more` facts of relation `id` (a bulk import knows how many will come).
    void reserve(RelationId id, size_t more);
    // Removes the fact with the same key; false if there was none.
    bool remove(const schema::Fact& fact);
    // Makes `facts` the relation's facts (repeats kept once): a what-if scenario's changes.
    void replace(RelationId id, const std::vector<schema::Fact>& facts);
    // Facts of a relation; an empty set for a relation without facts.
    const RelationFacts& relation(RelationId id) const;
    size_t size(RelationId id) const { return relation(id).size(); }
    size_t totalSize() const;

    bool has(RelationId id) const { return relations_.count(id) != 0; }
    // True when the relation's stored facts have not been read yet (lazy loading).
    bool isPending(RelationId id) const;

private:
    struct Lazy;
    // Loads relation `id` if it is still to be loaded; the map does not change shape (the
    // entries of relations to load exist from setLoader on), so readers of other relations
    // are safe meanwhile.
    void ensureLoaded(RelationId id) const;
    void loadAll() const;
    RelationFacts& mutableRelation(RelationId id); // loaded first

    std::unordered_map<RelationId, RelationFacts> relations_;
    RelationFacts empty_;
    std::unique_ptr<Lazy> lazy_; // null: every relation is here
};

} // namespace chipgraph::eval
