#pragma once
// Internal to src/export: the JSON values of a table and of `why` trees, put together into
// documents by format.cpp, derivation_format.cpp and json_document.cpp. The only export header
// that includes nlohmann-json: the rest of the engine never sees it.
#include "common/derivation.h"
#include "common/table.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace chipgraph::exporter {

// {"columns": [...], "rows": [[...], ...], "notes": [...]}: exact numbers as JSON numbers,
// other numbers as {"kind", "low", "high", "text"}, missing values as null.
nlohmann::ordered_json tableJson(const Table& table);

// {"facts": [...]}: one derivation tree per fact (derivation_format.h).
nlohmann::ordered_json derivationsJson(const std::vector<DerivationNode>& trees);

} // namespace chipgraph::exporter
