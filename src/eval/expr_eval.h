#pragma once
// Arithmetic and comparisons over values, shared by query and rule evaluation.
#include "bind/bound.h"
#include "schema/catalog.h"
#include "schema/value_text.h"

#include <optional>

namespace chipgraph::eval {

// Display text of a value (schema/value_text.h), used unqualified across eval/.
using schema::displayValue;

// `a op b`: equality is exact; numbers order by their representative value (a range by its
// midpoint, a bound by the bound); other values by their display text.
bool compareValues(const Value& a, bind::CompareOp op, const Value& b,
                   const schema::Catalog& catalog);

std::optional<Value> applyOperator(char op, const Value& a, const Value& b);

// Evaluates `expr`, looking variables up with `valueOf(index) -> const Value*` (nullptr when
// unbound). Returns nullopt when the result is undefined (an unbound variable, arithmetic on
// a non-number, division by a range that includes zero).
template <typename Lookup>
std::optional<Value> evaluateExpr(const bind::BoundExpr& expr, Lookup&& valueOf) {
    if (expr.isTerm) {
        if (expr.term.kind == bind::BoundTerm::Kind::Constant) return expr.term.value;
        if (expr.term.kind != bind::BoundTerm::Kind::Variable) return std::nullopt;
        const Value* v = valueOf(expr.term.variable);
        return v ? std::optional<Value>(*v) : std::nullopt;
    }
    auto a = evaluateExpr(expr.operands[0], valueOf);
    auto b = a ? evaluateExpr(expr.operands[1], valueOf) : std::nullopt;
    if (!a || !b) return std::nullopt;
    return applyOperator(expr.op, *a, *b);
}

} // namespace chipgraph::eval
