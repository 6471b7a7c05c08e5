// Answers to a display table: cells formatted once per distinct text, rows sorted on
// comparable keys (numbers numerically, texts by folded rank), then limited.
#include "eval/query_answer.h"

#include "common/text.h"
#include "eval/expr_eval.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace chipgraph::eval {

namespace {

// A comparable form of one cell: numbers compare numerically, the rest as folded text — by
// rank: every distinct text is folded and ranked once per query (DisplayTexts), so sorting
// compares integers, not strings.
struct SortKey {
    bool numeric = false;
    double number = 0;
    double tie = 0;    // second numeric key (an interval's end)
    uint32_t text = 0; // non-numeric: the text's slot in DisplayTexts
    int compare(const SortKey& o, const std::vector<uint32_t>& ranks) const {
        if (numeric && o.numeric) {
            if (number != o.number) return number < o.number ? -1 : 1;
            return tie < o.tie ? -1 : tie > o.tie ? 1 : 0;
        }
        if (numeric != o.numeric) return numeric ? -1 : 1;
        uint32_t a = ranks[text], b = ranks[o.text];
        return a < b ? -1 : a > b ? 1 : 0;
    }
};

struct Row {
    std::vector<Cell> cells;
    std::vector<SortKey> keys;
    size_t answer = 0; // index into the answers, for their values
};

// Formatting an interval walks calendar periods, a date goes through snprintf; answers share
// few distinct ones (one per year, say), so each is formatted once per query. A partial date
// is identified by its first and last day.
class IntervalTexts {
public:
    const std::string& of(const Interval& valid) {
        auto [it, fresh] = texts_.try_emplace(key(valid.from, valid.to));
        if (fresh) it->second = formatInterval(valid);
        return it->second;
    }
    const std::string& of(const PartialDate& date) {
        auto [it, fresh] = dates_.try_emplace(key(date.firstDay(), date.lastDay()));
        if (fresh) it->second = date.toString();
        return it->second;
    }

private:
    static uint64_t key(DayNumber a, DayNumber b) {
        return (uint64_t(uint32_t(a)) << 32) | uint32_t(b);
    }
    std::unordered_map<uint64_t, std::string> texts_, dates_;
};

// Texts that repeat across rows — an entity's name, a set of sources — are built once per
// query; every text a row sorts by gets a slot, ranked by its folded form before sorting.
class DisplayTexts {
public:
    struct Texts {
        std::string display;
        uint32_t slot = 0;
    };
    const Texts& ofEntity(const Value& v, const schema::Catalog& catalog) {
        auto [it, fresh] = entities_.try_emplace(v.entityId());
        if (fresh) fill(it->second, displayValue(v, catalog));
        return it->second;
    }
    const Texts& ofSources(const std::vector<SourceId>& ids, const schema::Catalog& catalog) {
        auto [it, fresh] = sources_.try_emplace(ids);
        if (!fresh) return it->second;
        // Sources read as a timeline: by publication date, then name.
        std::vector<const schema::SourceInfo*> ordered;
        for (SourceId s : ids)
            ordered.push_back(&catalog.source(s));
        std::sort(ordered.begin(), ordered.end(), [](const auto* x, const auto* y) {
            DayNumber dx = x->published ? x->published->firstDay() : kMinDay;
            DayNumber dy = y->published ? y->published->firstDay() : kMinDay;
            return dx != dy ? dx < dy : x->name < y->name;
        });
        std::string text;
        for (const schema::SourceInfo* s : ordered)
            text += (text.empty() ? "" : ", ") + s->name;
        fill(it->second, std::move(text));
        return it->second;
    }
    uint32_t slotOf(const std::string& display) {
        auto [it, fresh] =
            slots_.try_emplace(text::foldCase(display), static_cast<uint32_t>(folded_.size()));
        if (fresh) folded_.push_back(&it->first);
        return it->second;
    }
    // Rank of each slot in folded-text order.
    std::vector<uint32_t> ranks() const {
        std::vector<uint32_t> order(folded_.size());
        for (uint32_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&](uint32_t a, uint32_t b) { return *folded_[a] < *folded_[b]; });
        std::vector<uint32_t> rank(order.size());
        for (uint32_t r = 0; r < order.size(); ++r)
            rank[order[r]] = r;
        return rank;
    }

private:
    void fill(Texts& texts, std::string display) {
        texts.slot = slotOf(display);
        texts.display = std::move(display);
    }
    std::unordered_map<EntityId, Texts> entities_;
    std::map<std::vector<SourceId>, Texts> sources_;
    std::unordered_map<std::string, uint32_t> slots_; // folded text -> slot
    std::vector<const std::string*> folded_;          // by slot (keys of slots_: stable)
};

Row makeRow(const Answer& a, const schema::Catalog& catalog, IntervalTexts& intervals,
            DisplayTexts& texts) {
    Row row;
    row.cells.reserve(a.values.size() + 4);
    row.keys.reserve(a.values.size() + 4);
    for (const Value& v : a.values) {
        if (v.isEntity()) {
            const DisplayTexts::Texts& t = texts.ofEntity(v, catalog);
            row.cells.push_back(Cell::ofText(t.display));
            row.keys.push_back({false, 0, 0, t.slot});
            continue;
        }
        std::string display = displayValue(v, catalog);
        if (v.isNumber()) {
            const Number& n = v.numberValue();
            row.cells.push_back(n.kind == NumberKind::Exact ? Cell::ofNumber(display, n.lo)
                                                            : Cell::ofText(display));
            row.keys.push_back({true, n.sortKey()});
        } else {
            row.keys.push_back({false, 0, 0, texts.slotOf(display)});
            row.cells.push_back(Cell::ofText(std::move(display)));
        }
    }
    row.cells.push_back(Cell::ofText(intervals.of(a.valid)));
    row.keys.push_back({true, static_cast<double>(a.valid.from), static_cast<double>(a.valid.to)});
    row.cells.push_back(Cell::ofText(schema::statusName(a.status)));
    row.keys.push_back({true, static_cast<double>(a.status)});
    const DisplayTexts::Texts& sources = texts.ofSources(a.sources, catalog);
    row.cells.push_back(sources.display.empty() ? Cell::null() : Cell::ofText(sources.display));
    row.keys.push_back({false, 0, 0, sources.slot});
    const std::optional<PartialDate>& reported = a.reported;
    row.cells.push_back(reported ? Cell::ofText(intervals.of(*reported)) : Cell::null());
    row.keys.push_back({true, reported ? static_cast<double>(reported->firstDay()) : -1e18});
    return row;
}

} // namespace

QueryAnswers tabulate(const bind::BoundQuery& query, std::vector<Answer> answers,
                      const schema::Catalog& catalog) {
    std::vector<Row> rows;
    rows.reserve(answers.size());
    IntervalTexts intervals;
    DisplayTexts texts;
    for (size_t i = 0; i < answers.size(); ++i) {
        rows.push_back(makeRow(answers[i], catalog, intervals, texts));
        rows.back().answer = i;
    }
    // Requested keys first, then every column left to right, so the order is always total.
    std::vector<bind::OrderKey> order = query.orderBy;
    size_t columnCount = query.variables.size() + bind::kProvenanceColumns.size();
    for (size_t c = 0; c < columnCount; ++c)
        order.push_back({static_cast<int>(c), false});
    // Sorting indices, not rows: a row is two vectors of strings.
    std::vector<uint32_t> ranks = texts.ranks();
    std::vector<uint32_t> sorted(rows.size());
    for (uint32_t i = 0; i < sorted.size(); ++i)
        sorted[i] = i;
    std::stable_sort(sorted.begin(), sorted.end(), [&](uint32_t x, uint32_t y) {
        const Row &a = rows[x], &b = rows[y];
        for (const bind::OrderKey& k : order) {
            int cmp = a.keys[k.column].compare(b.keys[k.column], ranks);
            if (cmp != 0) return k.descending ? cmp > 0 : cmp < 0;
        }
        return false;
    });
    if (query.limit && sorted.size() > static_cast<size_t>(*query.limit))
        sorted.resize(static_cast<size_t>(*query.limit));

    QueryAnswers out;
    Table& table = out.table;
    for (const bind::Variable& v : query.variables)
        table.columns.push_back(v.name);
    for (const std::string& c : bind::kProvenanceColumns)
        table.columns.push_back(c);
    table.rows.reserve(sorted.size());
    for (uint32_t i : sorted) {
        table.rows.push_back(std::move(rows[i].cells));
        out.bindings.push_back(std::move(answers[rows[i].answer].values));
    }
    return out;
}

} // namespace chipgraph::eval
