// What-if scenarios (docs/analysis.md) are kept as their canonical text in `meta`, one row
// 'scenario:<folded name>' each: no table of their own, so the schema version stays and a
// database written with scenarios still opens (without them) in a chipgraph that has none.
#include "store/store.h"
#include "store/store_macros.h"

namespace chipgraph::store {

Status Store::saveScenario(const std::string& key, const std::string& text) {
    CG_PREPARE(insert, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
    insert.bind(1, "scenario:" + key);
    insert.bind(2, text);
    return insert.run();
}

Result<std::vector<std::string>> Store::loadScenarios() {
    return metaValues("scenario:");
}

Result<std::vector<std::string>> Store::metaValues(const std::string& prefix) {
    // substr rather than LIKE: a prefix is matched as written ('_' and '%' are no wildcards).
    CG_PREPARE(select, "SELECT value FROM meta WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key");
    select.bind(1, prefix);
    std::vector<std::string> texts;
    for (;;) {
        Result<bool> row = select.step();
        if (!row) return row.status();
        if (!row.value()) break;
        texts.push_back(select.columnText(0));
    }
    select.reset();
    return texts;
}

} // namespace chipgraph::store
