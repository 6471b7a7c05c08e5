#include "export/format.h"

#include "common/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace chipgraph::exporter {

std::vector<std::string> formatNames() {
    return {"table", "csv", "json", "markdown"};
}

Result<Format> parseFormat(std::string_view name) {
    std::string n = text::foldCase(name);
    if (n == "table") return Format::Table;
    if (n == "csv") return Format::Csv;
    if (n == "json") return Format::Json;
    if (n == "markdown" || n == "md") return Format::Markdown;
    std::string hint = text::didYouMean(name, formatNames());
    return Status::error("unknown format '" + std::string(name) + "'; " +
                         (hint.empty() ? "choose table, csv, json or markdown" : hint));
}

std::string render(const Table& table, Format format) {
    switch (format) {
    case Format::Table:
        return renderText(table);
    case Format::Csv:
        return renderCsv(table);
    case Format::Json:
        return renderJson(table);
    case Format::Markdown:
        return renderMarkdown(table);
    }
    return "";
}

static std::string pad(const std::string& s, int width, bool right) {
    std::string padding(static_cast<size_t>(std::max(0, width - text::displayWidth(s))), ' ');
    return right ? padding + s : s + padding;
}

std::string renderText(const Table& table) {
    std::vector<int> widths;
    for (const std::string& c : table.columns)
        widths.push_back(text::displayWidth(c));
    for (const auto& row : table.rows)
        for (size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], text::displayWidth(row[i].text));
    auto line = [&](const std::vector<std::string>& cells, const std::vector<bool>& right) {
        std::string out;
        for (size_t i = 0; i < cells.size(); ++i) {
            bool last = i + 1 == cells.size();
            std::string cell = last && !right[i] ? cells[i] : pad(cells[i], widths[i], right[i]);
            out += (i ? " | " : "") + cell;
        }
        return out + "\n";
    };
    std::string out = line(table.columns, std::vector<bool>(table.columns.size(), false));
    for (size_t i = 0; i < widths.size(); ++i)
        out += (i ? "-+-" : "") + std::string(static_cast<size_t>(widths[i]), '-');
    out += "\n";
    for (const auto& row : table.rows) {
        std::vector<std::string> cells;
        std::vector<bool> right;
        for (const Cell& c : row) {
            cells.push_back(c.text);
            right.push_back(c.kind == Cell::Kind::Number);
        }
        out += line(cells, right);
    }
    size_t n = table.rows.size();
    out += "(" + std::to_string(n) + (n == 1 ? " row)\n" : " rows)\n");
    return out;
}

static std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string renderCsv(const Table& table) {
    std::string out;
    for (size_t i = 0; i < table.columns.size(); ++i)
        out += (i ? "," : "") + csvField(table.columns[i]);
    out += "\r\n";
    for (const auto& row : table.rows) {
        for (size_t i = 0; i < row.size(); ++i)
            out += (i ? "," : "") + csvField(row[i].text);
        out += "\r\n";
    }
    return out;
}

std::string renderJson(const Table& table) {
    nlohmann::ordered_json doc;
    doc["columns"] = table.columns;
    doc["rows"] = nlohmann::ordered_json::array();
    for (const auto& row : table.rows) {
        nlohmann::ordered_json cells = nlohmann::ordered_json::array();
        for (const Cell& c : row) {
            if (c.kind == Cell::Kind::Null)
                cells.push_back(nullptr);
            else if (c.kind == Cell::Kind::Number && std::nearbyint(c.number) == c.number &&
                     std::fabs(c.number) < 9e15)
                cells.push_back(static_cast<int64_t>(c.number)); // 3000000, not 3000000.0
            else if (c.kind == Cell::Kind::Number)
                cells.push_back(c.number);
            else
                cells.push_back(c.text);
        }
        doc["rows"].push_back(std::move(cells));
    }
    // Replace invalid UTF-8 rather than throw: no exception may leave this module.
    return doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
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

std::string renderMarkdown(const Table& table) {
    std::string out = "|";
    for (const std::string& c : table.columns)
        out += " " + markdownCell(c) + " |";
    out += "\n|";
    for (size_t i = 0; i < table.columns.size(); ++i)
        out += " --- |";
    out += "\n";
    for (const auto& row : table.rows) {
        out += "|";
        for (const Cell& c : row)
            out += " " + markdownCell(c.text) + " |";
        out += "\n";
    }
    return out;
}

} // namespace chipgraph::exporter
