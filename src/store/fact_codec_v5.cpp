#include "store/fact_codec_v5.h"

#include "store/fact_values_reader.h"

#include <cstring>

namespace chipgraph::store {

namespace {

// Tag bytes of version 5; a number's tag is kNumber + its kind.
constexpr unsigned char kAbsent = 0, kEntity = 1, kText = 2, kNumber = 3;

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

bool decodeFactValuesV5(std::string_view key, schema::Fact& fact) {
    Reader reader{key};
    return readFactValues(reader, fact);
}

} // namespace chipgraph::store
