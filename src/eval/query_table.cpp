// Answers to a display table: cells formatted once per distinct text, rows sorted on
// comparable keys (numbers numerically, texts by folded rank), then limited.
#include "eval/query_answer.h"

#include "common/text.h"
#include "eval/expr_eval.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <unordered_map>
#include <utility>

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

// A row's first sort key as one integer ordered as compare() orders the keys, or equal when
// they are equal; rows it cannot tell apart go to the full comparison. Numbers come first, by
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

// Texts built once per query, by a 64-bit key (an interval, a date, an entity): open
// addressing over a flat array, entries in a deque (references stay valid). A node-based map
// costs a division and a pointer chase per lookup, and a table has a lookup per cell.
template <class T> class TextsByKey {
public:
    // The entry of `key`, and whether it was just created (empty).
    std::pair<T*, bool> find(uint64_t key) {
        if ((entries_.size() + 1) * 2 > slots_.size()) grow();
        size_t mask = slots_.size() - 1;
        for (size_t i = mixed(key) & mask;; i = (i + 1) & mask) {
            Slot& slot = slots_[i];
            if (slot.index == kEmpty) {
                slot = {key, static_cast<uint32_t>(entries_.size())};
                return {&entries_.emplace_back(), true};
            }
            if (slot.key == key) return {&entries_[slot.index], false};
        }
    }

private:
    static constexpr uint32_t kEmpty = UINT32_MAX;
    struct Slot {
        uint64_t key = 0;
        uint32_t index = kEmpty;
    };
    static size_t mixed(uint64_t key) {
        key ^= key >> 33;
        key *= 0xff51afd7ed558ccdULL;
        return static_cast<size_t>(key ^ (key >> 33));
    }
    void grow() {
        std::vector<Slot> old =
            std::exchange(slots_, std::vector<Slot>(std::max<size_t>(64, 2 * slots_.size())));
        size_t mask = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.index == kEmpty) continue;
            size_t i = mixed(slot.key) & mask;
            while (slots_[i].index != kEmpty)
                i = (i + 1) & mask;
            slots_[i] = slot;
        }
    }
    std::deque<T> entries_;
    std::vector<Slot> slots_;
};

// Formatting an interval walks calendar periods, a date goes through snprintf; answers share
// few distinct ones (one per year, say), so each is formatted once per query. A partial date
// is identified by its first and last day.
class IntervalTexts {
public:
    const std::string& of(const Interval& valid) {
        auto [text, fresh] = texts_.find(key(valid.from, valid.to));
        if (fresh) *text = formatInterval(valid);
        return *text;
    }
    const std::string& of(const PartialDate& date) {
        auto [text, fresh] = dates_.find(key(date.firstDay(), date.lastDay()));
        if (fresh) *text = date.toString();
        return *text;
    }

private:
    static uint64_t key(DayNumber a, DayNumber b) {
        return (uint64_t(uint32_t(a)) << 32) | uint32_t(b);
    }
    TextsByKey<std::string> texts_, dates_;
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
        auto [texts, fresh] = entities_.find(static_cast<uint64_t>(v.entityId()));
        if (fresh) fill(*texts, displayValue(v, catalog));
        return *texts;
    }
    // The sources of set `id` (answers share a handful of sets).
    const Texts& ofSources(uint32_t id, const SourceSets& sets, const schema::Catalog& catalog) {
        if (id >= sources_.size()) sources_.resize(sets.size());
        std::optional<Texts>& texts = sources_[id];
        if (texts) return *texts;
        // Sources read as a timeline: by publication date, then name.
        std::vector<const schema::SourceInfo*> ordered;
        for (SourceId s : sets.at(id))
            ordered.push_back(&catalog.source(s));
        std::sort(ordered.begin(), ordered.end(), [](const auto* x, const auto* y) {
            DayNumber dx = x->published ? x->published->firstDay() : kMinDay;
            DayNumber dy = y->published ? y->published->firstDay() : kMinDay;
            return dx != dy ? dx < dy : x->name < y->name;
        });
        std::string text;
        for (const schema::SourceInfo* s : ordered)
            text += (text.empty() ? "" : ", ") + s->name;
        fill(texts.emplace(), std::move(text));
        return *texts;
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
    TextsByKey<Texts> entities_;
    std::vector<std::optional<Texts>> sources_;       // by source set id
    std::unordered_map<std::string, uint32_t> slots_; // folded text -> slot
    std::vector<const std::string*> folded_;          // by slot (keys of slots_: stable)
};

// Appends a text cell, its text copied once (a cell built and then moved copies it thrice).
template <class Text> void addText(std::vector<Cell>& cells, const Text& text) {
    Cell& cell = cells.emplace_back();
    cell.kind = Cell::Kind::Text;
    cell.text = text;
}

// Fills one row's cells and its sort keys (one per column).
void makeRow(const Answers& answers, const Answer& a, const schema::Catalog& catalog,
             IntervalTexts& intervals, DisplayTexts& texts, std::vector<Cell>& cells,
             SortKey* keys) {
    cells.reserve(answers.width + 4);
    const Value* values = answers.valuesOf(a);
    for (size_t i = 0; i < answers.width; ++i) {
        const Value& v = values[i];
        if (v.isEntity()) {
            const DisplayTexts::Texts& t = texts.ofEntity(v, catalog);
            addText(cells, t.display);
            *keys++ = SortKey::ofText(t.slot);
            continue;
        }
        std::string display = displayValue(v, catalog);
        if (v.isNumber()) {
            const Number& n = v.numberValue();
            cells.push_back(n.kind == NumberKind::Exact ? Cell::ofNumber(std::move(display), n.lo)
                                                        : Cell::ofText(std::move(display)));
            *keys++ = SortKey::ofNumber(n.sortKey());
        } else {
            *keys++ = SortKey::ofText(texts.slotOf(display));
            cells.push_back(Cell::ofText(std::move(display)));
        }
    }
    addText(cells, intervals.of(a.valid));
    *keys++ = SortKey::ofNumber(a.valid.from, a.valid.to);
    addText(cells, schema::statusName(a.status));
    *keys++ = SortKey::ofNumber(static_cast<double>(a.status));
    const DisplayTexts::Texts& sources = texts.ofSources(a.sources, answers.sources, catalog);
    if (sources.display.empty())
        cells.emplace_back();
    else
        addText(cells, sources.display);
    *keys++ = SortKey::ofText(sources.slot);
    const std::optional<PartialDate>& reported = a.reported;
    if (reported)
        addText(cells, intervals.of(*reported));
    else
        cells.emplace_back();
    *keys = SortKey::ofNumber(reported ? reported->firstDay() : -1e18);
}

} // namespace

QueryAnswers tabulate(const bind::BoundQuery& query, Answers answers,
                      const schema::Catalog& catalog, bool withBindings) {
    const size_t count = answers.answers.size();
    const size_t columnCount = answers.width + bind::kProvenanceColumns.size();
    // Cells and keys by answer; keys flat, `columnCount` per answer.
    std::vector<std::vector<Cell>> cells(count);
    std::vector<SortKey> keys(count * columnCount);
    IntervalTexts intervals;
    DisplayTexts texts;
    for (size_t i = 0; i < count; ++i)
        makeRow(answers, answers.answers[i], catalog, intervals, texts, cells[i],
                &keys[i * columnCount]);
    // Requested keys first, then every column left to right, so the order is always total.
    std::vector<bind::OrderKey> order = query.orderBy;
    for (size_t c = 0; c < columnCount; ++c)
        order.push_back({static_cast<int>(c), false});
    // Sorting indices, not rows (a row is a vector of strings), with the first key beside
    // them; ties fall back to the full comparison, then keep the answers' order (stable).
    std::vector<uint32_t> ranks = texts.ranks();
    struct Ordered {
        uint64_t primary;
        uint32_t row;
    };
    std::vector<Ordered> ordered(count);
    for (uint32_t i = 0; i < count; ++i)
        ordered[i] = {
            primaryKey(keys[i * columnCount + order[0].column], ranks, order[0].descending), i};
    // A merge sort: answers arrive in patterns (grouped, then by time) on which introsort's
    // pivots degrade.
    std::stable_sort(ordered.begin(), ordered.end(), [&](const Ordered& x, const Ordered& y) {
        if (x.primary != y.primary) return x.primary < y.primary;
        const SortKey *a = &keys[x.row * columnCount], *b = &keys[y.row * columnCount];
        for (const bind::OrderKey& k : order) {
            int cmp = a[k.column].compare(b[k.column], ranks);
            if (cmp != 0) return k.descending ? cmp > 0 : cmp < 0;
        }
        return false;
    });
    std::vector<uint32_t> sorted(count);
    for (uint32_t i = 0; i < count; ++i)
        sorted[i] = ordered[i].row;
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
        table.rows.push_back(std::move(cells[i]));
        if (withBindings) {
            const Value* values = answers.valuesOf(answers.answers[i]);
            out.bindings.emplace_back(values, values + answers.width);
        }
    }
    return out;
}

} // namespace chipgraph::eval
