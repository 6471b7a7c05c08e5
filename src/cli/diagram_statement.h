#pragma once
// `chipgraph diagram`'s options as one `diagram` statement, so that the one grammar and binder
// check every diagram request and report errors with carets (docs/diagrams.md lists the
// option each clause comes from).
#include "cli/diagram_command.h"

#include <string>
#include <utility>
#include <vector>

namespace chipgraph::cli {

struct DiagramStatement {
    std::string text; // one line: "diagram designs where owner = \"Amazon\" as of 2026."
    // Column ranges [begin, end) (1-based code points) of the clauses made from options whose
    // errors are usage errors (dates, diff, hops, layout): exit code 2 rather than 1.
    std::vector<std::pair<int, int>> usageColumns;
};

// The statement for `options` (without `to`: the command renders the answer itself in the
// format it was asked for). Values that are not plain words go in as quoted strings, so that
// no option can add clauses; where the grammar expects a word, the parser then points at them.
DiagramStatement diagramStatement(const DiagramOptions& options);

} // namespace chipgraph::cli
