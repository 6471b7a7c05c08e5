#include "fuzz_guard.h"

#include <variant>

namespace chipgraph::fuzz {

bool leaveOut(const ast::Program& program) {
    for (const ast::Statement& statement : program.statements) {
        if (std::holds_alternative<ast::ImportStmt>(statement.node)) return true;
        if (const auto* diagram = std::get_if<ast::DiagramStmt>(&statement.node))
            if (diagram->path) return true;
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
