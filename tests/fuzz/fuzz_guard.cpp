#include "fuzz_guard.h"

#include <cstdint>
#include <variant>

namespace chipgraph::fuzz {

bool validUtf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<uint8_t>(text[i]);
        if (byte < 0x80) {
            ++i;
            continue;
        }
        size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0;
        if (length == 0 || byte > 0xF4 || i + length > text.size()) return false;
        uint32_t code = byte & (0x7F >> length);
        for (size_t k = 1; k < length; ++k) {
            auto next = static_cast<uint8_t>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3F);
        }
        static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

static size_t positiveAtoms(const std::vector<ast::Literal>& body) {
    size_t atoms = 0;
    for (const ast::Literal& literal : body)
        if (std::holds_alternative<ast::Atom>(literal)) ++atoms;
    return atoms;
}

bool leaveOut(const ast::Program& program) {
    for (const ast::Statement& statement : program.statements) {
        if (std::holds_alternative<ast::ImportStmt>(statement.node)) return true;
        if (const auto* diagram = std::get_if<ast::DiagramStmt>(&statement.node)) {
            if (diagram->path) return true;
            if (positiveAtoms(diagram->query) > kMaxQueryAtoms) return true;
        }
        if (const auto* query = std::get_if<ast::QueryStmt>(&statement.node))
            if (positiveAtoms(query->body) > kMaxQueryAtoms) return true;
    }
    return false;
}

bool changesState(const ast::Program& program) {
    for (const ast::Statement& statement : program.statements)
        if (!std::holds_alternative<ast::QueryStmt>(statement.node) &&
            !std::holds_alternative<ast::PhraseQuery>(statement.node) &&
            !std::holds_alternative<ast::WhyStmt>(statement.node) &&
            !std::holds_alternative<ast::DiagramStmt>(statement.node))
            return true;
    return false;
}

} // namespace chipgraph::fuzz
