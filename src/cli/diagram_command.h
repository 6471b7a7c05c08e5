#pragma once
// `chipgraph diagram`: draws a supply-chain diagram of the knowledge base (docs/diagrams.md).
#include "cli/limit_options.h"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace chipgraph::cli {

struct DiagramOptions {
    std::string db; // empty: the bundled graph in memory
    std::vector<std::string> relations;
    std::string query; // `? body modifiers.`: draw what its answers bind to
    std::string asOf, knownAt;
    std::string entity, chain;
    int hops = 2;
    std::string diff, diffBy = "known";
    bool preferLatest = false;
    std::vector<std::string> under; // what-if scenarios stored in the database
    std::string layout = "dot", format, output, title;
    bool legend = false, roles = false, nativeNames = false;
    LimitOptions limits;
};

// Adds the `diagram` subcommand (options bound to `options`) and returns it.
CLI::App* addDiagramCommand(CLI::App& app, DiagramOptions& options);

// Draws the diagram; returns the exit code (0 ok, 1 error in the input or database or an
// unwritable file, 2 usage error: bad format, layout engine or date).
int runDiagram(const DiagramOptions& options);

} // namespace chipgraph::cli
