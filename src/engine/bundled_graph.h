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

} // namespace chipgraph::engine
