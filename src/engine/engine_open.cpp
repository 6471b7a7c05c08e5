// Opening a database and loading it again: the catalog, the facts (each relation on first use,
// with the session's lookups on disk beside them), and the rules, scenarios and drawings bound
// against the catalog.
#include "engine/engine.h"

#include "bind/binder.h"
#include "bind/stratify.h"
#include "common/text.h"
#include "engine/engine_testing.h"
#include "engine/paged_lookups.h"
#include "engine/question_cache.h"
#include "eval/base_cache.h"
#include "eval/fact_base.h"
#include "parse/parser.h"
#include "store/store.h"

namespace chipgraph::engine {

Result<std::unique_ptr<Engine>> Engine::open(const std::string& path, bool readOnly) {
    Result<std::unique_ptr<store::Store>> store = store::Store::open(path, readOnly);
    if (!store) return store.status();
    std::unique_ptr<Engine> engine(new Engine(std::move(store.value())));
    engine->readOnly_ = readOnly;
    engine->inMemory_ = path == ":memory:";
    // The catalog now, the facts on their first use (docs/storage.md, "Opening"), from the
    // state of the database this catalog describes (the snapshot marked in its transaction).
    if (Status s = engine->store_->beginRead(); !s) return s;
    Status loaded = engine->store_->loadCatalog(engine->catalog_);
    if (loaded) loaded = engine->store_->markSnapshot();
    engine->store_->endRead();
    if (loaded) loaded = engine->reloadFacts();
    if (!loaded) return loaded;
    if (Status s = engine->rebindRules(); !s) return s;
    if (Status s = engine->rebindScenarios(); !s) return s;
    if (Status s = engine->rebindDrawings(engine->catalog_); !s) return s;
    return engine;
}

// Stored scenarios are kept as text; bind them again against the catalog.
Status Engine::rebindScenarios() {
    Result<std::vector<std::string>> texts = store_->loadScenarios();
    if (!texts) return texts.status();
    scenarios_.clear();
    for (const std::string& text : texts.value()) {
        auto name = std::make_shared<const std::string>("<stored scenario>");
        parse::ParseResult parsed = parse::parseProgram(text, name);
        schema::Catalog scratch = catalog_;
        bind::BindResult bound = parsed.ok() ? bind::bindProgram(parsed.program, scratch, {})
                                             : bind::BindResult{{}, parsed.diagnostics};
        auto* scenario = bound.ok() && bound.statements.size() == 1
                             ? std::get_if<bind::DeclareScenario>(&bound.statements[0].node)
                             : nullptr;
        if (!scenario) return Status::error("stored scenario no longer binds: " + text);
        scenarios_[text::foldCase(scenario->name)] = std::move(*scenario);
    }
    return Status::ok();
}

// Stored `draw` declarations are kept as text; binding them again puts them in the catalog.
Status Engine::rebindDrawings(schema::Catalog& catalog) {
    Result<std::vector<std::string>> texts = store_->loadDrawings();
    if (!texts) return texts.status();
    for (const std::string& text : texts.value()) {
        auto name = std::make_shared<const std::string>("<stored draw declaration>");
        parse::ParseResult parsed = parse::parseProgram(text, name);
        bind::BindResult bound = parsed.ok() ? bind::bindProgram(parsed.program, catalog, {})
                                             : bind::BindResult{{}, parsed.diagnostics};
        if (!bound.ok()) return Status::error("stored draw declaration no longer binds: " + text);
    }
    return Status::ok();
}

// Stored rules are kept as text; bind them again (in their order) against the catalog.
Status Engine::rebindRules() const {
    rulesDeferred_ = false;
    schema::Catalog scratch = catalog_;
    scratch.clearRules();
    rules_ = {};
    Result<bool> quoted = store_->rulesQuoteEntities();
    if (!quoted) return quoted.status();
    bind::NameMode names = quoted.value() ? bind::NameMode::Stored : bind::NameMode::Written;
    for (const schema::RuleInfo& info : catalog_.rules()) {
        auto name =
            std::make_shared<const std::string>("<stored rule " + std::to_string(info.id) + ">");
        parse::ParseResult parsed = parse::parseProgram(info.text, name);
        bind::BindResult bound = parsed.ok() ? bind::bindProgram(parsed.program, scratch, {}, names)
                                             : bind::BindResult{{}, parsed.diagnostics};
        auto* rule = bound.ok() && bound.statements.size() == 1
                         ? std::get_if<bind::DeclareRule>(&bound.statements[0].node)
                         : nullptr;
        if (!rule)
            return Status::error("stored rule " + std::to_string(info.id) +
                                 " no longer binds: " + info.text);
        rule->rule.id = info.id;
        rules_.rules.push_back(std::move(rule->rule));
    }
    bind::StratifyResult strata = bind::stratify(rules_.rules, catalog_);
    if (!strata.ok()) return Status::error("the stored rules do not stratify");
    rules_.strata = std::move(strata.strata);
    return Status::ok();
}

const RuleSet& Engine::boundRules() const {
    if (rulesDeferred_) {
        // Deferred only for the bundled snapshot, whose rules this binary bound when it made it.
        Status bound = rebindRules();
        if (!bound) {
            std::fprintf(stderr, "chipgraph: the bundled rules do not bind: %s\n",
                         bound.message().c_str());
            std::abort();
        }
    }
    return rules_;
}

// Every stored relation is loaded on its first use (by the store, as of the snapshot marked
// when the catalog was loaded).
size_t EngineTesting::factsReadByLookups(const Engine& engine) {
    return engine.pages_->facts().factsRead();
}

Status Engine::lazyReadError() const {
    if (Status s = facts_->loadError(); !s) return s;
    return catalog_.entityReadError();
}

Status Engine::reloadFacts() {
    facts_ = std::make_unique<eval::FactBase>();
    pages_ = std::make_unique<PageCache>(*store_, catalog_);
    std::vector<RelationId> stored;
    for (const schema::RelationInfo* relation : catalog_.relations())
        if (!relation->derived) stored.push_back(relation->id);
    facts_->setLoader(
        [this](RelationId relation, std::vector<schema::Fact>& out) {
            Status loaded = store_->loadRelationFacts(catalog_, relation, out);
            if (loaded) return loaded;
            return Status::error(Phase::Store, "reading the facts of '" +
                                                   catalog_.relation(relation).name +
                                                   "': " + loaded.message());
        },
        stored);
    return Status::ok();
}

// Another process wrote the database since it was loaded: load it again (the caller holds the
// write lock, so it cannot change meanwhile).
Status Engine::reloadAll(bool deferRules) {
    catalog_ = schema::Catalog{};
    baseCache_ = std::make_unique<eval::BaseTableCache>();
    if (Status s = store_->loadCatalog(catalog_); !s) return s;
    if (Status s = store_->markSnapshot(); !s) return s;
    if (Status s = reloadFacts(); !s) return s;
    if (deferRules) {
        rules_ = {};
        rulesDeferred_ = true;
    } else if (Status s = rebindRules(); !s) {
        return s;
    }
    if (Status s = rebindDrawings(catalog_); !s) return s;
    return rebindScenarios();
}

} // namespace chipgraph::engine
