#include "export/xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

namespace chipgraph::exporter {

namespace {

// How an answer column is written: as text, as exact numbers, or (approximations, bounds,
// ranges) as the text written then `low` and `high` numbers.
enum class ColumnKind { Text, Number, Split };

ColumnKind kindOf(const Table& table, size_t column) {
    bool numbers = false, exact = true;
    for (const std::vector<Cell>& row : table.rows) {
        const Cell& cell = row[column];
        if (cell.kind == Cell::Kind::Text) return ColumnKind::Text;
        if (cell.kind != Cell::Kind::Number) continue;
        numbers = true;
        exact = exact && cell.number.kind == NumberKind::Exact;
    }
    return !numbers ? ColumnKind::Text : exact ? ColumnKind::Number : ColumnKind::Split;
}

// The names in a `source` cell: "a, b, c".
std::vector<std::string> sourceNames(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t comma = text.find(", ", start);
        out.push_back(text.substr(start, comma - start));
        start = comma == std::string::npos ? text.size() : comma + 2;
    }
    return out;
}

int sourceColumn(const Table& table) {
    auto it = std::find(table.columns.begin(), table.columns.end(), "source");
    return it == table.columns.end() ? -1 : static_cast<int>(it - table.columns.begin());
}

class Workbook {
public:
    explicit Workbook(const std::string& path) : book_(workbook_new(path.c_str())) {
        if (!book_) return;
        bold_ = workbook_add_format(book_);
        format_set_bold(bold_);
        italic_ = workbook_add_format(book_);
        format_set_italic(italic_);
        link_ = workbook_add_format(book_);
        format_set_underline(link_, LXW_UNDERLINE_SINGLE);
        format_set_font_color(link_, LXW_COLOR_BLUE);
    }
    ~Workbook() {
        if (book_) workbook_close(book_);
    }
    bool ok() const { return book_ != nullptr; }

    // The sources the answers cite, each given its row in "Sources" (first cited first).
    void collectSources(const std::vector<XlsxAnswer>& answers) {
        for (const XlsxAnswer& answer : answers) {
            int column = sourceColumn(*answer.table);
            if (column < 0) continue;
            for (const std::vector<Cell>& row : answer.table->rows)
                for (const std::string& name : sourceNames(row[column].text))
                    if (sourceRow_.emplace(name, sources_.size() + 1).second)
                        sources_.push_back(name);
        }
    }

    void writeAnswer(const XlsxAnswer& answer, size_t number) {
        const Table& table = *answer.table;
        std::string name = "Answer " + std::to_string(number);
        lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
        lxw_row_t top = 0;
        if (!answer.title.empty())
            worksheet_write_string(sheet, top++, 0, answer.title.c_str(), bold_);
        size_t visible = table.columns.size() - table.detailColumns;
        std::vector<ColumnKind> kinds;
        lxw_col_t col = 0;
        for (size_t c = 0; c < visible; ++c) {
            kinds.push_back(kindOf(table, c));
            header(sheet, top, col++, table.columns[c]);
            if (kinds.back() == ColumnKind::Split) {
                header(sheet, top, col++, table.columns[c] + " low");
                header(sheet, top, col++, table.columns[c] + " high");
            }
        }
        int sourceAt = sourceColumn(table);
        size_t links = 0;
        for (const std::vector<Cell>& row : table.rows)
            if (sourceAt >= 0) links = std::max(links, sourceNames(row[sourceAt].text).size());
        for (size_t i = 0; i < links; ++i)
            header(sheet, top, static_cast<lxw_col_t>(col + i), "source " + std::to_string(i + 1));
        worksheet_freeze_panes(sheet, top + 1, 0);
        lxw_row_t r = top + 1;
        for (const std::vector<Cell>& row : table.rows) {
            lxw_col_t at = 0;
            for (size_t c = 0; c < visible; ++c)
                at = writeCell(sheet, r, at, row[c], kinds[c]);
            if (sourceAt >= 0) {
                std::vector<std::string> names = sourceNames(row[sourceAt].text);
                for (size_t i = 0; i < names.size(); ++i) {
                    std::string target =
                        "internal:Sources!A" + std::to_string(sourceRow_[names[i]] + 1);
                    worksheet_write_url_opt(sheet, r, static_cast<lxw_col_t>(at + i),
                                            target.c_str(), link_, names[i].c_str(), nullptr);
                }
            }
            ++r;
        }
        ++r;
        for (const std::string& note : table.notes)
            worksheet_write_string(sheet, r++, 0, ("note: " + note).c_str(), italic_);
    }

    void writeSources(const std::function<std::optional<XlsxSource>(const std::string&)>& lookup) {
        lxw_worksheet* sheet = workbook_add_worksheet(book_, "Sources");
        const char* columns[] = {"source", "title", "publisher", "date", "address"};
        for (lxw_col_t c = 0; c < 5; ++c)
            header(sheet, 0, c, columns[c]);
        worksheet_freeze_panes(sheet, 1, 0);
        for (size_t i = 0; i < sources_.size(); ++i) {
            auto row = static_cast<lxw_row_t>(i + 1);
            std::optional<XlsxSource> source = lookup(sources_[i]);
            XlsxSource s = source ? *source : XlsxSource{sources_[i], "", "", "", ""};
            worksheet_write_string(sheet, row, 0, sources_[i].c_str(), nullptr);
            text(sheet, row, 1, s.title);
            text(sheet, row, 2, s.publisher);
            text(sheet, row, 3, s.date);
            // A link when Excel takes it (it limits a link's length), else the address as text.
            if (!s.url.empty() && worksheet_write_url_opt(sheet, row, 4, s.url.c_str(), link_,
                                                          s.url.c_str(), nullptr) != LXW_NO_ERROR)
                text(sheet, row, 4, s.url);
        }
    }

    // Closes the workbook; the error, if any, names the cause.
    Status close() {
        lxw_error error = workbook_close(book_);
        book_ = nullptr;
        if (error != LXW_NO_ERROR) return Status::error(lxw_strerror(error));
        return Status::ok();
    }

private:
    void header(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const std::string& name) {
        worksheet_write_string(sheet, row, col, name.c_str(), bold_);
    }
    static void text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const std::string& s) {
        if (!s.empty()) worksheet_write_string(sheet, row, col, s.c_str(), nullptr);
    }
    static void number(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, double v) {
        if (std::isfinite(v)) worksheet_write_number(sheet, row, col, v, nullptr);
    }

    // Writes one cell (three for a split number column); returns the next column.
    lxw_col_t writeCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell,
                        ColumnKind kind) {
        bool isNumber = cell.kind == Cell::Kind::Number;
        if (kind == ColumnKind::Number) {
            if (isNumber) number(sheet, row, col, cell.number.lo);
            return col + 1;
        }
        text(sheet, row, col, cell.text);
        if (kind == ColumnKind::Text) return col + 1;
        if (isNumber) {
            number(sheet, row, col + 1, cell.number.lo);
            number(sheet, row, col + 2, cell.number.hi);
        }
        return col + 3;
    }

    lxw_workbook* book_ = nullptr;
    lxw_format *bold_ = nullptr, *italic_ = nullptr, *link_ = nullptr;
    std::vector<std::string> sources_;
    std::map<std::string, size_t> sourceRow_;
};

} // namespace

Status writeXlsx(const std::string& path, const std::vector<XlsxAnswer>& answers,
                 const std::function<std::optional<XlsxSource>(const std::string&)>& lookup) {
    // Written beside the target and renamed: a failure leaves no half-written workbook.
    std::string partial = path + ".part";
    // Tried first so that a missing folder or a read-only one gets our message, not only the
    // library's own line on stderr.
    if (std::FILE* probe = std::fopen(partial.c_str(), "wb"))
        std::fclose(probe);
    else
        return Status::error("cannot write '" + path + "': " + std::strerror(errno));
    Status status = [&] {
        Workbook book(partial);
        if (!book.ok()) return Status::error("cannot create '" + path + "'");
        book.collectSources(answers);
        for (size_t i = 0; i < answers.size(); ++i)
            book.writeAnswer(answers[i], i + 1);
        book.writeSources(lookup);
        Status closed = book.close();
        if (!closed) return Status::error("cannot write '" + path + "': " + closed.message());
        return Status::ok();
    }();
    if (status && std::rename(partial.c_str(), path.c_str()) != 0)
        status = Status::error("cannot write '" + path + "'");
    if (!status) std::remove(partial.c_str());
    return status;
}

} // namespace chipgraph::exporter
