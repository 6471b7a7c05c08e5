// Roles of design claims, for conflicts. Roles in graph/ are free text ("front-end (in-house)",
// "back-end, ~1.2M units", "main partner"); what matters for a conflict is which part of the
// design a claim gives a firm. The usual split of an AI ASIC is an in-house team on the
// front-end and a design-service partner on the back-end: Annapurna and Alchip on Trainium3
// work together. Two firms each named the partner by different sources disagree.
#include "diagram/builder_impl.h"

#include "common/text.h"

#include <array>

namespace chipgraph::diagram {

namespace {

struct PartWord {
    const char* word; // matched in the case-folded role text
    unsigned part;
};

constexpr std::array kPartWords{
    PartWord{"front-end", kFrontEnd}, PartWord{"front end", kFrontEnd},
    PartWord{"frontend", kFrontEnd},  PartWord{"back-end", kBackEnd},
    PartWord{"back end", kBackEnd},   PartWord{"backend", kBackEnd},
};

} // namespace

unsigned roleParts(std::string_view role) {
    std::string folded = text::foldCase(role);
    unsigned parts = 0;
    for (const PartWord& w : kPartWords)
        if (folded.find(w.word) != std::string::npos) parts |= w.part;
    // A role that names no part ("main partner", "supplier", none at all) is what a design
    // partner does unless told otherwise: the back-end.
    return parts == 0 ? kBackEnd : parts;
}

bool rolesMayCoincide(unsigned a, unsigned b) {
    return (a & b) != 0;
}

std::string_view roleOf(const schema::Fact& fact, int roleIndex) {
    if (roleIndex < 0 || static_cast<size_t>(roleIndex) >= fact.qualifiers.size()) return "";
    const std::optional<Value>& role = fact.qualifiers[roleIndex];
    return role && role->isText() ? std::string_view(role->textValue()) : std::string_view();
}

} // namespace chipgraph::diagram
