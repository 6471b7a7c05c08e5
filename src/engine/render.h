#pragma once
// Renders one statement's answer for output: a `why` tree, the plan when asked for, then the
// table, in the chosen format. Shared by the CLI, the REPL and the golden tests.
#include "engine/engine.h"
#include "export/format.h"

#include <string>
#include <vector>

namespace chipgraph::engine {

// `showPlan` forces the plan (the --explain flag); `explain` statements show it anyway.
std::string renderResult(const QueryResult& result, exporter::Format format, bool showPlan);

// Every answer of a run, as `chipgraph query` prints it (and `chipgraph serve` returns it): each
// answer in turn, a blank line between them (none between JSON answers).
std::string renderResults(const std::vector<QueryResult>& results, exporter::Format format,
                          bool showPlan);

} // namespace chipgraph::engine
