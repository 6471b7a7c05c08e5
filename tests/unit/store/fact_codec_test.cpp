// The text fact_key of schema version 6: values round-trip, equal facts (only those) give equal
// keys, since the UNIQUE index on it is what deduplicates stored facts, and no byte is 0.
#include "store/fact_codec.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <cmath>
#include <cstring>
#include <limits>

using namespace chipgraph;

namespace {

schema::Fact sample() {
    schema::Fact f;
    f.relation = 7;
    f.args = {Value::entity(123456),
              Value::text("a\x1f"
                          "b"),
              Value::number(Number::greater(3e6)), Value::number(Number::range(-1.5, 2.25))};
    f.qualifiers = {std::nullopt, Value::entity(-3), Value::number(Number::less(4))};
    f.valid = {-5, 20365};
    f.source = 42;
    f.status = schema::FactStatus::Rumored;
    return f;
}

schema::Fact shaped(const schema::Fact& like) {
    schema::Fact f;
    f.relation = like.relation;
    f.args.resize(like.args.size());
    f.qualifiers.resize(like.qualifiers.size());
    return f;
}

} // namespace

TEST_CASE("a fact key round-trips the values", "[store][codec]") {
    schema::Fact f = sample();
    std::string key = store::encodeFactKey(f);
    schema::Fact back = shaped(f);
    REQUIRE(store::decodeFactValues(key, back));
    CHECK(back.args == f.args);
    CHECK(back.qualifiers == f.qualifiers);

    std::string appended = "prefix";
    store::appendFactKey(appended, f);
    CHECK(appended == "prefix" + key);
}

TEST_CASE("fact keys differ exactly when the facts differ", "[store][codec]") {
    schema::Fact f = sample();
    std::string key = store::encodeFactKey(f);
    CHECK(store::encodeFactKey(sample()) == key);

    std::vector<schema::Fact> variants(8, f);
    variants[0].relation = 8;
    variants[1].args[0] = Value::entity(123457);
    variants[2].args[1] = Value::text("a\x1f"
                                      "c");
    variants[3].qualifiers[0] = Value::text("");
    variants[4].valid.from = kMinDay;
    variants[5].valid.to = kMaxDay;
    variants[6].source = kNoId;
    variants[7].status = schema::FactStatus::Actual;
    for (const schema::Fact& v : variants)
        CHECK(store::encodeFactKey(v) != key);

    schema::Fact zero = f, negativeZero = f;
    zero.args[2] = Value::number(Number::exact(0.0));
    negativeZero.args[2] = Value::number(Number::exact(-0.0));
    CHECK(store::encodeFactKey(zero) != store::encodeFactKey(negativeZero)); // as in FactBase
}

TEST_CASE("a truncated fact key is refused", "[store][codec][error]") {
    schema::Fact f = sample();
    std::string key = store::encodeFactKey(f);
    for (size_t cut : {size_t{0}, size_t{1}, size_t{4}, size_t{12}}) {
        schema::Fact back = shaped(f);
        CHECK_FALSE(store::decodeFactValues(std::string_view(key).substr(0, cut), back));
    }
}

TEST_CASE("a fact key has no zero byte, even for extreme values", "[store][codec]") {
    double nan;
    uint64_t ones = ~uint64_t{0};
    std::memcpy(&nan, &ones, sizeof nan); // all bits set: the varint of 2^64
    schema::Fact f;
    f.relation = 1;
    f.args = {Value::entity(0),
              Value::entity(std::numeric_limits<int64_t>::min()),
              Value::entity(std::numeric_limits<int64_t>::max()),
              Value::text(std::string("\0\x01\x02\0", 4)),
              Value::text(""),
              Value::number(Number::exact(0.0)),
              Value::number(Number::range(nan, -0.0))};
    f.qualifiers = {std::nullopt, Value::number(Number::exact(176000))};
    f.valid = {kMinDay, kMaxDay};
    f.source = kNoId;
    f.status = schema::FactStatus::Actual;
    std::string key = store::encodeFactKey(f);
    CHECK(key.find('\0') == std::string::npos);
    schema::Fact back = shaped(f);
    REQUIRE(store::decodeFactValues(key, back));
    CHECK(back.args[0] == f.args[0]);
    CHECK(back.args[1] == f.args[1]);
    CHECK(back.args[2] == f.args[2]);
    CHECK(back.args[3] == f.args[3]);
    CHECK(back.args[4] == f.args[4]);
    CHECK(back.args[5] == f.args[5]);
    CHECK(std::signbit(back.args[6].numberValue().hi));
    uint64_t bits;
    double lo = back.args[6].numberValue().lo;
    std::memcpy(&bits, &lo, sizeof bits);
    CHECK(bits == ones);
    CHECK(back.qualifiers == f.qualifiers);

    // A round number is short: its mantissa's zero low bytes are not written (a tag and 4 bytes
    // for each bound here, where version 5 wrote 8).
    schema::Fact none, small;
    small.args = {Value::number(Number::exact(176000))};
    CHECK(store::encodeFactKey(small).size() - store::encodeFactKey(none).size() == 9);
}

TEST_CASE("a fact key with a zero byte or a bad escape is refused", "[store][codec][error]") {
    schema::Fact f;
    f.relation = 1;
    f.args = {Value::text("ab")};
    std::string key = store::encodeFactKey(f);
    schema::Fact back = shaped(f);
    REQUIRE(store::decodeFactValues(key, back));
    std::string zero = key;
    zero[2] = '\0'; // the length varint (after the relation and the tag)
    CHECK_FALSE(store::decodeFactValues(zero, back));
    std::string escape = key;
    escape[3] = '\x01';
    escape[4] = '\x03';
    CHECK_FALSE(store::decodeFactValues(escape, back));
}

TEST_CASE("a fact key naming another relation is refused", "[store][codec][error]") {
    schema::Fact f = sample();
    std::string key = store::encodeFactKey(f);
    schema::Fact back = shaped(f);
    back.relation = f.relation + 1;
    CHECK_FALSE(store::decodeFactValues(key, back));
}

TEST_CASE("a relation's keys sort together", "[store][codec]") {
    // Relation ids of one and two varint bytes; values that would interleave them were the
    // relation not first.
    std::vector<std::pair<std::string, RelationId>> keys;
    for (RelationId relation : {1, 2, 129, 300})
        for (EntityId who : {1, 5, 1000, 70000}) {
            schema::Fact f;
            f.relation = relation;
            f.args = {Value::entity(who), Value::text(std::to_string(who))};
            keys.emplace_back(store::encodeFactKey(f), relation);
        }
    std::sort(keys.begin(), keys.end());
    std::set<RelationId> finished;
    for (size_t i = 1; i < keys.size(); ++i)
        if (keys[i].second != keys[i - 1].second) {
            CHECK(finished.insert(keys[i - 1].second).second);
            CHECK(finished.count(keys[i].second) == 0);
        }
}

TEST_CASE("an argument's bytes inside a key are its value's encoding, and self-delimiting",
          "[store][codec]") {
    schema::Fact f = sample();
    f.args[1] = Value::text(std::string("x\0y\x01z\xff", 6)); // escaped bytes, and 0xFF
    std::string key = store::encodeFactKey(f);
    for (size_t p = 0; p < f.args.size(); ++p) {
        std::string_view bytes;
        REQUIRE(store::argumentBytes(key, p, bytes));
        CHECK(bytes == store::encodeValue(f.args[p]));
    }
    std::string_view past;
    CHECK_FALSE(store::argumentBytes(key.substr(0, key.size() / 3), 3, past));
    // A text's bytes never start another's: "n1" is not a prefix of "n10" once encoded.
    std::string n1 = store::encodeValue(Value::text("n1"));
    std::string n10 = store::encodeValue(Value::text("n10"));
    CHECK(n10.compare(0, n1.size(), n1) != 0);
}

TEST_CASE("the end of a prefix range is the least string past every continuation",
          "[store][codec]") {
    CHECK(store::prefixEnd("ab") == "ac");
    CHECK(store::prefixEnd(std::string("a\xff\xff", 3)) == "b");
    CHECK(store::prefixEnd(std::string("\xff", 1)).empty());
    CHECK(store::prefixEnd("").empty());
}
