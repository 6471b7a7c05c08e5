#include "store/fact_codec.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

namespace chipgraph::store {

namespace {

// Tag bytes; a number's tag is kNumber + its kind. No tag is 0: no byte of a key is.
constexpr unsigned char kAbsent = 1, kEntity = 2, kText = 3, kNumber = 4;
// In text, 0 is written as kEscape 1 and kEscape itself as kEscape 2.
constexpr unsigned char kEscape = 1;

// The largest encoding of each part, so that a key is written into room reserved once.
constexpr size_t kMaxVarint = 10, kMaxTrailer = 4 * kMaxVarint + 1;

// LEB128 of v + 1, low group first: only the number 0 ends in a zero byte (every other byte
// has its continuation bit or a non-zero last group), so with the + 1 no byte is 0. v + 1 =
// 2^64 (v the largest uint64) is nine empty groups and a last group of 2.
char* putVarint(char* out, uint64_t v) {
    if (v == UINT64_MAX) {
        std::memset(out, 0x80, 9);
        out[9] = 2;
        return out + 10;
    }
    ++v;
    while (v >= 0x80) {
        *out++ = static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    *out++ = static_cast<char>(v);
    return out;
}

// Zigzag: small negative numbers (days before 1970) stay short too.
char* putSigned(char* out, int64_t v) {
    return putVarint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

// The bits as they are (FactBase tells facts apart by their numbers' bits too: 0 and -0
// differ, and store and memory must agree on what is a duplicate), bytes reversed so that
// the zero low bytes of a round number's mantissa become a short varint: 176000 takes 4 bytes.
char* putDouble(char* out, double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return putVarint(out, __builtin_bswap64(bits));
}

size_t maxValueSize(const Value& value) {
    return value.isText() ? 1 + kMaxVarint + 2 * value.textValue().size() : 1 + 2 * kMaxVarint;
}

char* putValue(char* out, const Value& value) {
    switch (value.kind()) {
    case Value::Kind::Entity:
        *out++ = static_cast<char>(kEntity);
        return putSigned(out, value.entityId());
    case Value::Kind::Text: {
        *out++ = static_cast<char>(kText);
        const std::string& text = value.textValue();
        out = putVarint(out, text.size());
        for (char c : text) {
            if (c == 0 || c == static_cast<char>(kEscape)) {
                *out++ = static_cast<char>(kEscape);
                c = static_cast<char>(c + 1);
            }
            *out++ = c;
        }
        return out;
    }
    case Value::Kind::Number: {
        const Number& n = value.numberValue();
        *out++ = static_cast<char>(kNumber + static_cast<int>(n.kind));
        out = putDouble(out, n.lo);
        return putDouble(out, n.hi);
    }
    }
    return out;
}

struct Reader {
    std::string_view in;
    bool ok = true;

    uint64_t varint() {
        uint64_t v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (in.empty()) break;
            auto byte = static_cast<unsigned char>(in.front());
            in.remove_prefix(1);
            if (shift == 63) { // the last group: 1 (bit 63) or 2 (2^64, see putVarint)
                if (byte == 1) return (v | uint64_t{1} << 63) - 1;
                if (byte == 2 && v == 0) return UINT64_MAX;
                break;
            }
            v |= static_cast<uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80)) {
                if (v == 0) break; // a 0 byte is never written
                return v - 1;
            }
        }
        ok = false;
        return 0;
    }
    int64_t signedVarint() {
        uint64_t v = varint();
        return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
    }
    double real() {
        uint64_t bits = __builtin_bswap64(varint());
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
    std::optional<Value> text() {
        uint64_t size = varint();
        std::string text;
        text.reserve(size < in.size() ? size : in.size());
        while (ok && text.size() < size) {
            if (in.empty()) {
                ok = false;
                break;
            }
            char c = in.front();
            in.remove_prefix(1);
            if (c == static_cast<char>(kEscape)) {
                if (in.empty() || (in.front() != 1 && in.front() != 2)) {
                    ok = false;
                    break;
                }
                c = static_cast<char>(in.front() - 1);
                in.remove_prefix(1);
            }
            text += c;
        }
        if (!ok) return std::nullopt;
        return Value::text(std::move(text));
    }
    // Steps over one value (an absent one included) without building it.
    void skipValue() {
        if (in.empty()) {
            ok = false;
            return;
        }
        auto tag = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        if (tag == kAbsent) return;
        if (tag == kEntity) {
            (void)varint();
        } else if (tag == kText) {
            uint64_t size = varint();
            for (uint64_t i = 0; ok && i < size; ++i) {
                if (in.empty())
                    ok = false;
                else if (in.front() == static_cast<char>(kEscape))
                    in.remove_prefix(std::min<size_t>(2, in.size()));
                else
                    in.remove_prefix(1);
            }
        } else if (tag >= kNumber && tag <= kNumber + static_cast<int>(NumberKind::Range)) {
            (void)varint();
            (void)varint();
        } else {
            ok = false;
        }
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
        if (tag == kText) return text();
        if (tag < kNumber || tag > kNumber + static_cast<int>(NumberKind::Range)) {
            ok = false;
            return std::nullopt;
        }
        auto kind = static_cast<NumberKind>(tag - kNumber);
        double lo = real();
        double hi = real();
        return Value::number({kind, lo, hi});
    }
};

// Reads a fact's arguments and qualifiers from the front of the reader's key.
bool readFactValues(Reader& reader, schema::Fact& fact) {
    for (Value& arg : fact.args) {
        std::optional<Value> v = reader.value();
        if (!v) return false;
        arg = std::move(*v);
    }
    for (auto& q : fact.qualifiers)
        q = reader.value();
    return reader.ok;
}

} // namespace

// Written through a pointer into room reserved for the largest encoding, then trimmed: a
// push_back per byte (a capacity check each) cost more than the rest of the encoding.
void appendFactKey(std::string& out, const schema::Fact& fact) {
    size_t room = kMaxTrailer;
    for (const Value& v : fact.args)
        room += maxValueSize(v);
    for (const auto& q : fact.qualifiers)
        room += q ? maxValueSize(*q) : 1;
    size_t start = out.size();
    out.resize(start + room);
    char* p = out.data() + start;
    p = putSigned(p, fact.relation);
    for (const Value& v : fact.args)
        p = putValue(p, v);
    for (const auto& q : fact.qualifiers)
        p = q ? putValue(p, *q) : (*p = static_cast<char>(kAbsent), p + 1);
    p = putSigned(p, fact.valid.from);
    p = putSigned(p, fact.valid.to);
    p = putSigned(p, fact.source);
    *p++ = static_cast<char>(static_cast<int>(fact.status) + 1); // FactStatus order is stored
    out.resize(static_cast<size_t>(p - out.data()));
}

std::string relationKeyPrefix(RelationId relation) {
    char bytes[kMaxVarint];
    return std::string(bytes, static_cast<size_t>(putSigned(bytes, relation) - bytes));
}

std::string encodeFactKey(const schema::Fact& fact) {
    std::string out;
    appendFactKey(out, fact);
    return out;
}

bool decodeFactValues(std::string_view key, schema::Fact& fact) {
    Reader reader{key};
    if (reader.signedVarint() != fact.relation || !reader.ok) return false;
    return readFactValues(reader, fact);
}

std::string encodeValue(const Value& value) {
    std::string out(maxValueSize(value), '\0');
    out.resize(static_cast<size_t>(putValue(out.data(), value) - out.data()));
    return out;
}

bool argumentBytes(std::string_view key, size_t position, std::string_view& out) {
    Reader reader{key};
    (void)reader.signedVarint(); // the relation
    for (size_t i = 0; i < position && reader.ok; ++i)
        reader.skipValue();
    const char* start = reader.in.data();
    reader.skipValue();
    if (!reader.ok) return false;
    out = std::string_view(start, static_cast<size_t>(reader.in.data() - start));
    return true;
}

std::string prefixEnd(std::string_view prefix) {
    std::string end(prefix);
    while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF)
        end.pop_back();
    if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
    return end;
}

} // namespace chipgraph::store
