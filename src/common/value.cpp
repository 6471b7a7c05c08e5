#include "common/value.h"

#include <cstdio>
#include <cstdlib>

namespace chipgraph {

std::string formatNumber(double v) {
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    // Always source syntax (no exponent), and exact: the text reads back as the same double
    // and serves as part of fact keys.
    char buf[400];
    if (std::nearbyint(v) == v) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    for (int decimals = 1; decimals < 330; ++decimals) {
        std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
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

size_t Value::hash() const {
    switch (kind()) {
    case Kind::Entity:
        return std::hash<int64_t>()(entityId()) * 31 + 1;
    case Kind::Text:
        return std::hash<std::string>()(textValue()) * 31 + 2;
    case Kind::Number: {
        const Number& n = numberValue();
        return (std::hash<double>()(n.lo) ^ (std::hash<double>()(n.hi) << 1)) * 31 +
               static_cast<size_t>(n.kind) + 3;
    }
    }
    return 0;
}

std::string Value::key() const {
    switch (kind()) {
    case Kind::Entity:
        return "e" + std::to_string(entityId());
    case Kind::Text:
        return "t" + textValue();
    case Kind::Number:
        return "n" + numberValue().toString();
    }
    return {};
}

} // namespace chipgraph
