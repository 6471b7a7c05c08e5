// Answers to a display table: rows sorted on comparable keys (numbers numerically, texts by
// folded rank), limited, then the cells of the rows kept built in order (repeated texts
// formatted once per query, query_texts.h).
#include "eval/query_answer.h"

#include "eval/expr_eval.h"
#include "eval/query_texts.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace chipgraph::eval {

namespace {

// A comparable form of one cell: numbers compare numerically, the rest as folded text — by
// rank: every distinct text is folded and ranked once per query (DisplayTexts), so sorting
// compares integers, not strings.
struct SortKey {
    double number = 0;    // numeric: the value
    uint32_t other = 0;   // numeric: a second key (an interval's end day); else the text's slot
    bool numeric = false; // 16 bytes in all: a table has one per cell
    static SortKey ofNumber(double number, DayNumber tie = 0) {
        return {number, static_cast<uint32_t>(tie), true};
    }
    static SortKey ofText(uint32_t slot) { return {0, slot, false}; }

    int compare(const SortKey& o, const std::vector<uint32_t>& ranks) const {
        if (numeric && o.numeric) {
            if (number != o.number) return number < o.number ? -1 : 1;
            auto a = static_cast<DayNumber>(other), b = static_cast<DayNumber>(o.other);
            return a < b ? -1 : a > b ? 1 : 0;
        }
        if (numeric != o.numeric) return numeric ? -1 : 1;
        uint32_t a = ranks[other], b = ranks[o.other];
        return a < b ? -1 : a > b ? 1 : 0;
    }
};
static_assert(sizeof(SortKey) == 16);

// A sort key as one integer ordered as compare() orders the keys, or equal when they are
// equal; rows it cannot tell apart go to the full comparison. Numbers come first, by
// their bits made order-preserving (the last bit dropped: that may only make two equal), then
// texts by rank. Sorting on it touches one array instead of every row's keys.
uint64_t primaryKey(const SortKey& key, const std::vector<uint32_t>& ranks, bool descending) {
    uint64_t primary = (uint64_t{1} << 63) | (key.numeric ? 0 : ranks[key.other]);
    if (key.numeric) {
        double number = key.number == 0 ? 0.0 : key.number; // -0 compares equal to 0
        uint64_t bits;
        std::memcpy(&bits, &number, sizeof bits);
        bits = bits >> 63 ? ~bits : bits | (uint64_t{1} << 63);
        primary = bits >> 1;
    }
    return descending ? ~primary : primary;
}

// Whether primaryKey() tells `key` from every other key: a text's rank does; a number does
// unless the dropped bit is set or it has a second key.
bool keyedExactly(const SortKey& key) {
    if (!key.numeric) return true;
    double number = key.number == 0 ? 0.0 : key.number;
    uint64_t bits;
    std::memcpy(&bits, &number, sizeof bits);
    return key.other == 0 && ((bits >> 63 ? ~bits : bits) & 1) == 0;
}

// Appends a text cell, its text copied once (a cell built and then moved copies it thrice).
template <class Text> void addText(std::vector<Cell>& cells, const Text& text) {
    Cell& cell = cells.emplace_back();
    cell.kind = Cell::Kind::Text;
    cell.text = text;
}

// One answer's sort keys, one per column. Entity names and source lists come ranked
// (DisplayTexts); numbers are not formatted for sorting.
void keysOf(const Answers& answers, const Answer& a, const schema::Catalog& catalog,
            IntervalTexts& intervals, DisplayTexts& texts, SortKey* keys) {
    const Value* values = answers.valuesOf(a);
    for (size_t i = 0; i < answers.width; ++i) {
        const Value& v = values[i];
        if (v.isEntity())
            *keys++ = SortKey::ofText(texts.entitySlot(v, catalog));
        else if (v.isNumber())
            *keys++ = SortKey::ofNumber(v.numberValue().sortKey());
        else
            *keys++ = SortKey::ofText(texts.slotOf(displayValue(v, catalog)));
    }
    *keys++ = SortKey::ofNumber(a.valid.from, a.valid.to);
    *keys++ = SortKey::ofNumber(static_cast<double>(a.status));
    *keys++ = SortKey::ofText(texts.ofSources(a.sources, answers.sources, catalog).slot);
    *keys = SortKey::ofNumber(a.reported ? intervals.of(*a.reported).firstDay : -1e18);
}

// One answer's cells: built for the rows shown only, in their order (rows freed later go in
// the order they were allocated).
void cellsOf(const Answers& answers, const Answer& a, const schema::Catalog& catalog,
             IntervalTexts& intervals, DisplayTexts& texts, std::vector<Cell>& cells) {
    cells.reserve(answers.width + bind::kProvenanceColumns.size() + answers.atoms);
    const Value* values = answers.valuesOf(a);
    for (size_t i = 0; i < answers.width; ++i) {
        const Value& v = values[i];
        if (v.isEntity()) {
            addText(cells, texts.ofEntity(v, catalog).display);
        } else if (v.isNumber()) {
            // Every number is a number cell, its precision kept: JSON never gets a string.
            Cell& cell = cells.emplace_back(); // in place: a cell moved copies its text
            cell.kind = Cell::Kind::Number;
            cell.number = v.numberValue();
            cell.text = cell.number.kind == NumberKind::Exact ? formatNumber(cell.number.lo)
                                                              : displayValue(v, catalog);
        } else {
            cells.push_back(Cell::ofText(displayValue(v, catalog)));
        }
    }
    addText(cells, intervals.of(a.valid));
    addText(cells, schema::statusName(a.status));
    const DisplayTexts::Texts& sources = texts.ofSources(a.sources, answers.sources, catalog);
    if (sources.display.empty())
        cells.emplace_back();
    else
        addText(cells, sources.display);
    if (a.reported)
        addText(cells, intervals.of(*a.reported).text);
    else
        cells.emplace_back();
    for (size_t atom = 0; atom < answers.atoms; ++atom) { // detail: each atom's sources
        const std::string& display =
            texts.ofSources(answers.atomSourcesOf(a, atom), answers.sources, catalog).display;
        if (display.empty())
            cells.emplace_back();
        else
            addText(cells, display);
    }
}

// `source.<relation>` for each positive atom, in the query's order; a relation's second atom
// is `source.<relation>.2`, and so on.
std::vector<std::string> atomSourceColumns(const bind::BoundQuery& query,
                                           const schema::Catalog& catalog) {
    std::vector<std::string> names;
    std::map<RelationId, int> seen;
    for (const bind::BoundAtom& atom : query.atoms) {
        int n = ++seen[atom.relation];
        names.push_back("source." + catalog.relation(atom.relation).name +
                        (n > 1 ? "." + std::to_string(n) : ""));
    }
    return names;
}

// Reorders `run` (positions of answers whose first two keys tie, or whose first keys
// primaryKey() cannot tell apart) on every key, in `order`; ties keep their order.
template <class Ordered>
void sortRun(const Answers& answers, const std::vector<bind::OrderKey>& order,
             const std::vector<uint32_t>& ranks, const schema::Catalog& catalog,
             IntervalTexts& intervals, DisplayTexts& texts, Ordered* run, size_t size) {
    if (size < 2) return;
    const size_t columnCount = answers.width + bind::kProvenanceColumns.size();
    // Every text these keys name was ranked already: keysOf() only finds their slots again.
    std::vector<SortKey> keys(size * columnCount);
    for (size_t k = 0; k < size; ++k)
        keysOf(answers, answers.answers[run[k].row], catalog, intervals, texts,
               &keys[k * columnCount]);
    std::vector<uint32_t> at(size);
    for (uint32_t k = 0; k < size; ++k)
        at[k] = k;
    std::stable_sort(at.begin(), at.end(), [&](uint32_t x, uint32_t y) {
        const SortKey *a = &keys[x * columnCount], *b = &keys[y * columnCount];
        for (const bind::OrderKey& k : order) {
            int cmp = a[k.column].compare(b[k.column], ranks);
            if (cmp != 0) return k.descending ? cmp > 0 : cmp < 0;
        }
        return false;
    });
    std::vector<Ordered> copy(run, run + size);
    for (size_t k = 0; k < size; ++k)
        run[k] = copy[at[k]];
}

// The answers' order (requested keys, then every column left to right, so the order is
// total; ties keep the answers' order). Each answer's first two keys become integers ordered
// as the keys are (primaryKey) and the answers are sorted on those; only the runs they leave
// undecided are sorted again on every key. Rows mostly differ in their first two keys, so a
// large table seldom holds every cell's key (16 bytes a cell: 56 MB for 500 000 answers).
std::vector<uint32_t> sortedAnswers(const Answers& answers,
                                    const std::vector<bind::OrderKey>& order,
                                    const schema::Catalog& catalog, IntervalTexts& intervals,
                                    DisplayTexts& texts) {
    const size_t count = answers.answers.size();
    const size_t columnCount = answers.width + bind::kProvenanceColumns.size();
    // Every key is built once, so that every text a row sorts by is ranked; two are kept.
    std::vector<SortKey> row(columnCount), lead(2 * count);
    for (size_t i = 0; i < count; ++i) {
        keysOf(answers, answers.answers[i], catalog, intervals, texts, row.data());
        lead[2 * i] = row[order[0].column];
        lead[2 * i + 1] = row[order[1].column];
    }
    std::vector<uint32_t> ranks = texts.ranks();
    struct Ordered {
        uint64_t first, second;
        uint32_t row;
        bool exact; // `first` tells this row's first key from every other
    };
    std::vector<Ordered> ordered(count);
    for (uint32_t i = 0; i < count; ++i)
        ordered[i] = {primaryKey(lead[2 * i], ranks, order[0].descending),
                      primaryKey(lead[2 * i + 1], ranks, order[1].descending), i,
                      keyedExactly(lead[2 * i])};
    lead = {};
    // A merge sort: answers arrive in patterns (grouped, then by time) on which introsort's
    // pivots degrade.
    std::stable_sort(ordered.begin(), ordered.end(), [](const Ordered& x, const Ordered& y) {
        return x.first != y.first ? x.first < y.first : x.second < y.second;
    });
    // Equal first integers: the first keys are equal where both tell theirs exactly (then the
    // second integers order the rows, equal ones left undecided); else the whole run is.
    auto resort = [&](size_t from, size_t to) {
        sortRun(answers, order, ranks, catalog, intervals, texts, &ordered[from], to - from);
    };
    for (size_t from = 0; from < count;) {
        size_t to = from + 1;
        bool exact = ordered[from].exact;
        for (; to < count && ordered[to].first == ordered[from].first; ++to)
            exact = exact && ordered[to].exact;
        for (size_t a = from; a < to;) {
            size_t b = exact ? a + 1 : to;
            while (b < to && ordered[b].second == ordered[a].second)
                ++b;
            resort(a, b);
            a = b;
        }
        from = to;
    }
    std::vector<uint32_t> sorted(count);
    for (uint32_t i = 0; i < count; ++i)
        sorted[i] = ordered[i].row;
    return sorted;
}

} // namespace

QueryAnswers tabulate(const bind::BoundQuery& query, Answers answers,
                      const schema::Catalog& catalog, bool withBindings) {
    IntervalTexts intervals;
    DisplayTexts texts;
    texts.nameEntities(answers.values, catalog);
    // Requested keys first, then every column left to right, so the order is always total.
    std::vector<bind::OrderKey> order = query.orderBy;
    for (size_t c = 0; c < answers.width + bind::kProvenanceColumns.size(); ++c)
        order.push_back({static_cast<int>(c), false});
    std::vector<uint32_t> sorted = sortedAnswers(answers, order, catalog, intervals, texts);
    if (query.limit && sorted.size() > static_cast<size_t>(*query.limit))
        sorted.resize(static_cast<size_t>(*query.limit));

    QueryAnswers out;
    Table& table = out.table;
    for (const bind::Variable& v : query.variables)
        table.columns.push_back(v.name);
    for (const std::string& c : bind::kProvenanceColumns)
        table.columns.push_back(c);
    for (std::string& c : atomSourceColumns(query, catalog))
        table.columns.push_back(std::move(c));
    table.detailColumns = answers.atoms;
    table.rows.reserve(sorted.size());
    constexpr size_t kValuesAhead = 8, kAnswerAhead = 16;
    for (size_t k = 0; k < sorted.size(); ++k) {
        // Sorted rows read the answers in no order: a cache miss for the answer, then for its
        // values. Fetched ahead (the answer further ahead: its values' address is in it), the
        // misses of several rows overlap instead of queueing. (Written here, not in a function
        // of its own: GCC deems a function that only prefetches pure and drops its calls.)
        if (k + kAnswerAhead < sorted.size())
            __builtin_prefetch(&answers.answers[sorted[k + kAnswerAhead]]);
        if (k + kValuesAhead < sorted.size()) {
            const Value* values = answers.valuesOf(answers.answers[sorted[k + kValuesAhead]]);
            for (size_t v = 0; v < answers.width; v += 2) // a cache line: a Value and a half
                __builtin_prefetch(values + v);
        }
        uint32_t i = sorted[k];
        cellsOf(answers, answers.answers[i], catalog, intervals, texts, table.rows.emplace_back());
        if (withBindings) {
            const Value* values = answers.valuesOf(answers.answers[i]);
            out.bindings.emplace_back(values, values + answers.width);
        }
    }
    for (uint32_t set = 0; set < answers.sources.size(); ++set)
        for (SourceId s : answers.sources.at(set))
            if (const schema::SourceInfo& info = catalog.source(s); !info.url.empty())
                table.links.emplace(info.name, info.url);
    return out;
}

} // namespace chipgraph::eval
