#pragma once
// The binary fact_key of schema versions 4 and 5 (a BLOB with raw doubles and zero bytes), read
// only to upgrade such a database to the text key of fact_codec.h (store_migrate.cpp).
#include "schema/fact.h"

#include <string_view>

namespace chipgraph::store {

// Reads the values at the start of a version 4/5 `key` into `fact.args` and `fact.qualifiers`,
// which must already have the relation's sizes. Returns false when the bytes are malformed.
bool decodeFactValuesV5(std::string_view key, schema::Fact& fact);

} // namespace chipgraph::store
