#pragma once
// The knowledge base shipped in graph/*.kg, embedded at build time (cmake/embed_files.cmake).
#include <string_view>
#include <vector>

namespace chipgraph::engine {

struct BundledFile {
    std::string_view name; // e.g. "graph/30_chips.kg"
    std::string_view text;
};

// The bundled files in load order (sorted by name).
const std::vector<BundledFile>& bundledGraphFiles();

// A compiled snapshot of the bundled files: the image of a database that loaded them, made at
// build time by chipgraph_snapshot (cmake/EmbedGraph.cmake) and linked into the chipgraph
// executable only, whose main() hands it over before any engine opens. Engine::loadBundledGraph
// restores it into a new in-memory database instead of parsing the files (the start-up cost of
// every question on the bundled graph). Empty, the default: the files are loaded as text.
void setBundledGraphImage(std::string_view image);
std::string_view bundledGraphImage();
// Defined by the generated snapshot source (in the chipgraph executable only).
std::string_view compiledBundledGraphImage();

} // namespace chipgraph::engine
