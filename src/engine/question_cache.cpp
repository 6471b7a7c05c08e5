#include "engine/question_cache.h"

#include "bind/binder.h"
#include "engine/file_access.h"
#include "parse/parser.h"

#include <algorithm>

namespace chipgraph::engine {

std::shared_ptr<const BoundUnit> QuestionCache::find(const std::string& text, const Key& key) {
    auto it = entries_.find(text);
    if (it == entries_.end() || !(it->second.key == key)) return nullptr;
    it->second.lastUse = ++clock_;
    ++hits_;
    return it->second.unit;
}

void QuestionCache::keep(const std::string& text, const Key& key,
                         std::shared_ptr<const BoundUnit> unit) {
    if (text.size() > kMaxTextBytes) return;
    if (entries_.size() >= kMaxEntries && !entries_.count(text)) {
        auto oldest = std::min_element(entries_.begin(), entries_.end(), [](auto& a, auto& b) {
            return a.second.lastUse < b.second.lastUse;
        });
        entries_.erase(oldest);
    }
    entries_[text] = Entry{key, std::move(unit), ++clock_};
}

// Statements that read only and name no file: nothing they bind to can change but the catalog
// and the session's defaults.
static bool onlyAsks(const bind::BoundStatement& s) {
    return std::holds_alternative<bind::RunQuery>(s.node) ||
           std::holds_alternative<bind::ExplainWhy>(s.node) ||
           std::holds_alternative<bind::ExplainBlame>(s.node) ||
           std::holds_alternative<bind::ListClaims>(s.node) ||
           std::holds_alternative<bind::ListChanges>(s.node);
}

// Parses and binds without the cache; diagnostics go to the unit and to `outcome`.
static std::shared_ptr<BoundUnit> parseAndBind(const std::vector<SourceFile>& files,
                                               schema::Catalog& catalog,
                                               const bind::QueryDefaults& defaults,
                                               bool overwriteFiles, Outcome& outcome) {
    auto unit = std::make_shared<BoundUnit>();
    std::vector<ast::Program> programs;
    for (const SourceFile& file : files) {
        auto name = std::make_shared<const std::string>(file.name);
        parse::ParseResult parsed = parse::parseProgram(file.text, name, file.firstLine);
        for (Diagnostic& d : parsed.diagnostics)
            unit->diagnostics.push_back(std::move(d));
        programs.push_back(std::move(parsed.program));
    }
    if (!hasErrors(unit->diagnostics)) {
        // Bound against the live catalog: a unit that fails undoes what it added (no copy, so
        // a read-only unit costs nothing proportional to the catalog).
        for (const ast::Program& program : programs) {
            bind::BindResult bound = bind::bindProgram(program, catalog, defaults);
            for (Diagnostic& d : bound.diagnostics)
                unit->diagnostics.push_back(std::move(d));
            for (bind::BoundStatement& s : bound.statements)
                unit->statements.push_back(std::move(s));
        }
        resolveStatementPaths(unit->statements, files, overwriteFiles, unit->diagnostics);
    }
    outcome.diagnostics.insert(outcome.diagnostics.end(), unit->diagnostics.begin(),
                               unit->diagnostics.end());
    return unit;
}

std::shared_ptr<const BoundUnit> bindUnit(const std::vector<SourceFile>& files,
                                          schema::Catalog& catalog,
                                          const bind::QueryDefaults& defaults,
                                          uint64_t defaultsGeneration, bool overwriteFiles,
                                          QuestionCache& cache, Outcome& outcome) {
    std::optional<QuestionCache::Key> key;
    if (files.size() == 1)
        key = QuestionCache::Key{files[0].name, files[0].firstLine, files[0].files,
                                 catalog.generation(), defaultsGeneration};
    if (key)
        if (std::shared_ptr<const BoundUnit> kept = cache.find(files[0].text, *key)) {
            outcome.diagnostics.insert(outcome.diagnostics.end(), kept->diagnostics.begin(),
                                       kept->diagnostics.end());
            return kept;
        }
    std::shared_ptr<BoundUnit> unit =
        parseAndBind(files, catalog, defaults, overwriteFiles, outcome);
    bool keep = key && !hasErrors(unit->diagnostics) && !unit->statements.empty() &&
                catalog.generation() == key->catalogGeneration &&
                std::all_of(unit->statements.begin(), unit->statements.end(), onlyAsks);
    if (keep) cache.keep(files[0].text, *key, unit);
    return unit;
}

} // namespace chipgraph::engine
