#include "schema/fact.h"

#include "common/text.h"

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

std::string Fact::key() const {
    std::string k = std::to_string(relation) + "(";
    for (const Value& v : args)
        k += v.key() + "\x1f";
    k += "){";
    for (const auto& q : qualifiers)
        k += (q ? q->key() : "-") + "\x1f";
    k += "}" + std::to_string(valid.from) + ":" + std::to_string(valid.to) + "/" +
         std::to_string(source) + "/" + statusName(status);
    return k;
}

} // namespace chipgraph::schema
