#include "store/fact_codec.h"

#include <cstring>

namespace chipgraph::store {

namespace {

// Tag bytes; a number's tag is kNumber + its kind.
constexpr unsigned char kAbsent = 0, kEntity = 1, kText = 2, kNumber = 3;

void putVarint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

// Zigzag: small negative numbers (kNoId, days before 1970) stay short too.
void putSigned(std::string& out, int64_t v) {
    putVarint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

// The bits as they are: FactBase tells facts apart by their numbers' bits too (0 and -0
// differ), and store and memory must agree on what is a duplicate.
void putDouble(std::string& out, double v) {
    char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    out.append(bytes, sizeof v);
}

void putValue(std::string& out, const Value& value) {
    switch (value.kind()) {
    case Value::Kind::Entity:
        out += static_cast<char>(kEntity);
        putSigned(out, value.entityId());
        break;
    case Value::Kind::Text:
        out += static_cast<char>(kText);
        putVarint(out, value.textValue().size());
        out += value.textValue();
        break;
    case Value::Kind::Number: {
        const Number& n = value.numberValue();
        out += static_cast<char>(kNumber + static_cast<int>(n.kind));
        putDouble(out, n.lo);
        putDouble(out, n.hi);
        break;
    }
    }
}

struct Reader {
    std::string_view in;
    bool ok = true;

    uint64_t varint() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (in.empty()) break;
            auto byte = static_cast<unsigned char>(in.front());
            in.remove_prefix(1);
            v |= static_cast<uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return v;
        }
        ok = false;
        return 0;
    }
    int64_t signedVarint() {
        uint64_t v = varint();
        return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
    }
    double real() {
        double v = 0;
        if (in.size() < sizeof v) {
            ok = false;
            return 0;
        }
        std::memcpy(&v, in.data(), sizeof v);
        in.remove_prefix(sizeof v);
        return v;
    }
    // An absent value (qualifiers only) is std::nullopt.
    std::optional<Value> value() {
        if (in.empty()) {
            ok = false;
            return std::nullopt;
        }
        auto tag = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        if (tag == kAbsent) return std::nullopt;
        if (tag == kEntity) return Value::entity(signedVarint());
        if (tag == kText) {
            uint64_t size = varint();
            if (size > in.size()) {
                ok = false;
                return std::nullopt;
            }
            std::string text(in.substr(0, size));
            in.remove_prefix(size);
            return Value::text(std::move(text));
        }
        if (tag > kNumber + static_cast<int>(NumberKind::Range)) {
            ok = false;
            return std::nullopt;
        }
        auto kind = static_cast<NumberKind>(tag - kNumber);
        double lo = real();
        double hi = real();
        return Value::number({kind, lo, hi});
    }
};

} // namespace

void appendFactKey(std::string& out, const schema::Fact& fact) {
    for (const Value& v : fact.args)
        putValue(out, v);
    for (const auto& q : fact.qualifiers) {
        if (q)
            putValue(out, *q);
        else
            out += static_cast<char>(kAbsent);
    }
    putSigned(out, fact.relation);
    putSigned(out, fact.valid.from);
    putSigned(out, fact.valid.to);
    putSigned(out, fact.source);
    out += static_cast<char>(fact.status); // FactStatus order is part of the stored format
}

std::string encodeFactKey(const schema::Fact& fact) {
    std::string out;
    out.reserve(16 + 5 * (fact.args.size() + fact.qualifiers.size()));
    appendFactKey(out, fact);
    return out;
}

bool decodeFactValues(std::string_view key, schema::Fact& fact) {
    Reader reader{key};
    for (Value& arg : fact.args) {
        std::optional<Value> v = reader.value();
        if (!v) return false;
        arg = std::move(*v);
    }
    for (auto& q : fact.qualifiers)
        q = reader.value();
    return reader.ok;
}

} // namespace chipgraph::store
