#pragma once
// The `fact_key` (schema versions 7 and 8): a fact's identity, starting with its relation and its
// argument and qualifier values, stored as TEXT (SQLite compares and sorts text keys with plain
// memcmp, and blobs through its general record comparison). No byte of a key is 0; it is not
// UTF-8. It is the primary key of `facts`, so a stored fact is one entry of one b-tree, and a
// relation's facts are one stretch of it (an import into a new relation appends at one place).
// Layout in docs/storage.md.
#include "schema/fact.h"

#include <string>
#include <string_view>

namespace chipgraph::store {

// Returns the key of `fact`: its relation, its values (arguments, then qualifiers; an absent
// qualifier is one byte), then validity, source and status. Equal facts give equal bytes.
std::string encodeFactKey(const schema::Fact& fact);
// Appends the same bytes to `out`.
void appendFactKey(std::string& out, const schema::Fact& fact);

// The bytes every key of `relation`'s facts starts with (and no other key does).
std::string relationKeyPrefix(RelationId relation);

// Reads the values of `key` into `fact.args` and `fact.qualifiers`, which must already have
// the sizes of the relation `fact.relation`. Returns false when the bytes are malformed or
// name another relation.
bool decodeFactValues(std::string_view key, schema::Fact& fact);

// The bytes `value` is written as inside a key: self-delimiting (no value's bytes are the
// start of another's), so keys whose argument equals `value` are those continuing the bytes
// before it with these.
std::string encodeValue(const Value& value);
// The bytes of argument `position` inside `key` (as encodeValue writes it); false when the key
// is malformed.
bool argumentBytes(std::string_view key, size_t position, std::string_view& out);
// The least string greater than every string that starts with `prefix` ("" when there is
// none: `prefix` is all 0xFF bytes): the end of a range of keys.
std::string prefixEnd(std::string_view prefix);

} // namespace chipgraph::store
