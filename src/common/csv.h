#pragma once
// A CSV reader (RFC 4180): quoted fields with "" escapes and embedded newlines, CRLF or LF
// line ends, a UTF-8 byte-order mark ignored. Reads from text held in memory.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chipgraph {

class CsvReader {
public:
    explicit CsvReader(std::string_view text);

    // Reads the next record into `fields`; false at the end. `line()` is the line the record
    // started on (1-based). A malformed record (an unclosed quote) sets error(). The views
    // point into the text, or for a field with quotes into the reader: valid until the next
    // call.
    bool next(std::vector<std::string_view>& fields);
    // The same, copied into strings (reused from record to record).
    bool next(std::vector<std::string>& fields);
    int line() const { return recordLine_; }
    const std::string& error() const { return error_; }

private:
    void readQuotedField(); // appends the field at pos_ to scratch_
    std::string_view text_;
    size_t pos_ = 0;
    int line_ = 1;
    int recordLine_ = 0;
    std::string error_;
    bool quoteOpen_ = false;
    std::string scratch_;                                  // fields with quotes, unescaped
    std::vector<std::pair<size_t, size_t>> scratchFields_; // field index, end in scratch_
    std::vector<std::string_view> views_;                  // for next(std::vector<std::string>&)
};

} // namespace chipgraph
