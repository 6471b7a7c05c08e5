#pragma once
// Answers as an Excel workbook (libxlsxwriter): one sheet per answer with typed cells, and a
// "Sources" sheet listing every source the answers cite (name, title, publisher, date,
// address). Numbers are numbers: a column of exact numbers stays one column; a column holding
// approximations, bounds or ranges becomes three (the value as written, then `low` and `high`
// as numbers, empty where unbounded). Each row links to its sources' rows in "Sources"
// (columns `source 1`, `source 2`, ...), and each source's address is a link. The notes under
// an answer follow its rows. The file is written whole or not at all (a temporary file
// renamed into place).
#include "common/status.h"
#include "common/table.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace chipgraph::exporter {

struct XlsxSource {
    std::string name;
    std::string title;
    std::string publisher;
    std::string date; // the publication date as written (a partial date), or ""
    std::string url;
};

struct XlsxAnswer {
    std::string title; // shown above the rows (the question as asked), or ""
    const Table* table = nullptr;
};

// Writes `answers` to the workbook at `path`. `lookup` finds a source by the name the tables'
// `source` column shows (nullopt: listed by name only).
Status writeXlsx(const std::string& path, const std::vector<XlsxAnswer>& answers,
                 const std::function<std::optional<XlsxSource>(const std::string&)>& lookup);

} // namespace chipgraph::exporter
