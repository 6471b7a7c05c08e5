#pragma once
// Renders one statement's answer for output: a `why` tree, the plan when asked for, then the
// table, in the chosen format. Shared by the CLI, the REPL and the golden tests.
#include "engine/engine.h"
#include "export/format.h"

#include <string>

namespace chipgraph::engine {

// `showPlan` forces the plan (the --explain flag); `explain` statements show it anyway.
std::string renderResult(const QueryResult& result, exporter::Format format, bool showPlan);

} // namespace chipgraph::engine
