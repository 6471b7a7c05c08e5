#include "schema/drawing.h"

#include <array>
#include <utility>

namespace chipgraph::schema {

namespace {

constexpr std::array<std::pair<const char*, TypeLook>, 9> kLooks{{
    {"owner", TypeLook::Owner},
    {"product", TypeLook::Product},
    {"partner", TypeLook::Partner},
    {"plant", TypeLook::Plant},
    {"process", TypeLook::Process},
    {"supplier", TypeLook::Supplier},
    {"customer", TypeLook::Customer},
    {"organization", TypeLook::Organization},
    {"plain", TypeLook::Plain},
}};

constexpr std::array<std::pair<const char*, RelationPart>, 4> kParts{{
    {"owner", RelationPart::Owner},
    {"edge", RelationPart::Edge},
    {"successor", RelationPart::Successor},
    {"event", RelationPart::Event},
}};

template <typename Table, typename T> const char* nameIn(const Table& table, T value) {
    for (const auto& [name, v] : table)
        if (v == value) return name;
    return "";
}

template <typename Table> std::string wordsOf(const Table& table) {
    std::string words;
    for (const auto& [name, _] : table)
        words += (words.empty() ? "" : ", ") + std::string(name);
    return words;
}

} // namespace

std::optional<TypeLook> typeLookNamed(std::string_view word) {
    for (const auto& [name, look] : kLooks)
        if (word == name) return look;
    return std::nullopt;
}

std::optional<RelationPart> relationPartNamed(std::string_view word) {
    for (const auto& [name, part] : kParts)
        if (word == name) return part;
    return std::nullopt;
}

const char* typeLookName(TypeLook look) {
    return nameIn(kLooks, look);
}

const char* relationPartName(RelationPart part) {
    return nameIn(kParts, part);
}

std::string typeLookWords() {
    return wordsOf(kLooks);
}

std::string relationPartWords() {
    return wordsOf(kParts);
}

} // namespace chipgraph::schema
