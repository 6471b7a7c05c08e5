#include "engine/import.h"

#include "common/input_file.h"

namespace chipgraph::engine {

// The facts new to `facts` (the in-memory mirror of the stored ones, so it knows the
// duplicates) are appended to it, then stored in batches from where they start: they are the
// relation's last rows. On failure the caller reloads the facts anyway.
static Status appendToRelation(bind::ImportResult& result, store::Store& store,
                               eval::FactBase& facts, LoadStats& stats) {
    RelationId relation = result.facts.front().relation;
    // All rows are of one relation: one allocation for its facts and identity slots.
    facts.reserve(relation, result.facts.size());
    size_t first = facts.size(relation);
    for (schema::Fact& fact : result.facts)
        if (facts.add(std::move(fact)))
            ++stats.factsAdded;
        else
            ++stats.factsPresent;
    result.facts.clear();
    return store.appendFacts(facts.relation(relation).facts(), first);
}

// A relation without facts: the store, sorting the rows by key to write them, finds the
// repeated ones; the rest become the relation's facts as they are (no identity check per
// fact, no copy).
static Status fillRelation(bind::ImportResult& result, store::Store& store, eval::FactBase& facts,
                           LoadStats& stats, store::PreparedRows* prepared) {
    std::vector<bool> repeated;
    if (Status s = store.appendFacts(result.facts, 0, &repeated, prepared); !s) return s;
    size_t kept = 0;
    for (size_t i = 0; i < result.facts.size(); ++i)
        if (!repeated[i]) {
            if (kept != i) result.facts[kept] = std::move(result.facts[i]);
            ++kept;
        }
    stats.factsAdded += static_cast<int>(kept);
    stats.factsPresent += static_cast<int>(result.facts.size() - kept);
    result.facts.resize(kept);
    RelationId relation = result.facts.front().relation;
    facts.adoptDistinct(relation, std::move(result.facts));
    result.facts.clear();
    return Status::ok();
}

Status applyImport(bind::ImportResult& result, const schema::Catalog& catalog, store::Store& store,
                   eval::FactBase& facts, LoadStats& stats, store::PreparedRows* prepared) {
    std::vector<const schema::EntityInfo*> entities;
    entities.reserve(result.newEntities.size());
    for (EntityId id : result.newEntities)
        entities.push_back(&catalog.entity(id));
    if (Status s = store.saveEntities(entities); !s) return s;
    stats.entities += static_cast<int>(entities.size());
    if (result.facts.empty()) return Status::ok();
    if (facts.size(result.facts.front().relation) == 0)
        return fillRelation(result, store, facts, stats, prepared);
    return appendToRelation(result, store, facts, stats);
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

// Read in one piece into a string of the file's size (a stringstream copied it twice).
Result<std::string> readTextFile(const std::string& path) {
    return readInputFile(path, kNoSizeLimit, "CSV file");
}

} // namespace chipgraph::engine
