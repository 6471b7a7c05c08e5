#pragma once
// `chipgraph diagram`: draws a supply-chain diagram of the knowledge base (docs/diagrams.md).
#include "cli/limit_options.h"
#include "engine/diagram_statement.h"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace chipgraph::cli {

struct DiagramOptions {
    std::string db; // empty: the bundled graph in memory
    engine::DiagramClauses clauses;
    std::string format, output;
    LimitOptions limits;
};

// Adds the `diagram` subcommand (options bound to `options`) and returns it.
CLI::App* addDiagramCommand(CLI::App& app, DiagramOptions& options);

// Draws the diagram; returns the exit code (0 ok, 1 error in the input or database or an
// unwritable file, 2 usage error: bad format, layout engine or date).
int runDiagram(const DiagramOptions& options);

} // namespace chipgraph::cli
