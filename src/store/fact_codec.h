#pragma once
// The `fact_key` of schema version 6: a fact's identity and, at its start, its argument and
// qualifier values, stored as TEXT (SQLite compares and sorts text keys with plain memcmp, and
// blobs through its general record comparison: a third more to build the key's index). No byte
// of a key is 0; it is not UTF-8. One column replaces v3's text key and per-argument rows, so a
// stored fact costs one table row and one UNIQUE index entry. Layout in docs/storage.md.
#include "schema/fact.h"

#include <string>
#include <string_view>

namespace chipgraph::store {

// Returns the key of `fact`: its values (arguments, then qualifiers; an absent qualifier is
// one byte), then relation, validity, source and status. Equal facts give equal bytes.
std::string encodeFactKey(const schema::Fact& fact);
// Appends the same bytes to `out`.
void appendFactKey(std::string& out, const schema::Fact& fact);

// Reads the values at the start of `key` into `fact.args` and `fact.qualifiers`, which must
// already have the relation's sizes. Returns false when the bytes are malformed.
bool decodeFactValues(std::string_view key, schema::Fact& fact);

} // namespace chipgraph::store
