#include "engine/bundled_graph.h"

namespace chipgraph::engine {

// Set once by main(), before any thread or engine starts.
static std::string_view gImage;

void setBundledGraphImage(std::string_view image) {
    gImage = image;
}

std::string_view bundledGraphImage() {
    return gImage;
}

} // namespace chipgraph::engine
