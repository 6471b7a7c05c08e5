// The catalog's table of items by dense id (schema/dense_table.h): lookups, replacement,
// erasure at the end and in the middle, ids far from the dense range, stable references.
#include "schema/dense_table.h"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>

using namespace chipgraph;

namespace {

struct Item {
    int64_t id = kNoId;
    std::string name;
};

std::map<int64_t, std::string> contents(const schema::DenseTable<Item>& table) {
    std::map<int64_t, std::string> out;
    for (const auto& [id, item] : table)
        out[id] = item.name;
    return out;
}

} // namespace

TEST_CASE("a dense table finds, replaces and erases items by id", "[catalog][dense]") {
    schema::DenseTable<Item> table;
    CHECK(table.find(1) == nullptr);
    CHECK_THROWS_AS(table.at(1), std::out_of_range);
    table.put({1, "a"});
    table.put({2, "b"});
    table.put({3, "c"});
    table.put({2, "B"}); // replaces
    CHECK(table.size() == 3);
    CHECK(table.at(2).name == "B");
    table.erase(2); // in the middle: a gap
    CHECK(table.find(2) == nullptr);
    CHECK(table.size() == 2);
    CHECK(contents(table) == std::map<int64_t, std::string>{{1, "a"}, {3, "c"}});
    table.erase(3); // the last: freed, and the gap before it too
    table.erase(7); // not there
    table.put({4, "d"});
    CHECK(contents(table) == std::map<int64_t, std::string>{{1, "a"}, {4, "d"}});
}

TEST_CASE("a dense table keeps far ids apart and references stable", "[catalog][dense]") {
    schema::DenseTable<Item> table;
    table.put({-5, "negative"});
    table.put({1000000000000, "far"});
    table.put({5000, "far at first"}); // beyond the dense range of a near-empty table
    const Item* first = &table.at(-5);
    for (int64_t id = 1; id <= 6000; ++id) // the dense range grows past 5000
        if (id != 5000) table.put({id, "n" + std::to_string(id)});
    CHECK(first == &table.at(-5)); // not moved by the additions
    CHECK(table.at(5000).name == "far at first");
    CHECK(table.at(1000000000000).name == "far");
    CHECK(table.size() == 6002);
    table.put({5000, "replaced"});
    CHECK(table.at(5000).name == "replaced");
    table.erase(5000);
    CHECK(table.find(5000) == nullptr);
    table.put({5000, "again"});
    CHECK(table.at(5000).name == "again");
    CHECK(table.size() == 6002);
}

TEST_CASE("a dense table agrees with a map through random puts and erases", "[catalog][dense]") {
    schema::DenseTable<Item> table;
    std::map<int64_t, std::string> reference;
    std::mt19937 random(5);
    for (int step = 0; step < 20000; ++step) {
        int64_t id = random() % 10 == 0 ? static_cast<int64_t>(random()) - 2000000000
                                        : static_cast<int64_t>(random() % 3000) + 1;
        if (id == kNoId) continue;
        if (random() % 4 == 0) {
            table.erase(id);
            reference.erase(id);
        } else {
            table.put({id, std::to_string(step)});
            reference[id] = std::to_string(step);
        }
    }
    CHECK(contents(table) == reference);
    CHECK(table.size() == reference.size());
    schema::DenseTable<Item> copy = table;
    copy.erase(reference.begin()->first);
    CHECK(contents(table) == reference); // copies are independent
}
