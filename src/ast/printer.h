#pragma once
// Prints AST nodes back to source text. Parsing the output gives an equal AST (round trip),
// which the tests check; the REPL uses it for `.show ast`.
#include "ast/ast.h"

#include <string>

namespace chipgraph::ast {

std::string print(const Term& term);
std::string print(const Atom& atom);
std::string print(const Expr& expr);
std::string print(const Literal& literal);
std::string print(const Statement& statement);
std::string print(const Program& program);

} // namespace chipgraph::ast
