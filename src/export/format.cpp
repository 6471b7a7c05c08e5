#include "export/format.h"

#include "common/text.h"
#include "export/json_values.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace chipgraph::exporter {

// In the order of the Format enum.
static const std::vector<std::string> kFormatNames = {"table", "csv", "json",  "markdown",
                                                      "box",   "tsv", "jsonl", "line"};

std::vector<std::string> formatNames() {
    return kFormatNames;
}

std::string formatName(Format format) {
    return kFormatNames.at(static_cast<size_t>(format));
}

Result<Format> parseFormat(std::string_view name) {
    std::string n = text::foldCase(name);
    if (n == "md") return Format::Markdown;
    for (size_t i = 0; i < kFormatNames.size(); ++i)
        if (n == kFormatNames[i]) return static_cast<Format>(i);
    std::string hint = text::didYouMean(name, formatNames());
    return Status::error(
        "unknown format '" + std::string(name) + "'; " +
        (hint.empty() ? "choose table, box, csv, tsv, json, jsonl, markdown or line" : hint));
}

std::string render(const Table& table, Format format, const RenderOptions& options) {
    switch (format) {
    case Format::Table:
        return renderText(table, options);
    case Format::Box:
        return renderBox(table, options);
    case Format::Csv:
        return renderCsv(table, options.headers, options.fullProvenance);
    case Format::Tsv:
        return renderTsv(table, options.headers, options.fullProvenance);
    case Format::Json:
        return renderJson(table);
    case Format::JsonLines:
        return renderJsonLines(table);
    case Format::Markdown:
        return renderMarkdown(table, options.fullProvenance);
    case Format::Line:
        return renderLines(table, options.fullProvenance);
    }
    return "";
}

static std::string pad(const std::string& s, int width, bool right) {
    std::string padding(static_cast<size_t>(std::max(0, width - text::displayWidth(s))), ' ');
    return right ? padding + s : s + padding;
}

// How many columns print: all, or all but the detail columns (the per-atom sources).
static size_t shownColumns(const Table& table, bool full) {
    size_t hidden = full ? 0 : std::min(table.detailColumns, table.columns.size());
    return table.columns.size() - hidden;
}

// Exact numbers align to the right; approximate ones, bounds and ranges ("~2000000",
// ">3000000") read as text and stay left.
static bool rightAligned(const Cell& c) {
    return c.kind == Cell::Kind::Number && c.number.kind == NumberKind::Exact;
}

std::string renderNotes(const Table& table) {
    std::string out;
    for (const std::string& note : table.notes)
        out += "note: " + note + "\n";
    return out;
}

namespace {

// What a terminal table shows: the rows kept by maxRows, each column's width (narrowed to fit
// maxWidth), and the styles of the colour option.
struct Layout {
    std::vector<int> widths;
    size_t shown = 0; // rows drawn; the rest are counted in a "… N more rows" line
    int statusColumn = -1;
    bool colour = false;
};

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kBold = "\x1b[1m";
constexpr int kMinColumnWidth = 4;

// The colour of a status, strongest (green) to weakest (magenta).
const char* statusColour(std::string_view status) {
    if (status == "actual") return "\x1b[32m";
    if (status == "reported") return "\x1b[36m";
    if (status == "expected" || status == "forecast") return "\x1b[34m";
    if (status == "rumored") return "\x1b[33m";
    if (status == "view") return "\x1b[35m";
    return "";
}

std::string styled(const std::string& s, const char* style, bool colour) {
    return colour && *style ? style + s + kReset : s;
}

// Cuts `s` to `width` terminal columns, ending it with "…" when anything was cut.
std::string clip(const std::string& s, int width) {
    if (text::displayWidth(s) <= width) return s;
    std::string out;
    int used = 0;
    for (size_t i = 0; i < s.size();) {
        unsigned char lead = static_cast<unsigned char>(s[i]);
        size_t length = lead < 0x80    ? 1
                        : lead >= 0xF0 ? 4
                        : lead >= 0xE0 ? 3
                        : lead >= 0xC0 ? 2
                                       : 1;
        std::string point = s.substr(i, length);
        int w = text::displayWidth(point);
        if (used + w > width - 1) break;
        out += point;
        used += w;
        i += length;
    }
    return out + "…";
}

// `overhead` is what the borders take besides the columns: narrows the widest column, one
// column at a time, until the table fits in maxWidth (or every column is at its minimum).
Layout layoutOf(const Table& table, const RenderOptions& options, int perColumn, int fixed) {
    Layout layout;
    layout.colour = options.colour;
    layout.shown =
        options.maxRows > 0 ? std::min(options.maxRows, table.rows.size()) : table.rows.size();
    size_t columns = shownColumns(table, options.fullProvenance);
    for (size_t i = 0; i < columns; ++i) {
        layout.widths.push_back(options.headers ? text::displayWidth(table.columns[i]) : 0);
        if (table.columns[i] == "status") layout.statusColumn = static_cast<int>(i);
    }
    for (size_t r = 0; r < layout.shown; ++r)
        for (size_t i = 0; i < table.rows[r].size() && i < columns; ++i)
            layout.widths[i] =
                std::max(layout.widths[i], text::displayWidth(table.rows[r][i].text));
    if (options.maxWidth <= 0) return layout;
    int total = fixed;
    for (int w : layout.widths)
        total += w + perColumn;
    while (total > options.maxWidth) {
        auto widest = std::max_element(layout.widths.begin(), layout.widths.end());
        if (widest == layout.widths.end() || *widest <= kMinColumnWidth) break;
        --*widest;
        --total;
    }
    return layout;
}

// One cell, cut to its column, padded (unless `last` and left-aligned) and coloured.
std::string cellText(const Layout& layout, size_t column, const std::string& text, bool right,
                     bool last, bool header) {
    int width = layout.widths[column];
    std::string s = clip(text, width);
    std::string padding(static_cast<size_t>(std::max(0, width - text::displayWidth(s))), ' ');
    if (last && !right) padding.clear();
    const char* style = header                                            ? kBold
                        : static_cast<int>(column) == layout.statusColumn ? statusColour(s)
                                                                          : "";
    s = styled(s, style, layout.colour);
    return right ? padding + s : s + padding;
}

std::string footer(const Table& table, const Layout& layout) {
    size_t n = table.rows.size();
    std::string out;
    if (layout.shown < n) out += "… " + std::to_string(n - layout.shown) + " more rows\n";
    return out + "(" + std::to_string(n) + (n == 1 ? " row)\n" : " rows)\n") + renderNotes(table);
}

} // namespace

std::string renderText(const Table& table, bool headers) {
    RenderOptions options;
    options.headers = headers;
    return renderText(table, options);
}

std::string renderText(const Table& table, const RenderOptions& options) {
    Layout layout = layoutOf(table, options, 3, -3);
    std::string bar = styled(" | ", kDim, layout.colour);
    auto line = [&](const std::vector<std::string>& cells, const std::vector<bool>& right,
                    bool header) {
        std::string out;
        for (size_t i = 0; i < cells.size(); ++i)
            out += (i ? bar : "") +
                   cellText(layout, i, cells[i], right[i], i + 1 == cells.size(), header);
        return out + "\n";
    };
    std::string out;
    if (options.headers) {
        size_t n = layout.widths.size();
        out += line({table.columns.begin(), table.columns.begin() + static_cast<long>(n)},
                    std::vector<bool>(n, false), true);
        std::string rule;
        for (size_t i = 0; i < layout.widths.size(); ++i)
            rule += (i ? "-+-" : "") + std::string(static_cast<size_t>(layout.widths[i]), '-');
        out += styled(rule, kDim, layout.colour) + "\n";
    }
    for (size_t r = 0; r < layout.shown; ++r) {
        std::vector<std::string> cells;
        std::vector<bool> right;
        for (size_t i = 0; i < table.rows[r].size() && i < layout.widths.size(); ++i) {
            cells.push_back(table.rows[r][i].text);
            right.push_back(rightAligned(table.rows[r][i]));
        }
        out += line(cells, right, false);
    }
    return out + footer(table, layout);
}

// A box rule: `left`, then each column's width (plus its padding) of `fill`, `middle` between
// columns, then `right`.
static std::string boxRule(const Layout& layout, const char* left, const char* middle,
                           const char* right) {
    std::string out = left;
    for (size_t i = 0; i < layout.widths.size(); ++i) {
        if (i) out += middle;
        for (int k = 0; k < layout.widths[i] + 2; ++k)
            out += "─";
    }
    return styled(out + right, kDim, layout.colour) + "\n";
}

std::string renderBox(const Table& table, bool headers) {
    RenderOptions options;
    options.headers = headers;
    return renderBox(table, options);
}

std::string renderBox(const Table& table, const RenderOptions& options) {
    Layout layout = layoutOf(table, options, 3, 1);
    std::string bar = styled("│", kDim, layout.colour);
    auto line = [&](const std::vector<Cell>& cells, bool header) {
        std::string out = bar;
        for (size_t i = 0; i < cells.size() && i < layout.widths.size(); ++i)
            out += " " + cellText(layout, i, cells[i].text, rightAligned(cells[i]), false, header) +
                   " " + bar;
        return out + "\n";
    };
    std::string out = boxRule(layout, "┌", "┬", "┐");
    if (options.headers) {
        std::vector<Cell> names;
        for (size_t i = 0; i < layout.widths.size(); ++i)
            names.push_back(Cell::ofText(table.columns[i]));
        out += line(names, true) + boxRule(layout, "├", "┼", "┤");
    }
    for (size_t r = 0; r < layout.shown; ++r)
        out += line(table.rows[r], false);
    return out + boxRule(layout, "└", "┴", "┘") + footer(table, layout);
}

static std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string renderCsv(const Table& table, bool headers, bool full) {
    size_t n = shownColumns(table, full);
    std::string out;
    for (size_t i = 0; headers && i < n; ++i)
        out += (i ? "," : "") + csvField(table.columns[i]);
    if (headers) out += "\r\n";
    for (const auto& row : table.rows) {
        for (size_t i = 0; i < row.size() && i < n; ++i)
            out += (i ? "," : "") + csvField(row[i].text);
        out += "\r\n";
    }
    return out;
}

// Tabs, newlines and backslashes inside a field are escaped, so every row is one line.
static std::string tsvField(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\\')
            out += "\\\\";
        else
            out += c;
    }
    return out;
}

std::string renderTsv(const Table& table, bool headers, bool full) {
    size_t n = shownColumns(table, full);
    std::string out;
    for (size_t i = 0; headers && i < n; ++i)
        out += (i ? "\t" : "") + tsvField(table.columns[i]);
    if (headers) out += "\n";
    for (const auto& row : table.rows) {
        for (size_t i = 0; i < row.size() && i < n; ++i)
            out += (i ? "\t" : "") + tsvField(row[i].text);
        out += "\n";
    }
    return out;
}

// A finite double as a JSON number: 3000000, not 3000000.0; anything else (inf) as null.
static nlohmann::ordered_json jsonNumber(double v) {
    if (!std::isfinite(v)) return nullptr;
    if (std::nearbyint(v) == v && std::fabs(v) < 9e15) return static_cast<int64_t>(v);
    return v;
}

static const char* numberKindName(NumberKind kind) {
    switch (kind) {
    case NumberKind::Exact:
        return "exact";
    case NumberKind::Approx:
        return "approx";
    case NumberKind::Greater:
        return "greater";
    case NumberKind::Less:
        return "less";
    case NumberKind::Range:
        return "range";
    }
    return "exact";
}

// A number cell is never a string: an exact value is a JSON number; any other precision an
// object {"kind": approx|greater|less|range, "low", "high", "text"} (an open side is null,
// bounds are exclusive, a range's ends inclusive, an approximate value has low = high).
// Missing values are null.
static nlohmann::ordered_json jsonCell(const Cell& c) {
    if (c.kind == Cell::Kind::Null) return nullptr;
    if (c.kind == Cell::Kind::Text) return c.text;
    const Number& n = c.number;
    if (n.kind == NumberKind::Exact) return jsonNumber(n.lo);
    nlohmann::ordered_json object;
    object["kind"] = numberKindName(n.kind);
    object["low"] = jsonNumber(n.lo);
    object["high"] = jsonNumber(n.hi);
    object["text"] = c.text;
    return object;
}

static std::string dumpJson(const nlohmann::ordered_json& doc) {
    // Replace invalid UTF-8 rather than throw: no exception may leave this module.
    return doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

nlohmann::ordered_json tableJson(const Table& table) {
    nlohmann::ordered_json doc;
    doc["columns"] = table.columns;
    doc["rows"] = nlohmann::ordered_json::array();
    for (const auto& row : table.rows) {
        nlohmann::ordered_json cells = nlohmann::ordered_json::array();
        for (const Cell& c : row)
            cells.push_back(jsonCell(c));
        doc["rows"].push_back(std::move(cells));
    }
    doc["notes"] = table.notes;
    return doc;
}

std::string renderJson(const Table& table) {
    return dumpJson(tableJson(table)) + "\n";
}

std::string renderJsonLines(const Table& table) {
    return renderJson(table);
}

// A cell stays on its row: pipes are escaped, and any line break (\n, \r\n or \r) becomes a
// space.
static std::string markdownCell(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
        out += c == '|'                 ? std::string("\\|")
               : c == '\n' || c == '\r' ? std::string(" ")
                                        : std::string(1, c);
    }
    return out;
}

// An address inside a Markdown link: the characters that would end the link or the cell
// percent-encoded.
static std::string markdownAddress(const std::string& url) {
    std::string out;
    for (char c : url) {
        switch (c) {
        case ' ':
            out += "%20";
            break;
        case '(':
            out += "%28";
            break;
        case ')':
            out += "%29";
            break;
        case '<':
            out += "%3C";
            break;
        case '>':
            out += "%3E";
            break;
        case '|':
            out += "%7C";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// A source column's cell ("a, b"): each source with an address becomes a link, [a](url).
static std::string markdownSources(const std::string& text,
                                   const std::map<std::string, std::string>& links) {
    std::string out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(", ", start);
        std::string name = text.substr(start, comma == std::string::npos ? comma : comma - start);
        auto link = links.find(name);
        out += link == links.end()
                   ? markdownCell(name)
                   : "[" + markdownCell(name) + "](" + markdownAddress(link->second) + ")";
        if (comma == std::string::npos) break;
        out += ", ";
        start = comma + 2;
    }
    return out;
}

static bool isSourceColumn(const std::string& name) {
    return name == "source" || name.rfind("source.", 0) == 0;
}

std::string renderMarkdown(const Table& table, bool full) {
    size_t n = shownColumns(table, full);
    std::string out = "|";
    for (size_t i = 0; i < n; ++i)
        out += " " + markdownCell(table.columns[i]) + " |";
    out += "\n|";
    for (size_t i = 0; i < n; ++i)
        out += " --- |";
    out += "\n";
    for (const auto& row : table.rows) {
        out += "|";
        for (size_t i = 0; i < row.size() && i < n; ++i)
            out += " " +
                   (!table.links.empty() && isSourceColumn(table.columns[i])
                        ? markdownSources(row[i].text, table.links)
                        : markdownCell(row[i].text)) +
                   " |";
        out += "\n";
    }
    // A blank line first: a text line right under a Markdown table would read as a row.
    if (!table.notes.empty()) out += "\n" + renderNotes(table);
    return out;
}

// As the SQLite shell's line mode: names right-aligned, a blank line between rows.
std::string renderLines(const Table& table, bool full) {
    size_t n = shownColumns(table, full);
    int width = 0;
    for (size_t i = 0; i < n; ++i)
        width = std::max(width, text::displayWidth(table.columns[i]));
    std::string out;
    for (size_t r = 0; r < table.rows.size(); ++r) {
        if (r) out += "\n";
        for (size_t i = 0; i < table.rows[r].size() && i < n; ++i)
            out += pad(table.columns[i], width, true) + " = " + table.rows[r][i].text + "\n";
    }
    if (!table.notes.empty()) out += (out.empty() ? "" : "\n") + renderNotes(table);
    return out;
}

} // namespace chipgraph::exporter
