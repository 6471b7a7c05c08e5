// The orders of the store's bulk writes and loads (store/row_order.h), against plain sorts.
#include "store/row_order.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>

using namespace chipgraph;

TEST_CASE("sortByKey sorts rows as memcmp sorts their keys, a prefix first", "[store][order]") {
    std::mt19937 random(GENERATE(1u, 2u, 3u));
    std::vector<std::string> keys;
    // Short alphabets and lengths around the 8- and 16-byte prefixes, so that ties and
    // prefixes abound.
    std::uniform_int_distribution<int> length(1, 20), byte(1, 4);
    for (int i = 0; i < 2000; ++i) {
        std::string key(static_cast<size_t>(length(random)), '\1');
        for (char& c : key)
            c = static_cast<char>(byte(random) == 4 ? 0xF0 : byte(random));
        keys.push_back(key);
    }
    keys.push_back(keys[5] + "\2"); // one key extending another
    std::string buffer;
    std::vector<store::FactRow> rows;
    schema::Fact fact;
    fact.relation = 3;
    fact.source = 9;
    fact.valid = {10, 20};
    fact.status = schema::FactStatus::Expected;
    for (size_t i = 0; i < keys.size(); ++i) {
        size_t start = buffer.size();
        buffer += keys[i];
        rows.push_back(store::factRow(fact, static_cast<int64_t>(i), buffer, start));
    }
    store::sortByKey(rows, buffer);
    REQUIRE(rows.size() == keys.size());
    std::vector<std::string> sorted = keys;
    std::sort(sorted.begin(), sorted.end()); // std::string compares bytes as unsigned char
    for (size_t i = 0; i < rows.size(); ++i) {
        const store::FactRow& row = rows[i];
        CHECK(buffer.substr(row.keyStart, row.keyLength) == sorted[i]);
        CHECK(keys[static_cast<size_t>(row.id)] == sorted[i]); // the row moved whole
        CHECK((row.relation == 3 && row.source == 9 && row.from == 10 && row.to == 20));
        CHECK(row.status == schema::FactStatus::Expected);
    }
}

TEST_CASE("markRepeats keeps the first occurrence of each key", "[store][order]") {
    // Ids 100.. in the order given; sorted by key the repeats come in any order of ids.
    std::vector<std::string> keys = {"b", "a", "b", "c", "a", "b", "a"};
    std::string buffer;
    std::vector<store::FactRow> rows;
    for (size_t i = 0; i < keys.size(); ++i) {
        size_t start = buffer.size();
        buffer += keys[i];
        rows.push_back(
            store::factRow(schema::Fact{}, 100 + static_cast<int64_t>(i), buffer, start));
    }
    store::sortByKey(rows, buffer);
    std::vector<bool> repeats = store::markRepeats(rows, buffer, 100);
    CHECK(repeats == std::vector<bool>{false, false, true, false, true, true, true});
    std::reverse(rows.begin(), rows.end()); // a run's ids in the other order: the same answer
    std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
        return buffer.substr(a.keyStart, a.keyLength) < buffer.substr(b.keyStart, b.keyLength);
    });
    CHECK(store::markRepeats(rows, buffer, 100) == repeats);
}

TEST_CASE("idOrder sorts dense, sparse and repeated ids", "[store][order]") {
    CHECK(store::idOrder({}).empty());
    CHECK(store::idOrder({3, 1, 2}) == std::vector<uint32_t>{1, 2, 0});
    CHECK(store::idOrder({7, 5, 6, 4}) == std::vector<uint32_t>{3, 1, 2, 0});   // dense from 4
    CHECK(store::idOrder({1000000, 1, 500}) == std::vector<uint32_t>{1, 2, 0}); // far apart
    CHECK(store::idOrder({2, 1, 2, 0}) == std::vector<uint32_t>{3, 1, 0, 2});   // a repeat kept
    CHECK(store::idOrder({INT64_MAX, INT64_MIN, 0}) == std::vector<uint32_t>{1, 2, 0});
}
