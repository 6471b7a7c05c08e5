#pragma once
// Which files statements may read (`import R from "f.csv"`) and write (`diagram ... to
// "f.svg"`), by where their text comes from (docs/limits.md, "Files"). Internal to src/engine.
#include "bind/bound.h"
#include "engine/engine.h"

#include <vector>

namespace chipgraph::engine {

// Checks each import's and diagram's path against the rule of the file it was written in
// (`files`, by display name) and rewrites it to the path to open: a file-relative path joined
// to its file's folder. A diagram may not replace an existing file unless `overwrite`.
// Refusals are added to `diagnostics`, at the path.
void resolveStatementPaths(std::vector<bind::BoundStatement>& statements,
                           const std::vector<SourceFile>& files, bool overwrite,
                           std::vector<Diagnostic>& diagnostics);

} // namespace chipgraph::engine
