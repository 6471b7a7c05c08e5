#pragma once
// What the fuzzers leave out, and why (tests/fuzz/README.md lists the same): inputs that would
// make a fuzzer touch the machine (read or write files). The guards for issue 14's defects
// (invalid UTF-8, deep nesting, unbounded joins) were removed when their fixes were merged.
#include "ast/ast.h"

#include <cstddef>
#include <string_view>

namespace chipgraph::fuzz {

// The longest input the fuzzers take (also their -max_len in run_fuzzers.sh): long enough for
// nesting past the parser's cap (100 levels) and operator chains past theirs (1000), short
// enough to keep executions fast.
constexpr size_t kMaxInput = 16384;

// Limits of rule evaluation in the fuzzers: small, so every execution stays fast and bounded.
constexpr size_t kMaxDerivedFacts = 20'000;
constexpr int kTimeLimitMs = 1000;
// The engine's memory guard, well under libFuzzer's -rss_limit_mb=2048: a join that grows past
// it is an error the engine reports, not an out-of-memory finding.
constexpr size_t kMaxMemoryBytes = size_t{768} << 20;

// True when a parsed program must not run in a fuzzer: it names a file (`import ... from`,
// `diagram ... to`).
bool leaveOut(const ast::Program& program);

// True when running `program` may change the engine (declarations, facts, rules), so the fuzzer
// starts the next input from a fresh engine (each input must reproduce on its own).
bool changesState(const ast::Program& program);

} // namespace chipgraph::fuzz
