#pragma once
// The binder: AST + catalog -> bound statements. Resolves names (with "did you mean"), checks
// arity and column types, parses dates, and collects *all* errors sorted by position.
// Declarations are applied to the catalog it is given as binding proceeds, so later statements
// of the same file see them; the caller keeps them only on success (the engine binds inside
// schema::PendingChanges, which undoes them on any error).
#include "ast/ast.h"
#include "bind/bound.h"
#include "common/diagnostic.h"
#include "schema/catalog.h"

#include <vector>

namespace chipgraph::bind {

struct BindResult {
    std::vector<BoundStatement> statements;
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return !hasErrors(diagnostics); }
};

// How bare capitalised names in rules and queries read (docs/language.md, "Variables and
// names"). Written: as a user writes them — a single letter is always a variable, another
// capitalised name is the entity of that name if one exists, else a variable. Stored: a rule's
// canonical text, where every such entity is quoted — every bare capitalised name is a
// variable, whatever entities exist now.
enum class NameMode { Written, Stored };

// Binds every statement of `program` against `catalog` (which it updates with declarations).
// Queries without a time window or `known at` take them from `defaults`.
BindResult bindProgram(const ast::Program& program, schema::Catalog& catalog,
                       const QueryDefaults& defaults = {}, NameMode names = NameMode::Written);

} // namespace chipgraph::bind
