// The catalog's flat name index: case-folded lookups, replacement, and deletion by backward
// shift checked against a std::map through many collisions and wrap-arounds, with keys short
// enough to sit in their slot and longer ones kept aside.
#include "schema/name_index.h"

#include "common/value.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <map>
#include <random>

using namespace chipgraph;
using schema::NameIndex;

TEST_CASE("a name index finds names case-insensitively, ASCII only", "[catalog][names]") {
    NameIndex index;
    CHECK(index.find("x") == kNoId);
    index.set("acme corp", 1);
    index.set("\xc3\xa9tude", 2); // é: not folded
    CHECK(index.find("ACME Corp") == 1);
    CHECK(index.find("acme") == kNoId);
    CHECK(index.find("\xc3\xa9TUDE") == 2);
    CHECK(index.find("\xc3\x89tude") == kNoId);
    index.set("acme corp", 3);
    CHECK(index.find("acme corp") == 3);
    CHECK(index.size() == 2);
    index.erase("acme corp");
    index.erase("acme corp");
    CHECK(index.find("Acme Corp") == kNoId);
    CHECK(index.size() == 1);
}

namespace {

// Random sets and erases of keyOf(0 .. keys - 1), checked against a std::map every 1000 steps
// by probing every key with its first letter upper-cased (lookups fold case).
template <class KeyOf> void checkAgainstMap(unsigned seed, unsigned keys, KeyOf keyOf) {
    NameIndex index;
    std::map<std::string, int64_t> reference;
    std::mt19937 random(seed);
    for (int step = 0; step < 20000; ++step) {
        std::string key = keyOf(random() % keys);
        if (random() % 3 == 0) {
            index.erase(key);
            reference.erase(key);
        } else {
            index.set(key, step + 1);
            reference[key] = step + 1;
        }
        if (step % 1000 == 0 || step == 19999) {
            REQUIRE(index.size() == reference.size());
            for (unsigned k = 0; k < keys; ++k) {
                std::string probe = keyOf(k);
                auto it = reference.find(probe);
                probe[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(probe[0])));
                REQUIRE(index.find(probe) == (it == reference.end() ? kNoId : it->second));
            }
        }
    }
}

} // namespace

TEST_CASE("a name index agrees with a map through inserts and erases", "[catalog][names]") {
    checkAgainstMap(7, 3000, [](unsigned k) { return "n" + std::to_string(k); });
}

TEST_CASE("a name index keeps keys of any length, around the inline limit", "[catalog][names]") {
    NameIndex index;
    std::string sixteen(16, 'k'), seventeen(17, 'k'), long1 = "a rather long entity name, 1",
                                                      long2 = "a rather long entity name, 2";
    index.set("", 1);
    index.set(sixteen, 2);
    index.set(seventeen, 3);
    index.set(long1, 4);
    index.set(long2, 5);
    CHECK(index.find("") == 1);
    CHECK(index.find(std::string(16, 'K')) == 2);
    CHECK(index.find(std::string(17, 'K')) == 3);
    CHECK(index.find(std::string(15, 'k')) == kNoId);
    CHECK(index.find(std::string(18, 'k')) == kNoId);
    CHECK(index.find("A Rather Long Entity Name, 1") == 4);
    CHECK(index.find("a rather long entity name, 3") == kNoId);
    index.erase(long1);
    CHECK(index.find(long1) == kNoId);
    CHECK(index.find(long2) == 5);
    index.set("another name longer than sixteen", 6); // reuses the erased key's place
    CHECK(index.find("ANOTHER name longer than sixteen") == 6);
    CHECK(index.find(long2) == 5);
    NameIndex copy = index;
    copy.erase(long2);
    CHECK(copy.find(long2) == kNoId);
    CHECK(index.find(long2) == 5);
    CHECK(index.size() == 5);
}

TEST_CASE("a name index with long keys agrees with a map through inserts and erases",
          "[catalog][names]") {
    checkAgainstMap(11, 2000, [](unsigned k) {
        return (k % 2 ? "entity with a long name " : "e") + std::to_string(k);
    });
}
