#include "eval/query_texts.h"

#include "common/text.h"
#include "eval/expr_eval.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace chipgraph::eval {

const std::string& IntervalTexts::of(const Interval& valid) {
    auto [text, fresh] = texts_.find((uint64_t(uint32_t(valid.from)) << 32) | uint32_t(valid.to));
    if (fresh) *text = formatInterval(valid);
    return *text;
}

const IntervalTexts::Date& IntervalTexts::of(const PartialDate& date) {
    // Packed without calendar arithmetic: precision (3 bits), part (4), day (5), year (32).
    uint64_t key = static_cast<uint64_t>(date.precision) << 41 |
                   static_cast<uint64_t>(date.part & 15) << 37 |
                   static_cast<uint64_t>(date.day & 31) << 32 | uint32_t(date.year);
    auto [entry, fresh] = dates_.find(key);
    if (fresh) *entry = {date.toString(), date.firstDay()};
    return *entry;
}

const DisplayTexts::Texts& DisplayTexts::ofEntity(const Value& v, const schema::Catalog& catalog) {
    EntityId id = v.entityId();
    if (id > 0 && id < denseLimit_) {
        DenseEntity& entity = dense(id);
        if (entity.texts >= kWanted) {
            entity.texts = static_cast<uint32_t>(entityTexts_.size());
            fill(entityTexts_.emplace_back(), displayValue(v, catalog));
            entity.slot = entityTexts_.back().slot;
        }
        return entityTexts_[entity.texts];
    }
    auto [texts, fresh] = entities_.find(static_cast<uint64_t>(id));
    if (fresh) fill(*texts, displayValue(v, catalog));
    return *texts;
}

uint32_t DisplayTexts::entitySlot(const Value& v, const schema::Catalog& catalog) {
    EntityId id = v.entityId();
    if (id > 0 && static_cast<size_t>(id) < denseEntities_.size() &&
        denseEntities_[id].texts < kWanted)
        return denseEntities_[id].slot;
    return ofEntity(v, catalog).slot;
}

void DisplayTexts::nameEntities(const std::vector<Value>& values, const schema::Catalog& catalog) {
    // At most 32 bytes of array per value (8 per entry): small tables keep to the hash.
    denseLimit_ = std::min<EntityId>(kDenseEntities, 4 * static_cast<EntityId>(values.size()));
    size_t wanted = 0;
    for (const Value& v : values)
        if (v.isEntity() && v.entityId() > 0 && v.entityId() < denseLimit_) {
            uint32_t& texts = dense(v.entityId()).texts;
            if (texts == kNoTexts) texts = kWanted, ++wanted;
        }
    catalog.expectEntityReads(wanted); // half a million names: one scan, not a read each
    for (size_t id = 0; id < denseEntities_.size(); ++id)
        if (denseEntities_[id].texts == kWanted)
            ofEntity(Value::entity(static_cast<EntityId>(id)), catalog);
}

const DisplayTexts::Texts& DisplayTexts::ofSources(uint32_t id, const SourceSets& sets,
                                                   const schema::Catalog& catalog) {
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

uint32_t DisplayTexts::slotOf(const std::string& display) {
    std::string folded = text::foldCase(display);
    size_t hash = std::hash<std::string>()(folded);
    if ((folded_.size() + 1) * 2 > foldedSlots_.size()) growSlots();
    size_t mask = foldedSlots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        FoldedSlot& s = foldedSlots_[i];
        if (s.slot == UINT32_MAX) {
            s = {hash, static_cast<uint32_t>(folded_.size())};
            folded_.push_back(std::move(folded));
            return s.slot;
        }
        if (s.hash == hash && folded_[s.slot] == folded) return s.slot;
    }
}

void DisplayTexts::growSlots() {
    foldedSlots_.assign(std::max<size_t>(64, 2 * foldedSlots_.size()), FoldedSlot{});
    size_t mask = foldedSlots_.size() - 1;
    for (uint32_t slot = 0; slot < folded_.size(); ++slot) {
        size_t hash = std::hash<std::string>()(folded_[slot]);
        size_t i = hash & mask;
        while (foldedSlots_[i].slot != UINT32_MAX)
            i = (i + 1) & mask;
        foldedSlots_[i] = {hash, slot};
    }
}

std::vector<uint32_t> DisplayTexts::ranks() const {
    // Sorted on the first eight bytes (big-endian, zero-padded: ordered as the strings are
    // wherever they differ), the strings compared only where those are equal.
    struct Prefixed {
        uint64_t prefix;
        uint32_t slot;
    };
    std::vector<Prefixed> order(folded_.size());
    for (uint32_t i = 0; i < order.size(); ++i) {
        unsigned char bytes[8] = {};
        std::memcpy(bytes, folded_[i].data(), std::min<size_t>(8, folded_[i].size()));
        uint64_t prefix = 0;
        for (unsigned char b : bytes)
            prefix = prefix << 8 | b;
        order[i] = {prefix, i};
    }
    std::sort(order.begin(), order.end(), [&](const Prefixed& a, const Prefixed& b) {
        if (a.prefix != b.prefix) return a.prefix < b.prefix;
        return folded_[a.slot] < folded_[b.slot];
    });
    std::vector<uint32_t> rank(order.size());
    for (uint32_t r = 0; r < order.size(); ++r)
        rank[order[r].slot] = r;
    return rank;
}

} // namespace chipgraph::eval
