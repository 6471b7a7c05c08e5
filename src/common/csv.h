#pragma once
// A CSV reader (RFC 4180): quoted fields with "" escapes and embedded newlines, CRLF or LF
// line ends, a UTF-8 byte-order mark ignored. Reads from text held in memory.
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph {

class CsvReader {
public:
    explicit CsvReader(std::string_view text);

    // Reads the next record into `fields`; false at the end. `line()` is the line the record
    // started on (1-based). A malformed record (an unclosed quote) sets error().
    bool next(std::vector<std::string>& fields);
    int line() const { return recordLine_; }
    const std::string& error() const { return error_; }

private:
    std::string_view text_;
    size_t pos_ = 0;
    int line_ = 1;
    int recordLine_ = 0;
    std::string error_;
};

} // namespace chipgraph
