#pragma once
// A result table: named columns and rows of display-ready cells. Produced by evaluation,
// printed by src/export (table, csv, json, markdown).
#include <string>
#include <vector>

namespace chipgraph {

struct Cell {
    enum class Kind { Text, Number, Null };
    Kind kind = Kind::Null;
    std::string text;  // display text (numbers too: "~2000000", ">3000000")
    double number = 0; // Kind::Number with an exact value: printed as a JSON number

    static Cell ofText(std::string s) { return {Kind::Text, std::move(s), 0}; }
    static Cell ofNumber(std::string display, double value) {
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
};

} // namespace chipgraph
