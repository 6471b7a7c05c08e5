#include "schema/name_index.h"

#include "common/value.h"

#include <cstring>

namespace chipgraph::schema {

namespace {

char fold(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// FNV-1a over the folded bytes, then mixed so that the low bits (the slot) depend on all.
uint32_t hashFolded(std::string_view name) {
    uint64_t h = 14695981039346656037ull;
    for (char c : name)
        h = (h ^ static_cast<unsigned char>(fold(c))) * 1099511628211ull;
    h = (h ^ (h >> 32)) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    auto low = static_cast<uint32_t>(h);
    return low ? low : 1; // never 0, the empty slot's mark
}

bool equalFolded(std::string_view key, std::string_view name) {
    if (key.size() != name.size()) return false;
    for (size_t i = 0; i < key.size(); ++i)
        if (key[i] != fold(name[i])) return false;
    return true;
}

uint32_t longIndex(const char* key) {
    uint32_t index;
    std::memcpy(&index, key, sizeof index);
    return index;
}

} // namespace

std::string_view NameIndex::keyOf(const Slot& slot) const {
    if (slot.length <= kInline) return {slot.key, slot.length};
    return longKeys_[longIndex(slot.key)];
}

size_t NameIndex::slotOf(std::string_view name, uint32_t hash) const {
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& slot = slots_[i];
        if (slot.hash == 0 ||
            (slot.hash == hash && slot.length == name.size() && equalFolded(keyOf(slot), name)))
            return i;
    }
}

int64_t NameIndex::find(std::string_view name) const {
    if (size_ == 0) return kNoId;
    const Slot& slot = slots_[slotOf(name, hashFolded(name))];
    return slot.hash == 0 ? kNoId : slot.id;
}

void NameIndex::prefetch(std::string_view name) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hashFolded(name) & (slots_.size() - 1)]);
}

void NameIndex::storeKey(Slot& slot, std::string_view key) {
    slot.length = static_cast<uint32_t>(key.size());
    if (key.size() <= kInline) {
        std::memcpy(slot.key, key.data(), key.size());
        return;
    }
    uint32_t index;
    if (freeLongKeys_.empty()) {
        index = static_cast<uint32_t>(longKeys_.size());
        longKeys_.emplace_back(key);
    } else {
        index = freeLongKeys_.back();
        freeLongKeys_.pop_back();
        longKeys_[index] = key;
    }
    std::memcpy(slot.key, &index, sizeof index);
}

void NameIndex::dropKey(const Slot& slot) {
    if (slot.length <= kInline) return;
    uint32_t index = longIndex(slot.key);
    longKeys_[index] = std::string();
    freeLongKeys_.push_back(index);
}

void NameIndex::set(std::string key, int64_t id) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    uint32_t hash = hashFolded(key);
    Slot& slot = slots_[slotOf(key, hash)];
    if (slot.hash == 0) {
        slot.hash = hash;
        storeKey(slot, key);
        ++size_;
    }
    slot.id = id;
}

// Backward shift: the entries after the hole that probed past it move up, so that no probe
// ever stops early at the hole (no tombstones).
void NameIndex::erase(std::string_view key) {
    if (size_ == 0) return;
    size_t mask = slots_.size() - 1;
    size_t hole = slotOf(key, hashFolded(key));
    if (slots_[hole].hash == 0) return;
    dropKey(slots_[hole]);
    for (size_t i = (hole + 1) & mask; slots_[i].hash != 0; i = (i + 1) & mask) {
        size_t home = slots_[i].hash & mask;
        // Moves when its home is not in (hole, i], cyclically.
        bool stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
        if (stays) continue;
        slots_[hole] = slots_[i];
        hole = i;
    }
    slots_[hole] = Slot{};
    --size_;
}

void NameIndex::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : 2 * old.size(), Slot{});
    size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.hash == 0) continue;
        size_t i = slot.hash & mask;
        while (slots_[i].hash != 0)
            i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

} // namespace chipgraph::schema
