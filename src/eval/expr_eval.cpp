#include "eval/expr_eval.h"

#include "common/text.h"

namespace chipgraph::eval {

bool compareValues(const Value& a, bind::CompareOp op, const Value& b,
                   const schema::Catalog& catalog) {
    if (op == bind::CompareOp::Eq) return a == b;
    if (op == bind::CompareOp::Ne) return !(a == b);
    double x = 0, y = 0;
    if (a.isNumber() && b.isNumber()) {
        x = a.numberValue().sortKey();
        y = b.numberValue().sortKey();
    } else {
        // Names compare as answers sort: case-insensitively.
        x = text::foldCase(displayValue(a, catalog))
                .compare(text::foldCase(displayValue(b, catalog)));
    }
    switch (op) {
    case bind::CompareOp::Lt:
        return x < y;
    case bind::CompareOp::Le:
        return x <= y;
    case bind::CompareOp::Gt:
        return x > y;
    case bind::CompareOp::Ge:
        return x >= y;
    default:
        return false;
    }
}

std::optional<Value> applyOperator(char op, const Value& a, const Value& b) {
    if (!a.isNumber() || !b.isNumber()) return std::nullopt;
    const Number& x = a.numberValue();
    const Number& y = b.numberValue();
    switch (op) {
    case '+':
        return Value::number(addNumbers(x, y));
    case '-':
        return Value::number(subtractNumbers(x, y));
    case '*':
        return Value::number(multiplyNumbers(x, y));
    case '/':
        if (auto q = divideNumbers(x, y)) return Value::number(*q);
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace chipgraph::eval
