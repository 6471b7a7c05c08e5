#pragma once
// Catalog items by id, for ids that are dense (the catalog gives max + 1; the store hands back
// the ids it saved): a slot per id in a vector instead of a std::unordered_map, so adding one
// allocates no node and never rehashes (an import creates hundreds of thousands of entities),
// and a lookup by id reads one vector entry instead of a bucket chain. Items live in a deque:
// references stay valid as more are added (callers keep pointers to them). An id far from the
// dense range (negative, from a database written by hand, or read on demand before the ids
// below it: schema/catalog_lazy.cpp) goes to a small hash map.
#include "common/value.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chipgraph::schema {

// `Info` has an `int64_t id`; kNoId marks an erased item.
template <class Info> class DenseTable {
public:
    const Info* find(int64_t id) const {
        uint32_t slot = slotOf(id);
        return slot == kNone ? nullptr : &items_[slot];
    }
    const Info& at(int64_t id) const {
        if (const Info* info = find(id)) return *info;
        throw std::out_of_range("no catalog item with id " + std::to_string(id));
    }
    Info& at(int64_t id) { return const_cast<Info&>(std::as_const(*this).at(id)); }
    size_t size() const { return live_; }

    // Stores `info` under info.id, replacing the item with that id if there is one.
    void put(Info info) {
        int64_t id = info.id;
        if (uint32_t slot = slotOf(id); slot != kNone) {
            items_[slot] = std::move(info);
            return;
        }
        items_.push_back(std::move(info));
        auto slot = static_cast<uint32_t>(items_.size() - 1);
        ++live_;
        if (id >= 0 && static_cast<uint64_t>(id) <= 2 * items_.size() + 1024) {
            if (static_cast<size_t>(id) >= dense_.size())
                dense_.resize(std::max(static_cast<size_t>(id) + 1, 2 * dense_.size()), kNone);
            dense_[static_cast<size_t>(id)] = slot;
        } else {
            far_[id] = slot;
        }
    }

    // Removes the item with `id`, if any. The catalog undoes additions newest first, so the
    // item is usually the last one and its place is freed; otherwise it stays as a gap.
    void erase(int64_t id) {
        uint32_t slot = slotOf(id);
        if (slot == kNone) return;
        if (id >= 0 && static_cast<size_t>(id) < dense_.size() &&
            dense_[static_cast<size_t>(id)] == slot)
            dense_[static_cast<size_t>(id)] = kNone;
        else // a far id (the dense range may have grown past it since)
            far_.erase(id);
        items_[slot] = Info{};
        --live_;
        while (!items_.empty() && items_.back().id == kNoId)
            items_.pop_back();
    }

    // Iteration over the items (in the order they were added, gaps skipped) as (id, item)
    // pairs, like a map's.
    class Iterator {
    public:
        Iterator(const std::deque<Info>& items, size_t at) : items_(&items), at_(at) { skip(); }
        std::pair<int64_t, const Info&> operator*() const {
            return {(*items_)[at_].id, (*items_)[at_]};
        }
        Iterator& operator++() {
            ++at_;
            skip();
            return *this;
        }
        bool operator!=(const Iterator& other) const { return at_ != other.at_; }

    private:
        void skip() {
            while (at_ < items_->size() && (*items_)[at_].id == kNoId)
                ++at_;
        }
        const std::deque<Info>* items_;
        size_t at_;
    };
    Iterator begin() const { return Iterator(items_, 0); }
    Iterator end() const { return Iterator(items_, items_.size()); }

private:
    static constexpr uint32_t kNone = UINT32_MAX;
    uint32_t slotOf(int64_t id) const {
        if (id >= 0 && static_cast<size_t>(id) < dense_.size()) {
            uint32_t slot = dense_[static_cast<size_t>(id)];
            if (slot != kNone || far_.empty()) return slot;
        }
        auto it = far_.find(id);
        return it == far_.end() ? kNone : it->second;
    }

    std::deque<Info> items_;
    std::vector<uint32_t> dense_; // slot by id, for ids below dense_.size()
    std::unordered_map<int64_t, uint32_t> far_;
    size_t live_ = 0;
};

} // namespace chipgraph::schema
