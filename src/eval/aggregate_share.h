#pragma once
// share(U by V...): each head row's part, in percent, of the total of U over the rows with the
// same V... in the same stretch of time or period (docs/analysis.md, "Shares"). Ranges and
// bounds carry through as the tightest interval of x / (x + others).
#include "bind/bound.h"
#include "eval/interner.h"

#include <span>
#include <vector>

namespace chipgraph::eval {

// The share argument of `rule`'s head, or nullptr.
const bind::HeadArg* shareArgument(const bind::BoundRule& rule);

// The rows of one group in one stretch: `bindings` are the distinct body matches valid in it
// (each `width` values). Appends each row's cells (the head's width: its values and its share)
// to `rows` and returns how many rows. None when the group's total is zero or a value is below
// zero (a share of those is not defined); a row whose own amount and the others' are all zero
// has none either.
size_t shareRows(const bind::BoundRule& rule, std::span<const ValueId* const> bindings,
                 Interner& interner, std::vector<ValueId>& rows);

} // namespace chipgraph::eval
