#include "schema/fact.h"

#include "common/text.h"

#include <charconv>

namespace chipgraph::schema {

static const char* const kStatusNames[] = {"actual",   "reported", "expected",
                                           "forecast", "rumored",  "view"};

const char* statusName(FactStatus status) {
    return kStatusNames[static_cast<int>(status)];
}

std::optional<FactStatus> parseStatus(std::string_view word) {
    std::string folded = text::foldCase(word);
    for (int i = 0; i < 6; ++i)
        if (folded == kStatusNames[i]) return static_cast<FactStatus>(i);
    return std::nullopt;
}

std::vector<std::string> statusNames() {
    return {std::begin(kStatusNames), std::end(kStatusNames)};
}

// Built in one buffer with std::to_chars: a key is made per fact saved (bulk imports).
static void appendInt(std::string& out, int64_t n) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, end);
}

std::string Fact::key() const {
    std::string k;
    k.reserve(48 + 16 * (args.size() + qualifiers.size()));
    appendInt(k, relation);
    k += '(';
    for (const Value& v : args) {
        v.appendKey(k);
        k += '\x1f';
    }
    k += "){";
    for (const auto& q : qualifiers) {
        if (q)
            q->appendKey(k);
        else
            k += '-';
        k += '\x1f';
    }
    k += '}';
    appendInt(k, valid.from);
    k += ':';
    appendInt(k, valid.to);
    k += '/';
    appendInt(k, source);
    k += '/';
    k += statusName(status);
    return k;
}

} // namespace chipgraph::schema
