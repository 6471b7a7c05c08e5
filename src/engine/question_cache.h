#pragma once
// Parsing and binding a unit of input, and a session's cache of bound questions: asking the
// same text again skips the parser and the binder, most of a point lookup's time. Internal to
// src/engine; docs/architecture.md ("Asking again") states the rule.
//
// A unit is kept only when it is one text whose statements all only read and name no file (a
// question, `why`, `blame`, `history`, `conflicts`, `changes`), it parsed and bound without
// error, and binding changed nothing in the catalog. An entry answers only the same text
// under the same name, first line and file rule, against the same catalog generation
// (schema::Catalog::generation: any declaration, new entity or alias, rule, import, failed
// write or reload changes it) and the same session defaults (`.asof`, `.knownat`, the
// default policy). What a question reads beyond its binding — facts, rules, scenarios, limits
// — is looked up anew when it runs, so a kept question never answers from stale facts.
#include "bind/bound.h"
#include "engine/engine.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace chipgraph::engine {

// A unit's bound statements and the warnings parsing and binding gave (never an error, once
// kept), replayed as they came.
struct BoundUnit {
    std::vector<bind::BoundStatement> statements;
    std::vector<Diagnostic> diagnostics;
};

class QuestionCache {
public:
    static constexpr size_t kMaxEntries = 64;
    static constexpr size_t kMaxTextBytes = 64 * 1024;

    // What else than the text an entry must match.
    struct Key {
        std::string name;
        int firstLine = 1;
        FileAccess files = FileAccess::Any;
        uint64_t catalogGeneration = 0;
        uint64_t defaultsGeneration = 0;
        bool operator==(const Key&) const = default;
    };

    // The unit kept for `text` under `key`, or null.
    std::shared_ptr<const BoundUnit> find(const std::string& text, const Key& key);
    // Keeps `unit` (replacing an entry for the same text; the least recently used one when
    // full).
    void keep(const std::string& text, const Key& key, std::shared_ptr<const BoundUnit> unit);
    size_t size() const { return entries_.size(); }
    uint64_t hits() const { return hits_; }

private:
    struct Entry {
        Key key;
        std::shared_ptr<const BoundUnit> unit;
        uint64_t lastUse = 0;
    };
    std::unordered_map<std::string, Entry> entries_; // by text
    uint64_t clock_ = 0, hits_ = 0;
};

// Parses and binds `files` as one unit against `catalog` (its changes pending: the caller
// keeps or undoes them), resolving the paths its statements name; from `cache` when it holds
// the unit, into it when the unit may be kept. Diagnostics go to `outcome`; on an error the
// unit returned is incomplete and must not run.
std::shared_ptr<const BoundUnit> bindUnit(const std::vector<SourceFile>& files,
                                          schema::Catalog& catalog,
                                          const bind::QueryDefaults& defaults,
                                          uint64_t defaultsGeneration, bool overwriteFiles,
                                          QuestionCache& cache, Outcome& outcome);

} // namespace chipgraph::engine
