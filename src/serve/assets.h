#pragma once
// The page's files (web/*), embedded at build time by cmake/embed_assets.cmake.
#include <string_view>
#include <vector>

namespace chipgraph::serve {

struct Asset {
    std::string_view path;        // "/index.html", "/app.js"
    std::string_view contentType; // "text/html; charset=utf-8"
    std::string_view bytes;
};

const std::vector<Asset>& embeddedAssets();

} // namespace chipgraph::serve
