#pragma once
// Result tables rendered for people and scripts: an aligned text table, CSV (RFC 4180), JSON
// (`{"columns": [...], "rows": [[...], ...]}`) and Markdown.
#include "common/status.h"
#include "common/table.h"

#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::exporter {

enum class Format { Table, Csv, Json, Markdown };

// Parses a format name (table, csv, json, markdown/md); an error names the choices.
Result<Format> parseFormat(std::string_view name);
std::vector<std::string> formatNames();

// Renders the table; every format ends with a newline.
std::string render(const Table& table, Format format);

std::string renderText(const Table& table);
std::string renderCsv(const Table& table);
std::string renderJson(const Table& table);
std::string renderMarkdown(const Table& table);

} // namespace chipgraph::exporter
