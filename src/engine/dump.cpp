// `chipgraph dump`: the database as it is stored, written as `.kg` text (export/kg_dump.h).
#include "engine/engine.h"
#include "export/kg_dump.h"
#include "store/store.h"

namespace chipgraph::engine {

// From the store rather than the engine's copies: one read transaction gives a catalog and
// facts that belong together, whatever another process committed since this engine loaded.
Status Engine::dump(std::ostream& out) {
    schema::Catalog catalog;
    std::vector<schema::Fact> facts;
    std::vector<std::string> scenarios;
    if (Status s = store_->beginRead(); !s) return s;
    Status loaded = store_->loadCatalog(catalog);
    if (loaded) catalog.readAllEntities(); // within the read, as the facts
    if (loaded) loaded = catalog.entityReadError();
    if (loaded) loaded = rebindDrawings(catalog);
    if (loaded)
        loaded = store_->loadFacts(catalog, [&](schema::Fact f) { facts.push_back(std::move(f)); });
    if (loaded) {
        Result<std::vector<std::string>> stored = store_->loadScenarios();
        if (stored)
            scenarios = std::move(stored.value());
        else
            loaded = stored.status();
    }
    store_->endRead();
    if (!loaded) return loaded;
    exporter::writeDump(out, {catalog, facts, scenarios});
    if (!out) return Status::error("cannot write the dump");
    return Status::ok();
}

} // namespace chipgraph::engine
