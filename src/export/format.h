#pragma once
// Result tables rendered for people and scripts: an aligned text table, a box-drawn table, CSV
// (RFC 4180), TSV, JSON (`{"columns": [...], "rows": [[...], ...], "notes": [...]}`; several
// answers as one document: json_document.h), JSON Lines (that object on one line), Markdown,
// and `line` (one `column = value` line per cell, as in the SQLite shell). A table's notes
// print under text, box, Markdown and line output as `note: ...` lines; CSV and TSV stay pure
// data (the CLI prints their notes to stderr).
#include "common/status.h"
#include "common/table.h"

#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::exporter {

enum class Format { Table, Csv, Json, Markdown, Box, Tsv, JsonLines, Line };

// Parses a format name (table, box, csv, tsv, json, jsonl, markdown/md, line); an error names
// the choices.
Result<Format> parseFormat(std::string_view name);
std::vector<std::string> formatNames();
// The canonical name of a format (what parseFormat accepts).
std::string formatName(Format format);

struct RenderOptions {
    // The header line of table, box, csv and tsv. Markdown always has one (a Markdown table
    // needs it); json, jsonl and line name every value anyway.
    bool headers = true;
    // For a terminal (table and box only): ANSI colours (bold names, dim borders, each status
    // in its colour); at most `maxRows` rows (0: all), then a "… N more rows" line; at most
    // `maxWidth` columns wide (0: no limit), the widest columns cut with "…".
    bool colour = false;
    size_t maxRows = 0;
    int maxWidth = 0;
    // `--provenance full`: also the table's detail columns (a query's per-atom sources,
    // `source.<relation>`). JSON and jsonl always carry them.
    bool fullProvenance = false;
};

// Renders the table; every format ends with a newline (an empty jsonl or line result is "").
std::string render(const Table& table, Format format, const RenderOptions& options = {});

std::string renderText(const Table& table, bool headers = true);
std::string renderBox(const Table& table, bool headers = true);
std::string renderText(const Table& table, const RenderOptions& options);
std::string renderBox(const Table& table, const RenderOptions& options);
// `full`: with the detail columns (RenderOptions::fullProvenance).
std::string renderCsv(const Table& table, bool headers = true, bool full = false);
std::string renderTsv(const Table& table, bool headers = true, bool full = false);
std::string renderJson(const Table& table);
std::string renderJsonLines(const Table& table);
std::string renderMarkdown(const Table& table, bool full = false);
std::string renderLines(const Table& table, bool full = false);
// The table's notes, one `note: ...` line each ("" when it has none).
std::string renderNotes(const Table& table);

} // namespace chipgraph::exporter
