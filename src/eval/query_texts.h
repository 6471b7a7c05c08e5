#pragma once
// Internal to query_table.cpp: the texts of a result table that repeat across rows — an
// interval, a date, an entity's name, a set of sources — built once per query and found by
// open addressing; and every text a row sorts by, folded and ranked once, so that sorting
// compares integers, not strings.
#include "eval/query_answer.h"

#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace chipgraph::eval {

// Entries by a 64-bit key: open addressing over a flat array, entries in a deque (references
// stay valid). A node-based map costs a division and a pointer chase per lookup, and a table
// has a lookup per cell.
template <class T> class TextsByKey {
public:
    // The entry of `key`, and whether it was just created (empty).
    std::pair<T*, bool> find(uint64_t key) {
        // Rows in a row mostly share their dates and sources: the last key first.
        if (last_ && key == lastKey_) return {last_, false};
        auto found = probe(key);
        lastKey_ = key, last_ = found.first;
        return found;
    }

private:
    std::pair<T*, bool> probe(uint64_t key) {
        if ((entries_.size() + 1) * 2 > slots_.size()) grow();
        size_t mask = slots_.size() - 1;
        for (size_t i = mixed(key) & mask;; i = (i + 1) & mask) {
            Slot& slot = slots_[i];
            if (slot.index == kEmpty) {
                slot = {key, static_cast<uint32_t>(entries_.size())};
                return {&entries_.emplace_back(), true};
            }
            if (slot.key == key) return {&entries_[slot.index], false};
        }
    }

    static constexpr uint32_t kEmpty = UINT32_MAX;
    struct Slot {
        uint64_t key = 0;
        uint32_t index = kEmpty;
    };
    static size_t mixed(uint64_t key) {
        key ^= key >> 33;
        key *= 0xff51afd7ed558ccdULL;
        return static_cast<size_t>(key ^ (key >> 33));
    }
    void grow() {
        std::vector<Slot> old =
            std::exchange(slots_, std::vector<Slot>(std::max<size_t>(64, 2 * slots_.size())));
        size_t mask = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.index == kEmpty) continue;
            size_t i = mixed(slot.key) & mask;
            while (slots_[i].index != kEmpty)
                i = (i + 1) & mask;
            slots_[i] = slot;
        }
    }
    std::deque<T> entries_;
    std::vector<Slot> slots_;
    uint64_t lastKey_ = 0;
    T* last_ = nullptr; // the entry of lastKey_, if any
};

// Formatting an interval walks calendar periods, a date goes through snprintf; answers share
// few distinct ones (one per year, say), so each is formatted once per query.
class IntervalTexts {
public:
    const std::string& of(const Interval& valid);
    // A partial date's text and first day, found by its fields (which name its period).
    struct Date {
        std::string text;
        DayNumber firstDay = 0;
    };
    const Date& of(const PartialDate& date);

private:
    TextsByKey<std::string> texts_;
    TextsByKey<Date> dates_;
};

// Display texts of entities and source sets, and the slots of every text a row sorts by.
class DisplayTexts {
public:
    struct Texts {
        std::string display;
        uint32_t slot = 0;
    };
    const Texts& ofEntity(const Value& v, const schema::Catalog& catalog);
    // The slot of an entity's display text (ofEntity(v).slot): one array read, where the
    // entity's texts are a second cache miss.
    uint32_t entitySlot(const Value& v, const schema::Catalog& catalog);
    // Builds the texts of the entities among `values` ahead, in the order of their ids: the
    // catalog keeps its entities by id, so reading their names in that order is sequential,
    // where the answers' order is a cache miss or two per entity (100 000 entities: 100 ms).
    void nameEntities(const std::vector<Value>& values, const schema::Catalog& catalog);
    // The sources of set `id` (answers share a handful of sets).
    const Texts& ofSources(uint32_t id, const SourceSets& sets, const schema::Catalog& catalog);
    // The slot of `display`'s folded form (equal folded texts share a slot).
    uint32_t slotOf(const std::string& display);
    // Rank of each slot in folded-text order.
    std::vector<uint32_t> ranks() const;

private:
    void fill(Texts& texts, std::string display) {
        texts.slot = slotOf(display);
        texts.display = std::move(display);
    }
    void growSlots();
    // Entities by id: ids are the store's row ids, dense from 1, so an array indexed by id
    // finds one in a single read (a table of 100 000 answers reads one per entity cell, in no
    // order: a hash probe there is two cache misses). Ids from denseLimit_ on go to entities_:
    // a table of a few answers would otherwise clear an array as long as the largest id.
    static constexpr EntityId kDenseEntities = EntityId{1} << 22;
    EntityId denseLimit_ = 0; // set by nameEntities() from the number of values
    static constexpr uint32_t kNoTexts = UINT32_MAX, kWanted = UINT32_MAX - 1;
    struct DenseEntity {
        uint32_t texts = kNoTexts; // in entityTexts_; kWanted: to be built by nameEntities()
        uint32_t slot = 0;
    };
    std::vector<DenseEntity> denseEntities_;
    // The entry of `id` (0 < id < denseLimit_), the array grown to hold it.
    DenseEntity& dense(EntityId id) {
        if (static_cast<size_t>(id) >= denseEntities_.size())
            denseEntities_.resize(
                std::min<size_t>(denseLimit_, std::max<size_t>(id + 1, 2 * denseEntities_.size())));
        return denseEntities_[id];
    }
    std::deque<Texts> entityTexts_;
    TextsByKey<Texts> entities_;
    std::vector<std::optional<Texts>> sources_; // by source set id
    // Folded texts by slot, found by open addressing over (hash, slot) pairs: no node per text.
    std::vector<std::string> folded_;
    struct FoldedSlot {
        size_t hash = 0;
        uint32_t slot = UINT32_MAX;
    };
    std::vector<FoldedSlot> foldedSlots_;
};

} // namespace chipgraph::eval
