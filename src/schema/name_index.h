#pragma once
// The catalog's index of names: case-folded name -> id, in one flat open-addressing table
// (linear probing, at most half full, deletion by backward shift). A lookup takes the name as
// written and folds it while hashing and comparing, so it builds no string, and a short name
// is found in one slot (its key inline), where std::unordered_map<std::string> took a hash,
// a division, a node and a string, and a folded copy of the name first.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::schema {

class NameIndex {
public:
    // The id of `name` (folded here: ASCII case only, as text::foldCase), or kNoId.
    int64_t find(std::string_view name) const;
    // Maps the folded `key` to `id` (replacing its id if present).
    void set(std::string key, int64_t id);
    // Removes the folded `key` if present.
    void erase(std::string_view key);
    size_t size() const { return size_; }

private:
    struct Slot {
        uint64_t hash = 0; // 0: empty (a real hash is made non-zero)
        int64_t id = 0;
        std::string key;
    };
    size_t slotOf(std::string_view name, uint64_t hash) const; // its slot, or an empty one
    void grow();
    std::vector<Slot> slots_;
    size_t size_ = 0;
};

} // namespace chipgraph::schema
