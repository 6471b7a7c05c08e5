// The binary fact_key of schema version 4: values round-trip, and equal facts (only those)
// give equal keys, since the UNIQUE index on it is what deduplicates stored facts.
#include "store/fact_codec.h"

#include <catch2/catch.hpp>

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
