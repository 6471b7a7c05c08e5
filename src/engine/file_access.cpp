#include "engine/file_access.h"

#include <algorithm>
#include <filesystem>

namespace chipgraph::engine {

namespace fs = std::filesystem;

namespace {

// The path to open for `path` written in `file`, or an error saying why it may not be used.
Result<std::string> resolve(const std::string& path, const SourceFile* file) {
    FileAccess access = file ? file->files : FileAccess::Any;
    if (access == FileAccess::Any) return path;
    if (access == FileAccess::None)
        return Status::error("a query given on the command line may not read or write files; "
                             "pass --allow-files, or use 'chipgraph import' / 'chipgraph "
                             "diagram'");
    fs::path relative(path);
    fs::path folder = fs::path(file->name).parent_path();
    if (file->name.empty() || file->name.front() == '<') folder.clear(); // <stdin>: here
    if (access == FileAccess::FromFolder) return (folder / relative).string();
    bool escapes =
        relative.is_absolute() || std::any_of(relative.begin(), relative.end(),
                                              [](const fs::path& part) { return part == ".."; });
    if (escapes)
        return Status::error("a script may name only files in its own folder (a relative path "
                             "without '..'); pass --allow-files to lift this");
    return (folder / relative).string();
}

const SourceFile* fileNamed(const std::vector<SourceFile>& files, const std::string& name) {
    for (const SourceFile& file : files)
        if (file.name == name) return &file;
    return nullptr;
}

} // namespace

void resolveStatementPaths(std::vector<bind::BoundStatement>& statements,
                           const std::vector<SourceFile>& files, bool overwrite,
                           std::vector<Diagnostic>& diagnostics) {
    auto check = [&](std::string& path, const SourceSpan& span, bool writes) {
        Result<std::string> resolved = resolve(path, fileNamed(files, span.fileName()));
        if (!resolved) {
            diagnostics.push_back(makeError(Phase::Io, resolved.status().message(), span));
            return;
        }
        std::error_code error;
        if (writes && !overwrite && fs::exists(resolved.value(), error)) {
            diagnostics.push_back(makeError(Phase::Io, "'" + path + "' already exists", span,
                                            "pass --force to overwrite it, or name a new file"));
            return;
        }
        path = resolved.value();
    };
    for (bind::BoundStatement& statement : statements) {
        if (auto* import = std::get_if<bind::RunImport>(&statement.node))
            check(import->path, import->pathSpan, false);
        else if (auto* diagram = std::get_if<bind::RunDiagram>(&statement.node))
            if (!diagram->path.empty()) check(diagram->path, diagram->pathSpan, true);
    }
}

} // namespace chipgraph::engine
