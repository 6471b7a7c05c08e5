#include "schema/names_over_time.h"

#include "common/text.h"

namespace chipgraph::schema {

std::optional<DayNumber> nameKnownFrom(const Catalog& catalog, const NameTerms& terms) {
    if (terms.source == kNoId) return kMinDay;
    const SourceInfo& source = catalog.source(terms.source);
    if (!source.published) return std::nullopt;
    return source.published->lastDay();
}

bool nameKnownAt(const Catalog& catalog, const NameTerms& terms, DayNumber day) {
    std::optional<DayNumber> from = nameKnownFrom(catalog, terms);
    return from && *from <= day;
}

const std::string& nameShownAt(const Catalog& catalog, const EntityInfo& entity, DayNumber day) {
    if (nameKnownAt(catalog, entity.nameTerms, day)) return entity.name;
    const std::string* shown = &entity.name;
    DayNumber latest = kMinDay;
    bool found = false;
    for (size_t i = 0; i < entity.aliases.size(); ++i) {
        const NameTerms& terms = entity.aliasTerms[i];
        if (terms.source == kNoId || !nameKnownAt(catalog, terms, day)) continue;
        DayNumber from = *nameKnownFrom(catalog, terms);
        if (found && from <= latest) continue;
        shown = &entity.aliases[i];
        latest = from;
        found = true;
    }
    return *shown;
}

int nameIndex(const EntityInfo& entity, std::string_view written) {
    std::string key = text::foldCase(written);
    if (text::foldCase(entity.name) == key) return kEntityName;
    for (size_t i = 0; i < entity.aliases.size(); ++i)
        if (text::foldCase(entity.aliases[i]) == key) return static_cast<int>(i);
    return kNotAName;
}

const NameTerms* termsOfName(const EntityInfo& entity, std::string_view written) {
    int index = nameIndex(entity, written);
    if (index == kNotAName) return nullptr;
    return index == kEntityName ? &entity.nameTerms : &entity.aliasTerms[index];
}

const std::string* nameValidThroughout(const EntityInfo& entity, const Interval& window) {
    auto covers = [&](const NameTerms& t) { return t.valid.intersect(window) == window; };
    if (covers(entity.nameTerms)) return &entity.name;
    for (size_t i = 0; i < entity.aliases.size(); ++i)
        if (covers(entity.aliasTerms[i])) return &entity.aliases[i];
    return nullptr;
}

} // namespace chipgraph::schema
