#pragma once
// Values stored in relation columns: entity references, text and numbers. Numbers keep the
// analyst's precision: exact, approximate (~), bounded (>, <) or a range (a..b).
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace chipgraph {

using EntityId = int64_t;
using TypeId = int64_t;
using RelationId = int64_t;
using SourceId = int64_t;
constexpr int64_t kNoId = 0;

enum class NumberKind { Exact, Approx, Greater, Less, Range };

struct Number {
    NumberKind kind = NumberKind::Exact;
    double lo = 0; // Greater: the (exclusive) lower bound; Less: -inf
    double hi = 0; // Less: the (exclusive) upper bound; Greater: +inf

    static Number exact(double v) { return {NumberKind::Exact, v, v}; }
    static Number approx(double v) { return {NumberKind::Approx, v, v}; }
    static Number greater(double v) {
        return {NumberKind::Greater, v, std::numeric_limits<double>::infinity()};
    }
    static Number less(double v) {
        return {NumberKind::Less, -std::numeric_limits<double>::infinity(), v};
    }
    static Number range(double a, double b) { return {NumberKind::Range, a, b}; }

    // A representative value for ordering: the bound, the midpoint of a range.
    double sortKey() const;
    // Source syntax: 4614, ~2000000, >3000000, <50000, 10000..50000.
    std::string toString() const;
    bool operator==(const Number&) const = default;
};

// Parses a number in the language's syntax: 4614, 3_000_000, -1.5, ~2000000, >3000000,
// <50000, 10000..50000. Surrounding spaces are ignored.
std::optional<Number> parseNumber(std::string_view text);

// Arithmetic that carries the analyst's precision: bounds combine as intervals (>3000000 plus
// 1000000 is >4000000), exact with approximate is approximate. Division by a number whose
// range includes zero has no result.
Number addNumbers(const Number& a, const Number& b);
Number subtractNumbers(const Number& a, const Number& b);
Number multiplyNumbers(const Number& a, const Number& b);
std::optional<Number> divideNumbers(const Number& a, const Number& b);
// The square of one quantity (not of two independent ones): -1..2 squared is 0..4, <5 is 0..25.
Number squareNumber(const Number& a);
Number minNumbers(const Number& a, const Number& b);
Number maxNumbers(const Number& a, const Number& b);

// Formats a double in source syntax: no trailing ".0", no exponent, and the fewest decimals
// that read back as the same double (4614, 4.9, 1000000000000000, 0.00001).
std::string formatNumber(double v);

struct EntityRef {
    EntityId id = kNoId;
    bool operator==(const EntityRef&) const = default;
};

class Value {
public:
    enum class Kind { Entity, Text, Number };

    Value() : data_(EntityRef{}) {}
    static Value entity(EntityId id) { return Value(EntityRef{id}); }
    static Value text(std::string s) { return Value(std::move(s)); }
    static Value number(Number n) { return Value(n); }

    Kind kind() const { return static_cast<Kind>(data_.index()); }
    bool isEntity() const { return kind() == Kind::Entity; }
    bool isText() const { return kind() == Kind::Text; }
    bool isNumber() const { return kind() == Kind::Number; }
    EntityId entityId() const { return std::get<EntityRef>(data_).id; }
    const std::string& textValue() const { return std::get<std::string>(data_); }
    const Number& numberValue() const { return std::get<Number>(data_); }

    bool operator==(const Value& other) const = default;
    size_t hash() const;
    // A canonical string used in fact keys (dedup) and stable ordering.
    std::string key() const;
    // Appends key() to `out` (no temporary string).
    void appendKey(std::string& out) const;

private:
    explicit Value(EntityRef e) : data_(e) {}
    explicit Value(std::string s) : data_(std::move(s)) {}
    explicit Value(Number n) : data_(n) {}
    std::variant<EntityRef, std::string, Number> data_;
};

struct ValueHash {
    size_t operator()(const Value& v) const { return v.hash(); }
};

} // namespace chipgraph
