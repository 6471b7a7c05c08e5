#include "eval/fact_base.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <iterator>
#include <utility>

namespace chipgraph::eval {

// The low bits choose the slot: mixed so that they depend on every bit of the value's hash.
static uint32_t valueSlotHash(const Value& value) {
    uint64_t h = value.hash();
    h = (h ^ (h >> 32)) * 0x9E3779B97F4A7C15ull;
    return static_cast<uint32_t>(h ^ (h >> 29));
}

size_t PositionIndex::slotOf(const std::vector<schema::Fact>& facts, int position,
                             const Value& value, uint32_t hash) const {
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& slot = slots_[i];
        if (slot.group == kEmpty) return i;
        // A group's first member stands for its value.
        if (slot.hash == hash && facts[members_[groupStart_[slot.group]]].args[position] == value)
            return i;
    }
}

// Two passes: each fact's group (a new group per new value), then the members by group. The
// groups' first members are placed in the first pass, so lookups during it can compare.
PositionIndex::PositionIndex(const std::vector<schema::Fact>& facts, int position) {
    size_t size = 16;
    while (size < 2 * facts.size())
        size *= 2;
    slots_.resize(size);
    std::vector<uint32_t> groupOf(facts.size());
    std::vector<uint32_t> firstOf; // group -> its first fact
    members_.resize(facts.size());
    groupStart_.clear();
    for (uint32_t i = 0; i < facts.size(); ++i) {
        const Value& value = facts[i].args[position];
        uint32_t hash = valueSlotHash(value);
        Slot& slot = slots_[slotOf(facts, position, value, hash)];
        if (slot.group == kEmpty) {
            slot = {hash, static_cast<uint32_t>(firstOf.size())};
            // Until the second pass, a group's start is its own number and its member there the
            // first fact (members_ is as long as the facts, and groups are at most as many).
            groupStart_.push_back(slot.group);
            members_[slot.group] = i;
            firstOf.push_back(i);
        }
        groupOf[i] = slot.group;
    }
    std::vector<uint32_t> counts(firstOf.size() + 1, 0);
    for (uint32_t group : groupOf)
        ++counts[group + 1];
    for (size_t g = 1; g < counts.size(); ++g)
        counts[g] += counts[g - 1];
    groupStart_ = counts; // prefix sums: the starts, and the end of the last
    for (uint32_t i = 0; i < facts.size(); ++i)
        members_[counts[groupOf[i]]++] = i;
}

std::span<const uint32_t> PositionIndex::find(const std::vector<schema::Fact>& facts, int position,
                                              const Value& value) const {
    const Slot& slot = slots_[slotOf(facts, position, value, valueSlotHash(value))];
    if (slot.group == kEmpty) return {};
    return {members_.data() + groupStart_[slot.group],
            members_.data() + groupStart_[slot.group + 1]};
}

std::span<const uint32_t> RelationFacts::lookup(int position, const Value& value) const {
    auto it = indexes_.find(position);
    if (it == indexes_.end()) it = indexes_.try_emplace(position, facts_, position).first;
    return it->second.find(facts_, position, value);
}

uint64_t RelationFacts::nextVersion() {
    static std::atomic<uint64_t> counter{0};
    return ++counter;
}

static size_t mix(size_t seed, size_t h) {
    return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

size_t identityHash(const schema::Fact& f) {
    size_t h = std::hash<int64_t>()(f.relation);
    for (const Value& v : f.args)
        h = mix(h, v.hash());
    for (const auto& q : f.qualifiers)
        h = mix(h, q ? q->hash() : 7);
    h = mix(h, std::hash<int64_t>()((int64_t{f.valid.from} << 32) ^ uint32_t(f.valid.to)));
    h = mix(h, std::hash<int64_t>()(f.source * 8 + static_cast<int>(f.status)));
    return h;
}

// Key equality: numbers compare by their bits, as their text in Fact::key() does (0 and -0
// are different facts there).
static bool sameValue(const Value& a, const Value& b) {
    if (a.kind() != b.kind()) return false;
    if (!a.isNumber()) return a == b;
    const Number& x = a.numberValue();
    const Number& y = b.numberValue();
    return x.kind == y.kind && std::memcmp(&x.lo, &y.lo, sizeof x.lo) == 0 &&
           std::memcmp(&x.hi, &y.hi, sizeof x.hi) == 0;
}

bool sameIdentity(const schema::Fact& a, const schema::Fact& b) {
    if (a.relation != b.relation || !(a.valid == b.valid) || a.source != b.source ||
        a.status != b.status || a.args.size() != b.args.size() ||
        a.qualifiers.size() != b.qualifiers.size())
        return false;
    for (size_t i = 0; i < a.args.size(); ++i)
        if (!sameValue(a.args[i], b.args[i])) return false;
    for (size_t i = 0; i < a.qualifiers.size(); ++i) {
        const auto &x = a.qualifiers[i], &y = b.qualifiers[i];
        if (x.has_value() != y.has_value() || (x && !sameValue(*x, *y))) return false;
    }
    return true;
}

// The part of a fact's hash its slot keeps (the low bits, which also choose the slot).
static uint32_t slotHash(const schema::Fact& fact) {
    return static_cast<uint32_t>(identityHash(fact));
}

int64_t RelationFacts::find(const schema::Fact& fact, uint32_t hash) const {
    if (!hashed_) rehash();
    if (slots_.empty()) return -1;
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask; slots_[i].index != kEmpty; i = (i + 1) & mask)
        if (slots_[i].hash == hash && sameIdentity(facts_[slots_[i].index], fact))
            return slots_[i].index;
    return -1;
}

void RelationFacts::placeSlot(uint32_t hash, uint32_t index) const {
    size_t mask = slots_.size() - 1;
    size_t i = hash & mask;
    while (slots_[i].index != kEmpty)
        i = (i + 1) & mask;
    slots_[i] = {hash, index};
}

// Grows to the smallest power of two that keeps `facts` at a load of at most 1/2; the stored
// hashes are moved over, nothing is rehashed from the facts.
void RelationFacts::reserve(size_t facts) const {
    size_t size = slots_.empty() ? 16 : slots_.size();
    while (size < 2 * facts)
        size *= 2;
    if (size == slots_.size()) return;
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(size));
    for (const Slot& slot : old)
        if (slot.index != kEmpty) placeSlot(slot.hash, slot.index);
}

void RelationFacts::insertSlot(uint32_t hash, uint32_t index) const {
    if (2 * (size_t{index} + 1) > slots_.size()) reserve(size_t{index} + 1);
    placeSlot(hash, index);
}

void RelationFacts::rehash() const {
    hashed_ = true;
    slots_.assign(slots_.size(), Slot{});
    for (uint32_t i = 0; i < facts_.size(); ++i)
        insertSlot(slotHash(facts_[i]), i);
}

bool FactBase::add(schema::Fact fact) {
    RelationFacts& r = mutableRelation(fact.relation);
    uint32_t hash = slotHash(fact);
    if (r.find(fact, hash) >= 0) return false;
    r.insertSlot(hash, static_cast<uint32_t>(r.facts_.size()));
    r.facts_.push_back(std::move(fact));
    r.indexes_.clear();
    r.version_ = RelationFacts::nextVersion();
    return true;
}

void FactBase::addDistinct(schema::Fact fact) {
    RelationFacts& r = mutableRelation(fact.relation);
    r.facts_.push_back(std::move(fact));
    r.indexes_.clear();
    r.hashed_ = false;
    r.version_ = RelationFacts::nextVersion();
}

void FactBase::adoptDistinct(RelationId id, std::vector<schema::Fact> facts) {
    RelationFacts& r = mutableRelation(id);
    if (r.facts_.empty())
        r.facts_ = std::move(facts);
    else // not the intended use, but kept correct: appended as addDistinct would
        r.facts_.insert(r.facts_.end(), std::make_move_iterator(facts.begin()),
                        std::make_move_iterator(facts.end()));
    r.indexes_.clear();
    r.hashed_ = false;
    r.version_ = RelationFacts::nextVersion();
}

bool FactBase::contains(const schema::Fact& fact) const {
    return relation(fact.relation).find(fact, slotHash(fact)) >= 0;
}

void FactBase::reserve(RelationId id, size_t more) {
    RelationFacts& r = mutableRelation(id);
    r.facts_.reserve(r.facts_.size() + more);
    r.reserve(r.facts_.size() + more);
}

bool FactBase::remove(const schema::Fact& fact) {
    ensureLoaded(fact.relation);
    auto it = relations_.find(fact.relation);
    if (it == relations_.end()) return false;
    RelationFacts& r = it->second;
    int64_t index = r.find(fact, slotHash(fact));
    if (index < 0) return false;
    // Later facts move down one place: their slots are rebuilt (retracting is rare).
    r.facts_.erase(r.facts_.begin() + index);
    r.rehash();
    r.indexes_.clear();
    r.version_ = RelationFacts::nextVersion();
    return true;
}

void FactBase::replace(RelationId id, const std::vector<schema::Fact>& facts) {
    ensureLoaded(id); // (not needed for the result, but keeps the map's entries as they were)
    relations_.erase(id);
    for (const schema::Fact& fact : facts)
        add(fact);
}

const RelationFacts& FactBase::relation(RelationId id) const {
    ensureLoaded(id);
    auto it = relations_.find(id);
    return it == relations_.end() ? empty_ : it->second;
}

size_t FactBase::totalSize() const {
    loadAll();
    size_t n = 0;
    for (const auto& [id, r] : relations_)
        n += r.size();
    return n;
}

} // namespace chipgraph::eval
