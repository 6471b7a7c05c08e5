#include "bind/bind_import.h"

#include "common/csv.h"
#include "common/text.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <optional>
#include <span>

namespace chipgraph::bind {
namespace {

enum class Target { Argument, Qualifier, ValidFrom, ValidTo, Status, Source };

struct Mapping {
    Target target;
    int index = 0; // argument or qualifier column
};

class RowBinder {
public:
    RowBinder(const schema::RelationInfo& relation, schema::Catalog& catalog,
              const schema::TypeInfo* createType, ImportResult& result, bool quoteFields)
        : relation_(relation), catalog_(catalog), createType_(createType), result_(result),
          quoteFields_(quoteFields) {}

    Status mapHeader(const std::vector<std::string_view>& header) {
        std::vector<std::string> known;
        for (const schema::Column& c : relation_.columns)
            known.push_back(c.name);
        for (const schema::Column& c : relation_.qualifiers)
            known.push_back(c.name);
        for (const char* extra : {"valid_from", "valid_to", "status", "source"})
            known.push_back(extra);
        std::vector<bool> seen(relation_.columns.size(), false);
        std::vector<std::string> names;
        for (std::string_view raw : header) {
            std::string name = text::foldCase(raw);
            if (std::find(names.begin(), names.end(), name) != names.end())
                return Status::error("the header names column " + quote(raw) + " twice");
            names.push_back(name);
            std::optional<Mapping> m;
            for (size_t i = 0; i < relation_.columns.size() && !m; ++i)
                if (text::foldCase(relation_.columns[i].name) == name) {
                    m = Mapping{Target::Argument, static_cast<int>(i)};
                    seen[i] = true;
                }
            if (int q = relation_.qualifierIndex(name); !m && q >= 0)
                m = Mapping{Target::Qualifier, q};
            if (!m && name == "valid_from") m = Mapping{Target::ValidFrom};
            if (!m && name == "valid_to") m = Mapping{Target::ValidTo};
            if (!m && name == "status") m = Mapping{Target::Status};
            if (!m && name == "source") m = Mapping{Target::Source};
            if (!m) {
                std::string hint = text::didYouMean(std::string(raw), known);
                return Status::error(
                    "the header names an unknown column " + quote(raw) +
                    (hint.empty() ? "; the columns are: " + join(known) : "; " + hint));
            }
            mappings_.push_back(*m);
        }
        for (size_t i = 0; i < seen.size(); ++i)
            if (!seen[i])
                return Status::error("the header lacks column '" + relation_.columns[i].name +
                                     "' of '" + relation_.name + "'");
        return Status::ok();
    }

    // Binds one row into `fact` (default-constructed); on a problem returns its message (and
    // the column it is in).
    std::optional<std::string> bindRow(std::span<const std::string_view> fields, schema::Fact& fact,
                                       std::string& column) {
        if (fields.size() != mappings_.size())
            return "it has " + std::to_string(fields.size()) + " fields, the header " +
                   std::to_string(mappings_.size());
        fact.relation = relation_.id;
        fact.args.resize(relation_.columns.size());
        fact.qualifiers.assign(relation_.qualifiers.size(), std::nullopt);
        for (size_t f = 0; f < fields.size(); ++f) {
            const Mapping& m = mappings_[f];
            std::optional<std::string> problem = badBytes(fields[f]);
            if (!problem) problem = bindField(m, fields[f], fact);
            if (problem) {
                column = m.target == Target::Argument    ? relation_.columns[m.index].name
                         : m.target == Target::Qualifier ? relation_.qualifiers[m.index].name
                         : m.target == Target::ValidFrom ? "valid_from"
                         : m.target == Target::ValidTo   ? "valid_to"
                         : m.target == Target::Status    ? "status"
                                                         : "source";
                return problem;
            }
        }
        if (fact.valid.empty()) {
            column = "valid_to";
            return std::string("the validity ends before it starts");
        }
        return std::nullopt;
    }

    // Brings the entities that a batch of rows names into the cache before the rows are bound
    // (binding one row at a time waited for a cache miss or two per name): all the names'
    // index slots first, then the entities they name.
    void prefetch(std::span<const std::string_view> fields, std::span<const size_t> rowEnds) {
        for (auto step : {&schema::Catalog::prefetchEntityName, &schema::Catalog::prefetchEntity})
            for (size_t row = 0, start = 0; row < rowEnds.size(); start = rowEnds[row++]) {
                if (rowEnds[row] - start != mappings_.size()) continue; // reported when bound
                for (size_t f = 0; f < mappings_.size(); ++f)
                    if (namesEntity(mappings_[f])) (catalog_.*step)(fields[start + f]);
            }
    }

private:
    bool namesEntity(const Mapping& m) const {
        const std::vector<schema::Column>& columns =
            m.target == Target::Argument ? relation_.columns : relation_.qualifiers;
        return (m.target == Target::Argument || m.target == Target::Qualifier) &&
               columns[m.index].kind == schema::ColumnKind::Entity;
    }

    static std::string join(const std::vector<std::string>& names) {
        std::string out;
        for (size_t i = 0; i < names.size(); ++i)
            out += (i ? ", " : "") + names[i];
        return out;
    }

    std::optional<std::string> bindField(const Mapping& m, std::string_view field,
                                         schema::Fact& fact) {
        switch (m.target) {
        case Target::Argument: {
            auto value = bindValue(relation_.columns[m.index], field);
            if (!value) return error_;
            fact.args[m.index] = std::move(*value);
            return std::nullopt;
        }
        case Target::Qualifier: {
            if (field.empty()) return std::nullopt;
            auto value = bindValue(relation_.qualifiers[m.index], field);
            if (!value) return error_;
            fact.qualifiers[m.index] = std::move(*value);
            return std::nullopt;
        }
        case Target::ValidFrom:
        case Target::ValidTo: {
            if (field.empty()) return std::nullopt;
            Result<PartialDate> date = PartialDate::parse(field);
            if (!date) return "invalid date " + quote(field) + ": " + date.status().message();
            if (m.target == Target::ValidFrom)
                fact.valid.from = date->firstDay();
            else
                fact.valid.to = date->lastDay() + 1;
            return std::nullopt;
        }
        case Target::Status: {
            if (field.empty()) return std::nullopt;
            // Like sources, files repeat one status: the last one parsed is remembered.
            if (field != lastStatusName_) {
                auto status = schema::parseStatus(field);
                if (!status)
                    return "unknown status " + quote(field) + hintOf(field, schema::statusNames());
                lastStatusName_ = field;
                lastStatus_ = *status;
            }
            fact.status = lastStatus_;
            return std::nullopt;
        }
        case Target::Source: {
            if (field.empty()) return std::nullopt;
            // Files name one source over and over: the last one found is remembered.
            if (field != lastSourceName_) {
                const schema::SourceInfo* source = catalog_.findSource(field);
                if (!source)
                    return "unknown source " + quote(field) + hintOf(field, catalog_.sourceNames());
                lastSourceName_ = field;
                lastSource_ = source->id;
            }
            fact.source = lastSource_;
            return std::nullopt;
        }
        }
        return std::nullopt;
    }

    // A NUL byte or invalid UTF-8 would make a name no query can type, and a text no output
    // can show.
    static std::optional<std::string> badBytes(std::string_view field) {
        if (field.find('\0') != std::string_view::npos) return "the field holds a NUL byte";
        size_t bad = text::invalidUtf8Offset(field);
        if (bad == std::string_view::npos) return std::nullopt;
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(field[bad]));
        return std::string("the field is not valid UTF-8 (byte ") + byte + ")";
    }

    // A field as messages show it: quoted, or (a file that statements name) not at all.
    std::string quote(std::string_view field) const {
        return quoteFields_ ? "'" + std::string(field) + "'" : std::string("'...'");
    }

    static std::string hintOf(std::string_view name, const std::vector<std::string>& options) {
        std::string hint = text::didYouMean(std::string(name), options);
        return hint.empty() ? "" : "; " + hint;
    }

    std::optional<Value> bindValue(const schema::Column& column, std::string_view field) {
        switch (column.kind) {
        case schema::ColumnKind::Number:
            if (auto n = parseNumber(field)) return Value::number(*n);
            error_ = quote(field) + " is not a number";
            return std::nullopt;
        case schema::ColumnKind::Entity:
            return bindEntity(column, field);
        default:
            return Value::text(std::string(field));
        }
    }

    std::optional<Value> bindEntity(const schema::Column& column, std::string_view name) {
        if (name.empty()) {
            error_ = "the entity name is empty";
            return std::nullopt;
        }
        if (const schema::EntityInfo* e = catalog_.findEntity(name)) {
            if (catalog_.isSubtype(e->type, column.type)) return Value::entity(e->id);
            error_ = "'" + e->name + "' is a " + catalog_.type(e->type).name + ", but column '" +
                     column.name + "' expects a " + catalog_.type(column.type).name;
            return std::nullopt;
        }
        if (!createType_) {
            if (!suggestions_) suggestions_ = catalog_.entityNamesAndAliases();
            error_ = "unknown entity " + quote(name) + hintOf(name, *suggestions_) +
                     " (create unknown entities with --create TYPE)";
            return std::nullopt;
        }
        if (!catalog_.isSubtype(createType_->id, column.type)) {
            error_ = "cannot create " + quote(name) + " as a " + createType_->name + ": column '" +
                     column.name + "' expects a " + catalog_.type(column.type).name;
            return std::nullopt;
        }
        EntityId id = catalog_.addEntity(std::string(name), createType_->id);
        result_.newEntities.push_back(id);
        return Value::entity(id);
    }

    const schema::RelationInfo& relation_;
    schema::Catalog& catalog_;
    const schema::TypeInfo* createType_;
    ImportResult& result_;
    bool quoteFields_;
    std::vector<Mapping> mappings_;
    std::string error_;
    std::string lastSourceName_; // empty: none yet (an empty field names no source)
    SourceId lastSource_ = kNoId;
    std::string lastStatusName_; // likewise
    schema::FactStatus lastStatus_ = schema::FactStatus::Actual;
    std::optional<std::vector<std::string>> suggestions_; // computed on the first miss
};

std::string csvJoin(std::span<const std::string_view> fields) {
    std::string out;
    for (size_t i = 0; i < fields.size(); ++i) {
        std::string_view f = fields[i];
        bool quote = f.find_first_of(",\"\n\r") != std::string_view::npos;
        std::string escaped;
        for (char c : f)
            escaped += c == '"' ? std::string("\"\"") : std::string(1, c);
        out += (i ? "," : "") + (quote ? "\"" + escaped + "\"" : escaped);
    }
    return out;
}

// memchr from line to line: std::count compares byte by byte.
size_t countLines(std::string_view text) {
    size_t lines = 0;
    for (const char *p = text.data(), *end = p + text.size();
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))); ++p)
        ++lines;
    return lines;
}

// Rows read ahead of binding them, so that the entities they name can be prefetched.
struct RowBatch {
    static constexpr size_t kRows = 32;
    std::string_view csv;
    std::vector<std::string_view> fields; // the rows' fields, one row after another
    std::vector<size_t> rowEnds;          // where each row's fields end in `fields`
    std::vector<int> lines;               // the line each row starts on
    std::deque<std::string> quoted;       // fields with quotes (the reader reuses its copy)

    // Reads up to kRows rows; false when the file (or a CSV error) ended the reading.
    bool read(CsvReader& reader, std::vector<std::string_view>& row) {
        fields.clear();
        rowEnds.clear();
        lines.clear();
        quoted.clear();
        while (rowEnds.size() < kRows) {
            if (!reader.next(row)) return false;
            for (std::string_view field : row)
                fields.push_back(inText(field) ? field
                                               : std::string_view(quoted.emplace_back(field)));
            rowEnds.push_back(fields.size());
            lines.push_back(reader.line());
        }
        return true;
    }
    bool inText(std::string_view field) const {
        auto at = reinterpret_cast<uintptr_t>(field.data());
        auto start = reinterpret_cast<uintptr_t>(csv.data());
        return at >= start && at + field.size() <= start + csv.size();
    }
    std::span<const std::string_view> row(size_t index, size_t start) const {
        return std::span(fields).subspan(start, rowEnds[index] - start);
    }
};

// Binds one row into a new fact of `result`, or records its error.
void bindOneRow(RowBinder& binder, std::span<const std::string_view> fields, int line,
                const std::shared_ptr<const std::string>& file,
                const std::function<void(size_t)>& progress, ImportResult& result) {
    ++result.rows;
    if (progress && result.rows % 100000 == 0) progress(result.rows);
    // Bound in place: no move of the fact into the vector, no reset of the moved-from one.
    schema::Fact& fact = result.facts.emplace_back();
    std::string column;
    if (auto problem = binder.bindRow(fields, fact, column)) {
        result.facts.pop_back();
        SourceSpan span{file, line, 1, line, 2};
        std::string where = "row " + std::to_string(result.rows) +
                            (column.empty() ? "" : ", column '" + column + "'");
        result.rowErrors.push_back(makeError(Phase::Bind, where + ": " + *problem, span));
        result.badRows.push_back(csvJoin(fields));
    }
}

} // namespace

ImportResult bindImport(std::string_view csv, const std::string& fileName,
                        const ImportOptions& options, schema::Catalog& catalog,
                        const std::function<void(size_t)>& progress) {
    ImportResult result;
    const schema::RelationInfo* relation = catalog.findRelation(options.relation);
    if (!relation) {
        std::string hint = text::didYouMean(options.relation, catalog.relationNames());
        result.status = Status::error("unknown relation '" + options.relation + "'" +
                                      (hint.empty() ? "" : "; " + hint));
        return result;
    }
    if (relation->derived) {
        result.status = Status::error("'" + relation->name +
                                      "' is derived by rules; import "
                                      "the facts of the relations its rules use");
        return result;
    }
    const schema::TypeInfo* createType = nullptr;
    if (!options.createType.empty() && !(createType = catalog.findType(options.createType))) {
        std::string hint = text::didYouMean(options.createType, catalog.typeNames());
        result.status = Status::error("unknown type '" + options.createType + "'" +
                                      (hint.empty() ? "" : "; " + hint));
        return result;
    }
    CsvReader reader(csv);
    std::vector<std::string_view> fields;
    if (!reader.next(fields)) {
        result.status = Status::error(reader.error().empty() ? "the file is empty; it needs a "
                                                               "header row"
                                                             : reader.error());
        return result;
    }
    RowBinder binder(*relation, catalog, createType, result, options.quoteFields);
    if (Status s = binder.mapHeader(fields); !s) {
        result.status = s;
        return result;
    }
    // At most a fact per line: one allocation instead of a copy of every fact per doubling.
    result.facts.reserve(countLines(csv));
    auto file = std::make_shared<const std::string>(fileName);
    RowBatch batch;
    batch.csv = csv;
    for (bool more = true; more;) {
        more = batch.read(reader, fields);
        binder.prefetch(batch.fields, batch.rowEnds);
        for (size_t row = 0, start = 0; row < batch.rowEnds.size(); start = batch.rowEnds[row++])
            bindOneRow(binder, batch.row(row, start), batch.lines[row], file, progress, result);
    }
    if (!reader.error().empty()) result.status = Status::error(reader.error());
    return result;
}

} // namespace chipgraph::bind
