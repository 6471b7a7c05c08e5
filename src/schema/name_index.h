#pragma once
// The catalog's index of names: case-folded name -> id, in one flat open-addressing table
// (linear probing, at most half full, deletion by backward shift). A lookup takes the name as
// written and folds it while hashing and comparing, so it builds no string.
//
// A slot is 32 bytes, two to a cache line, and holds a key of up to 16 bytes inline (longer
// ones live in a side list): a lookup of a short name touches one line. The 48-byte slot of a
// std::string key straddled two lines every other slot and made the table of a bulk import's
// few hundred thousand names half as large again.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::schema {

class NameIndex {
public:
    // The id of `name` (folded here: ASCII case only, as text::foldCase), or kNoId.
    int64_t find(std::string_view name) const;
    // Starts loading the slot where find(name) begins into the cache (a bulk of lookups
    // issues these ahead: a large index misses the cache on nearly every lookup).
    void prefetch(std::string_view name) const;
    // Maps the folded `key` to `id` (replacing its id if present).
    void set(std::string key, int64_t id);
    // Removes the folded `key` if present.
    void erase(std::string_view key);
    size_t size() const { return size_; }

private:
    static constexpr size_t kInline = 16; // the longest key kept in its slot
    struct Slot {
        uint32_t hash = 0; // the hash's low bits, which choose the home slot; 0: empty
        uint32_t length = 0;
        int64_t id = 0;
        char key[kInline] = {}; // the key if length <= kInline, else its index in longKeys_
    };
    static_assert(sizeof(Slot) == 32, "two slots to a cache line");
    std::string_view keyOf(const Slot& slot) const;
    size_t slotOf(std::string_view name, uint32_t hash) const; // its slot, or an empty one
    void storeKey(Slot& slot, std::string_view key);
    void dropKey(const Slot& slot);
    void grow();
    std::vector<Slot> slots_;
    std::vector<std::string> longKeys_;
    std::vector<uint32_t> freeLongKeys_; // entries of longKeys_ an erase left unused
    size_t size_ = 0;
};

} // namespace chipgraph::schema
