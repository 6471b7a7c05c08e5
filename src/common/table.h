#pragma once
// A result table: named columns and rows of display-ready cells. Produced by evaluation,
// printed by src/export (table, csv, json, markdown).
#include "common/value.h"

#include <map>
#include <string>
#include <vector>

namespace chipgraph {

struct Cell {
    enum class Kind { Text, Number, Null };
    Kind kind = Kind::Null;
    std::string text; // display text (numbers too: "~2000000", ">3000000")
    // Kind::Number: the value with its precision (exact, ~approximate, >/< bound, range). JSON
    // prints an exact one as a number, the others as {"kind", "low", "high", "text"}.
    Number number;

    static Cell ofText(std::string s) { return {Kind::Text, std::move(s), {}}; }
    static Cell ofNumber(std::string display, double value) {
        return {Kind::Number, std::move(display), Number::exact(value)};
    }
    static Cell ofNumber(std::string display, const Number& value) {
        return {Kind::Number, std::move(display), value};
    }
    static Cell null() { return {}; }
};

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
    // Footnotes a reader must see with the rows (claims left out, limits hit): printed under
    // the table, carried as "notes" in JSON.
    std::vector<std::string> notes;
    // The last `detailColumns` columns are printed only on request (`--provenance full`): a
    // query's per-atom sources. JSON always carries them.
    size_t detailColumns = 0;
    // The address of each source named in the source columns that has one (source name ->
    // url): Markdown writes those names as links; the other formats print names only.
    std::map<std::string, std::string> links;
};

} // namespace chipgraph
