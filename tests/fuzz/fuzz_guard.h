#pragma once
// What the fuzzers leave out, and why (tests/fuzz/README.md lists the same). Two kinds:
//  - never: inputs that would make a fuzzer touch the machine (read or write files);
//  - for now: inputs that reach a defect already filed in issue 14 and being fixed on its own
//    branch. Each such guard names its item; remove it when the fix is merged, so the fuzzers
//    check the fix from then on.
#include "ast/ast.h"

#include <cstddef>
#include <string_view>

namespace chipgraph::fuzz {

// The longest input the fuzzers take (also their -max_len). Issue 14 items 7-9 (quadratic error
// display and "did you mean", memory per input byte) and 2 (deep nesting: ASan overflows the
// stack at about 10,000 levels or terms) are out of reach below it.
constexpr size_t kMaxInput = 4096;

// Limits of rule evaluation in the fuzzers: small, so every execution stays fast and bounded.
constexpr size_t kMaxDerivedFacts = 20'000;
constexpr int kTimeLimitMs = 1000;

// Issue 14 item 1 (for now): the ANTLR runtime throws on invalid UTF-8. True when `text` is
// well-formed UTF-8: no stray continuation byte, overlong form, surrogate or code point past
// U+10FFFF.
bool validUtf8(std::string_view text);

// True when a parsed program must not run in a fuzzer: file access (never: `import ... from`,
// `diagram ... to`), or a query whose joins may exceed memory (issue 14 item 5, for now: query
// evaluation ignores every limit; a query body with more than kMaxQueryAtoms atoms is skipped).
constexpr size_t kMaxQueryAtoms = 3;
bool leaveOut(const ast::Program& program);

// True when running `program` may change the engine (declarations, facts, rules), so the fuzzer
// starts the next input from a fresh engine (each input must reproduce on its own).
bool changesState(const ast::Program& program);

} // namespace chipgraph::fuzz
