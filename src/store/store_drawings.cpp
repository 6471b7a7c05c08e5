// `draw` declarations (docs/diagrams.md, "How a graph is drawn") are kept as their canonical
// text in `meta`, one row 'draw:<8-digit sequence>' each, in declaration order: like
// scenarios, no table of their own, so the schema version stays.
#include "store/store.h"
#include "store/store_macros.h"

namespace chipgraph::store {

Status Store::saveDrawing(const std::string& text) {
    // A declaration already stored (a file loaded twice) is not stored again.
    CG_PREPARE(insert, "INSERT INTO meta(key, value) "
                       "SELECT printf('draw:%08d', (SELECT COUNT(*) FROM meta "
                       "WHERE key LIKE 'draw:%')), ?1 "
                       "WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key LIKE 'draw:%' "
                       "AND value = ?1)");
    insert.bind(1, text);
    return insert.run();
}

Result<std::vector<std::string>> Store::loadDrawings() {
    return metaValues("draw:");
}

} // namespace chipgraph::store
