#include "engine/import.h"

#include <fstream>
#include <iterator>

namespace chipgraph::engine {

// The facts new to `facts` (the in-memory mirror of the stored ones, so it knows the
// duplicates) are appended to it, then stored in batches from where they start: they are the
// relation's last rows. On failure the caller reloads the facts anyway.
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
    return store.appendFacts(facts.relation(relation).facts(), first);
}

Status applyImport(bind::ImportResult& result, const schema::Catalog& catalog, store::Store& store,
                   eval::FactBase& facts, LoadStats& stats) {
    std::vector<const schema::EntityInfo*> entities;
    entities.reserve(result.newEntities.size());
    for (EntityId id : result.newEntities)
        entities.push_back(&catalog.entity(id));
    if (Status s = store.saveEntities(entities); !s) return s;
    stats.entities += static_cast<int>(entities.size());
    if (result.facts.empty()) return Status::ok();
    // All rows are of one relation: one allocation for its facts and identity slots.
    facts.reserve(result.facts.front().relation, result.facts.size());
    // A large import appends without the store's key index, rebuilt once at the end.
    Result<bool> bulk = store.suspendKeyIndex(result.facts.size());
    if (!bulk) return bulk.status();
    if (Status s = appendImport(result, store, facts, stats); !s) return s;
    return bulk.value() ? store.restoreKeyIndex() : Status::ok();
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
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::error("cannot read '" + path + "'");
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    std::string text;
    if (size > 0) {
        text.resize(static_cast<size_t>(size));
        in.seekg(0);
        if (!in.read(text.data(), size)) return Status::error("cannot read '" + path + "'");
    } else { // empty, or not seekable (a pipe): read to the end from where it is
        in.clear();
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return text;
}

} // namespace chipgraph::engine
