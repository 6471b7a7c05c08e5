// Watch lists: saved questions and their answers at the last check (docs/time.md, "Watch
// lists").
#include "common/text.h"
#include "store/store.h"
#include "store/store_macros.h"

namespace chipgraph::store {

Result<bool> Store::addWatch(const Watch& watch) {
    CG_PREPARE(insert, "INSERT OR IGNORE INTO watches(name_key, name, query, answer, checked_at) "
                       "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, text::foldCase(watch.name));
    insert.bind(2, watch.name);
    insert.bind(3, watch.query);
    insert.bind(4, watch.answer);
    insert.bind(5, watch.checkedAt);
    CG_TRY(insert.run());
    return db_->changes() != 0;
}

Result<std::vector<Store::Watch>> Store::watches() {
    CG_PREPARE(rows, "SELECT name, query, answer, checked_at FROM watches ORDER BY name_key");
    std::vector<Watch> out;
    for (;;) {
        Result<bool> row = rows.step();
        if (!row) return row.status();
        if (!row.value()) break;
        out.push_back(
            {rows.columnText(0), rows.columnText(1), rows.columnText(2), rows.columnText(3)});
    }
    rows.reset();
    return out;
}

Status Store::updateWatch(const std::string& name, const std::string& answer,
                          const std::string& checkedAt) {
    CG_PREPARE(update, "UPDATE watches SET answer = ?, checked_at = ? WHERE name_key = ?");
    update.bind(1, answer);
    update.bind(2, checkedAt);
    update.bind(3, text::foldCase(name));
    return update.run();
}

Result<bool> Store::removeWatch(const std::string& name) {
    CG_PREPARE(remove, "DELETE FROM watches WHERE name_key = ?");
    remove.bind(1, text::foldCase(name));
    CG_TRY(remove.run());
    return db_->changes() != 0;
}

} // namespace chipgraph::store
