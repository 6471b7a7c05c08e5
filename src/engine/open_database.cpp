#include "engine/open_database.h"

#include <filesystem>

namespace chipgraph::engine {

static Result<std::unique_ptr<Engine>> openExisting(const std::string& database, bool readOnly) {
    std::error_code error;
    if (!std::filesystem::exists(database, error))
        return Status::error("no database '" + database + "'; create one with 'chipgraph init " +
                             database + "'");
    if (std::filesystem::is_directory(database, error))
        return Status::error("'" + database + "' is a directory, not a database");
    return Engine::open(database, readOnly);
}

static Result<std::unique_ptr<Engine>> openBundled() {
    Result<std::unique_ptr<Engine>> engine = Engine::open(":memory:");
    if (!engine) return engine;
    Outcome loaded = engine.value()->loadBundledGraph();
    if (!loaded.ok())
        return Status::error("the bundled knowledge base does not load:\n" +
                             loaded.renderDiagnostics());
    return engine;
}

Result<std::unique_ptr<Engine>> openDatabaseOrBundled(const std::string& database, bool readOnly) {
    return database.empty() ? openBundled() : openExisting(database, readOnly);
}

} // namespace chipgraph::engine
