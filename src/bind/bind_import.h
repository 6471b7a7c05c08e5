#pragma once
// CSV import: a header row maps columns to the relation's columns (and qualifiers) plus the
// optional valid_from / valid_to / status / source; each row becomes a fact. Unknown
// entities are created with `createType` when given, else reported.
#include "common/diagnostic.h"
#include "common/status.h"
#include "schema/catalog.h"
#include "schema/fact.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::bind {

struct ImportOptions {
    std::string relation;
    std::string createType; // "": report unknown entities instead of creating them
    // Messages quote the fields they are about; not for a file a statement names, whose
    // content must not be shown (docs/limits.md, "Files").
    bool quoteFields = true;
};

struct ImportResult {
    Status status; // a problem with the whole file: unknown relation, bad header, ...
    std::vector<schema::Fact> facts;
    std::vector<EntityId> newEntities; // created in the catalog, in order
    std::vector<Diagnostic> rowErrors; // one per bad row (file:line, what and a hint)
    std::vector<std::string> badRows;  // the bad rows' raw fields, CSV-joined (for a report)
    size_t rows = 0;                   // data rows read
};

// Binds every row of `csv` (the text of `fileName`) against `catalog`, which gains the
// entities it creates. `progress(rowsDone)` is called every 100000 rows.
ImportResult bindImport(std::string_view csv, const std::string& fileName,
                        const ImportOptions& options, schema::Catalog& catalog,
                        const std::function<void(size_t)>& progress = {});

} // namespace chipgraph::bind
