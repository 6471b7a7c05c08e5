#include "engine/import.h"

#include <fstream>
#include <sstream>

namespace chipgraph::engine {

// The facts new to `facts` are appended to it, then stored in batches from where they start
// (they are the relation's last rows); on failure the caller reloads the facts anyway.
static Status appendImport(bind::ImportResult& result, store::Store& store, eval::FactBase& facts,
                           LoadStats& stats) {
    RelationId relation = result.facts.front().relation;
    size_t first = facts.size(relation);
    for (schema::Fact& fact : result.facts)
        if (facts.add(std::move(fact)))
            ++stats.factsAdded;
        else
            ++stats.factsPresent;
    result.facts.clear();
    Status appended = store.appendFacts(facts.relation(relation).facts(), first);
    return appended ? store.restoreKeyIndex() : appended;
}

Status applyImport(bind::ImportResult& result, const schema::Catalog& catalog, store::Store& store,
                   eval::FactBase& facts, LoadStats& stats) {
    std::vector<const schema::EntityInfo*> entities;
    entities.reserve(result.newEntities.size());
    for (EntityId id : result.newEntities)
        entities.push_back(&catalog.entity(id));
    if (Status s = store.saveEntities(entities); !s) return s;
    stats.entities += static_cast<int>(entities.size());
    // All rows are of one relation: one allocation for its facts and identity slots.
    if (!result.facts.empty()) facts.reserve(result.facts.front().relation, result.facts.size());
    // A large import appends without the store's key index (rebuilt once at the end); the
    // in-memory facts, a mirror of the stored ones, tell the duplicates meanwhile.
    Result<bool> bulk = store.suspendKeyIndex(result.facts.size());
    if (!bulk) return bulk.status();
    if (bulk.value()) return appendImport(result, store, facts, stats);
    for (schema::Fact& fact : result.facts) {
        Result<bool> added = store.saveFact(fact);
        if (!added) return added.status();
        // Moved, not copied: the bound rows are not needed once stored.
        if (added.value() && facts.add(std::move(fact)))
            ++stats.factsAdded;
        else
            ++stats.factsPresent;
    }
    result.facts.clear();
    return Status::ok();
}

std::vector<Diagnostic> importErrors(const bind::ImportResult& result, size_t limit) {
    std::vector<Diagnostic> out;
    for (size_t i = 0; i < result.rowErrors.size() && i < limit; ++i)
        out.push_back(result.rowErrors[i]);
    if (result.rowErrors.size() > limit) {
        Diagnostic note;
        note.severity = Severity::Note;
        note.message = std::to_string(result.rowErrors.size() - limit) + " more bad rows";
        out.push_back(note);
    }
    return out;
}

Result<std::string> readTextFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::error("cannot read '" + path + "'");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace chipgraph::engine
