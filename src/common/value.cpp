#include "common/value.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace chipgraph {

std::string formatNumber(double v) {
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    // Always source syntax (no exponent), and exact: the text reads back as the same double
    // and serves as part of fact keys. std::to_chars, not snprintf: this runs per result cell.
    char buf[400];
    if (std::nearbyint(v) == v) {
        // Integers print all their digits ("%.0f"); -0 keeps its sign.
        if (std::fabs(v) < 9.2e18 && !(v == 0 && std::signbit(v))) {
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v));
            return std::string(buf, end);
        }
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    // The shortest fixed-point text that reads back as `v`: the fewest decimals.
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, end);
}

double Number::sortKey() const {
    switch (kind) {
    case NumberKind::Greater:
        return lo;
    case NumberKind::Less:
        return hi;
    case NumberKind::Range:
        return (lo + hi) / 2;
    default:
        return lo;
    }
}

std::string Number::toString() const {
    switch (kind) {
    case NumberKind::Exact:
        return formatNumber(lo);
    case NumberKind::Approx:
        return "~" + formatNumber(lo);
    case NumberKind::Greater:
        return ">" + formatNumber(lo);
    case NumberKind::Less:
        return "<" + formatNumber(hi);
    case NumberKind::Range:
        return formatNumber(lo) + ".." + formatNumber(hi);
    }
    return {};
}

// The kind of a computed number: exact stays exact, approximate spreads, and otherwise the
// bounds decide (open below: "<", open above: ">", both finite: a range).
static Number classify(double lo, double hi, bool exact, bool approx) {
    if (exact && lo == hi) return Number::exact(lo);
    if (approx && lo == hi) return Number::approx(lo);
    if (std::isinf(lo) && std::isinf(hi)) return Number::range(lo, hi);
    if (std::isinf(hi)) return Number::greater(lo);
    if (std::isinf(lo)) return Number::less(hi);
    return Number::range(lo, hi);
}

static bool pointLike(const Number& n) {
    return n.kind == NumberKind::Exact || n.kind == NumberKind::Approx;
}

static Number combine(const Number& a, const Number& b, double lo, double hi) {
    // Bounds that meet pin the result down (min(>5, 3) is 3, 0 * >5 is 0): a point, approximate
    // only if an approximate operand went into it.
    if (lo == hi && !std::isinf(lo))
        return a.kind == NumberKind::Approx || b.kind == NumberKind::Approx ? Number::approx(lo)
                                                                            : Number::exact(lo);
    bool exact = a.kind == NumberKind::Exact && b.kind == NumberKind::Exact;
    bool approx = pointLike(a) && pointLike(b);
    return classify(lo, hi, exact, approx);
}

Number addNumbers(const Number& a, const Number& b) {
    return combine(a, b, a.lo + b.lo, a.hi + b.hi);
}

Number subtractNumbers(const Number& a, const Number& b) {
    return combine(a, b, a.lo - b.hi, a.hi - b.lo);
}

// Products of interval ends; 0 * inf counts as 0 (a zero factor stays zero).
static double product(double x, double y) {
    return x == 0 || y == 0 ? 0 : x * y;
}

Number multiplyNumbers(const Number& a, const Number& b) {
    double p[] = {product(a.lo, b.lo), product(a.lo, b.hi), product(a.hi, b.lo),
                  product(a.hi, b.hi)};
    return combine(a, b, *std::min_element(p, p + 4), *std::max_element(p, p + 4));
}

Number squareNumber(const Number& a) {
    double lo = product(a.lo, a.lo), hi = product(a.hi, a.hi);
    double low = a.lo <= 0 && a.hi >= 0 ? 0 : std::min(lo, hi);
    return combine(a, a, low, std::max(lo, hi));
}

std::optional<Number> divideNumbers(const Number& a, const Number& b) {
    if (b.lo <= 0 && b.hi >= 0) return std::nullopt;
    Number inverse = b;
    inverse.lo = 1 / b.hi;
    inverse.hi = 1 / b.lo;
    return multiplyNumbers(a, inverse);
}

Number minNumbers(const Number& a, const Number& b) {
    return combine(a, b, std::min(a.lo, b.lo), std::min(a.hi, b.hi));
}

Number maxNumbers(const Number& a, const Number& b) {
    return combine(a, b, std::max(a.lo, b.lo), std::max(a.hi, b.hi));
}

// Digits with at most a leading '-' and a '.': std::from_chars, which rounds as strtod does
// without its locale and copy (a tenth of the cost). The rest (underscores, exponents, "+") goes
// through strtod.
static std::optional<double> parseDecimal(std::string_view text) {
    for (char c : text)
        if ((c < '0' || c > '9') && c != '-' && c != '.') return std::nullopt;
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

static std::optional<double> parsePlain(std::string_view text) {
    if (auto v = parseDecimal(text)) return v;
    std::string digits;
    for (char c : text)
        if (c != '_') digits += c;
    if (digits.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(digits.c_str(), &end);
    if (end != digits.c_str() + digits.size() || std::isnan(v) || std::isinf(v))
        return std::nullopt;
    return v;
}

std::optional<Number> parseNumber(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    char first = text.front();
    if (first == '~' || first == '>' || first == '<') {
        auto v = parsePlain(text.substr(1));
        if (!v) return std::nullopt;
        return first == '~'   ? Number::approx(*v)
               : first == '>' ? Number::greater(*v)
                              : Number::less(*v);
    }
    if (size_t dots = text.find(".."); dots != std::string_view::npos) {
        auto lo = parsePlain(text.substr(0, dots));
        auto hi = parsePlain(text.substr(dots + 2));
        if (!lo || !hi || *lo > *hi) return std::nullopt;
        return Number::range(*lo, *hi);
    }
    auto v = parsePlain(text);
    if (!v) return std::nullopt;
    return Number::exact(*v);
}

size_t Value::hash() const {
    switch (kind()) {
    case Kind::Entity:
        return std::hash<int64_t>()(entityId()) * 31 + 1;
    case Kind::Text:
        return std::hash<std::string>()(textValue()) * 31 + 2;
    case Kind::Number: {
        // The bounds' bits, multiplied in: std::hash<double> hashes the bytes (a call per bound),
        // and numbers are hashed per derived row. -0 == 0, so they hash alike.
        const Number& n = numberValue();
        auto bits = [](double v) {
            uint64_t b;
            v = v == 0 ? 0.0 : v;
            std::memcpy(&b, &v, sizeof b);
            return b;
        };
        uint64_t h = bits(n.lo) * 0x9e3779b97f4a7c15ULL ^ bits(n.hi) * 0xc2b2ae3d27d4eb4fULL;
        return static_cast<size_t>((h ^ (h >> 29)) * 31 + static_cast<size_t>(n.kind) + 3);
    }
    }
    return 0;
}

std::string Value::key() const {
    std::string out;
    appendKey(out);
    return out;
}

void Value::appendKey(std::string& out) const {
    switch (kind()) {
    case Kind::Entity: {
        char buf[24];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, entityId());
        out += 'e';
        out.append(buf, end);
        return;
    }
    case Kind::Text:
        out += 't';
        out += textValue();
        return;
    case Kind::Number:
        out += 'n';
        out += numberValue().toString();
        return;
    }
}

} // namespace chipgraph
