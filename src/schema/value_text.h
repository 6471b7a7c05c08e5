#pragma once
// A value as answers show it: an entity by its name, text as written, a number in its
// canonical form (`~4600000`, `48..60`). One definition for tables, `why` and diagrams.
#include "common/value.h"
#include "schema/catalog.h"

#include <string>

namespace chipgraph::schema {

std::string displayValue(const Value& value, const Catalog& catalog);

} // namespace chipgraph::schema
