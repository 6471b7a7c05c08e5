#pragma once
// Renders one statement's answer for output: a `why` tree, the plan when asked for, then the
// table, in the chosen format. Shared by the CLI, the REPL and the golden tests.
#include "engine/engine.h"
#include "export/format.h"

#include <string>
#include <vector>

namespace chipgraph::engine {

// `showPlan` forces the plan (the --explain flag); `explain` statements show it anyway.
// json and jsonl print the answer as renderResults does a list of one.
// `options`: headers, and the per-atom source columns (`--provenance full`).
std::string renderResult(const StatementResult& result, exporter::Format format, bool showPlan,
                         const exporter::RenderOptions& options = {});

// Every answer of a run: json prints ONE document, an array of answer objects (query text,
// columns, rows, notes; `why` answers carry "facts", diagrams "text", and "plan" when shown);
// jsonl one such object per line; the other formats each answer in turn, a blank line between.
std::string renderResults(const std::vector<StatementResult>& results, exporter::Format format,
                          bool showPlan, const exporter::RenderOptions& options = {});

} // namespace chipgraph::engine
