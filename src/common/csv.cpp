#include "common/csv.h"

#include <array>

namespace chipgraph {

// A table: one load per byte instead of four compares.
static constexpr auto kDelimiters = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : {',', '\n', '\r', '"'})
        table[c] = true;
    return table;
}();

static bool isDelimiter(char c) {
    return kDelimiters[static_cast<unsigned char>(c)];
}

CsvReader::CsvReader(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

// A field that has a quote: a quote opens quoting only at the start of the field ("" inside
// is one quote); elsewhere it is kept as is. Stops before the delimiter that ends the field.
void CsvReader::readQuotedField() {
    size_t start = scratch_.size();
    bool quoted = false;
    while (pos_ < text_.size()) {
        char c = text_[pos_];
        if (quoted) {
            ++pos_;
            if (c != '"') {
                if (c == '\n') ++line_;
                scratch_ += c;
            } else if (pos_ < text_.size() && text_[pos_] == '"') {
                scratch_ += '"';
                ++pos_;
            } else {
                quoted = false;
            }
            continue;
        }
        if (c == ',' || c == '\n' || c == '\r') break;
        ++pos_;
        if (c == '"' && scratch_.size() == start)
            quoted = true;
        else
            scratch_ += c;
    }
    quoteOpen_ = quoted;
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
    fields.clear();
    // Skip blank lines between records.
    while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
        if (text_[pos_] == '\n') ++line_;
        ++pos_;
    }
    if (pos_ >= text_.size()) return false;
    recordLine_ = line_;
    scratch_.clear();
    scratchFields_.clear();
    for (;;) {
        // Most fields have no quote: a view of the text, found by a plain loop (find_first_of
        // calls memchr over the four delimiters for every byte).
        size_t end = pos_;
        while (end < text_.size() && !isDelimiter(text_[end]))
            ++end;
        if (end < text_.size() && text_[end] == '"') {
            readQuotedField();
            scratchFields_.emplace_back(fields.size(), scratch_.size());
            fields.emplace_back();
            if (quoteOpen_) break;
        } else {
            fields.push_back(text_.substr(pos_, end - pos_));
            pos_ = end;
        }
        if (pos_ >= text_.size()) break;
        char c = text_[pos_++];
        if (c == ',') continue;
        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
        break;
    }
    // scratch_ has stopped growing: its fields can be viewed now.
    for (size_t i = 0, start = 0; i < scratchFields_.size(); start = scratchFields_[i++].second)
        fields[scratchFields_[i].first] =
            std::string_view(scratch_).substr(start, scratchFields_[i].second - start);
    if (quoteOpen_) {
        error_ = "line " + std::to_string(recordLine_) + ": a quoted field is never closed";
        fields.pop_back();
        return false;
    }
    return true;
}

bool CsvReader::next(std::vector<std::string>& fields) {
    bool read = next(views_);
    fields.resize(views_.size());
    for (size_t i = 0; i < views_.size(); ++i)
        fields[i].assign(views_[i]);
    return read;
}

} // namespace chipgraph
