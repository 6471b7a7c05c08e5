#include "common/csv.h"

namespace chipgraph {

static bool isDelimiter(char c) {
    return c == ',' || c == '\n' || c == '\r' || c == '"';
}

CsvReader::CsvReader(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool CsvReader::next(std::vector<std::string>& fields) {
    // The strings of `fields` are reused from record to record (no allocation per field once
    // they have grown), and unquoted text is copied in runs, not a character at a time.
    size_t count = 0;
    auto startField = [&]() -> std::string& {
        if (count == fields.size()) fields.emplace_back();
        std::string& f = fields[count++];
        f.clear();
        return f;
    };
    // Skip blank lines between records.
    while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
        if (text_[pos_] == '\n') ++line_;
        ++pos_;
    }
    if (pos_ >= text_.size()) {
        fields.clear();
        return false;
    }
    recordLine_ = line_;
    std::string* field = &startField();
    bool quoted = false;
    while (pos_ < text_.size()) {
        if (quoted) {
            char c = text_[pos_++];
            if (c == '"') {
                if (pos_ < text_.size() && text_[pos_] == '"') {
                    *field += '"';
                    ++pos_;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line_;
                *field += c;
            }
            continue;
        }
        // A plain loop: find_first_of calls memchr over the four delimiters for every byte.
        size_t end = pos_;
        while (end < text_.size() && !isDelimiter(text_[end]))
            ++end;
        if (end > pos_) {
            field->append(text_.data() + pos_, end - pos_);
            pos_ = end;
            continue;
        }
        char c = text_[pos_++];
        if (c == '"' && field->empty()) {
            quoted = true;
        } else if (c == '"') {
            *field += c; // a quote inside an unquoted field is kept as is
        } else if (c == ',') {
            field = &startField();
        } else { // end of line
            if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
            ++line_;
            break;
        }
    }
    if (quoted) {
        error_ = "line " + std::to_string(recordLine_) + ": a quoted field is never closed";
        fields.resize(count);
        return false;
    }
    fields.resize(count);
    return true;
}

} // namespace chipgraph
