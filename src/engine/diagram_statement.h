#pragma once
// A diagram request's clauses as one `diagram` statement, so that the one grammar and binder
// check every diagram request, from `chipgraph diagram`'s options and from `chipgraph serve`'s
// /api/diagram parameters alike, and report errors with carets (docs/diagrams.md lists the
// option each clause comes from).
#include "engine/diagram_view.h"
#include "engine/engine.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace chipgraph::engine {

// What a diagram request asks for, as typed (values are checked by the binder).
struct DiagramClauses {
    std::vector<std::string> relations;
    std::string query; // `? body modifiers.`: draw what its answers bind to
    std::string asOf, knownAt;
    std::string entity, chain;
    int hops = 2;
    std::string diff, diffBy = "known";
    bool preferLatest = false;
    std::vector<std::string> under; // what-if scenarios stored in the database
    std::string layout = "dot", title;
    bool legend = false, roles = false, nativeNames = false;
};

struct DiagramStatement {
    std::string text; // one line: "diagram designs where owner = \"Amazon\" as of 2026."
    // Column ranges [begin, end) (1-based code points) of the clauses made from options whose
    // errors are usage errors (dates, diff, hops, layout): exit code 2 rather than 1.
    std::vector<std::pair<int, int>> usageColumns;
};

// The statement for `clauses` (without `to`: the caller renders the answer itself in the
// format it was asked for). Values that are not plain words go in as quoted strings, so that
// no value can add clauses; where the grammar expects a word, the parser then points at them.
DiagramStatement diagramStatement(const DiagramClauses& clauses);

// Runs `statement` (one `diagram` statement that names no file) and returns its drawing, or
// null with the diagnostics in `outcome` (also when the text is not exactly one statement).
std::shared_ptr<const DrawnDiagram> drawStatement(Engine& engine, const DiagramStatement& statement,
                                                  Outcome& outcome);

} // namespace chipgraph::engine
