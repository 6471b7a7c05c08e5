#pragma once
// A fact's arguments and qualifiers read from the front of a key, whatever its encoding: the
// current codec (fact_codec.cpp) and the version 5 one kept for upgrades (fact_codec_v5.cpp)
// differ in how a value is written, not in the order values come.
#include "schema/fact.h"

#include <optional>
#include <utility>

namespace chipgraph::store {

// `Reader` has `std::optional<Value> value()` and a `bool ok` cleared on malformed input.
template <class Reader> bool readFactValues(Reader& reader, schema::Fact& fact) {
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
