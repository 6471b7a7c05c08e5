#include "engine/executor.h"

#include "bind/stratify.h"
#include "common/text.h"
#include "engine/answer_diff.h"
#include "engine/change_log.h"
#include "engine/derive_for_query.h"
#include "engine/fingerprint.h"
#include "engine/import.h"
#include "eval/claim_filter.h"
#include "eval/query_eval.h"
#include "eval/why.h"
#include "export/diagram.h"
#include "plan/plan.h"

namespace chipgraph::engine {

// The knowledge date a statement's answers are read at, for the names they show (docs/time.md,
// "Names over time"): its `known at`, or the later date of a `diff known at`.
static std::optional<DayNumber> namingDate(const bind::BoundStatement& statement) {
    auto ofQuery = [](const bind::BoundQuery& q) -> std::optional<DayNumber> {
        if (q.diff && q.diff->knownAt) return q.diff->to.lastDay();
        return q.knownAt;
    };
    if (const auto* run = std::get_if<bind::RunQuery>(&statement.node)) return ofQuery(run->query);
    if (const auto* why = std::get_if<bind::ExplainWhy>(&statement.node))
        return ofQuery(why->query);
    if (const auto* claims = std::get_if<bind::ListClaims>(&statement.node))
        return ofQuery(claims->query);
    if (const auto* changes = std::get_if<bind::ListChanges>(&statement.node))
        if (changes->dates.knownAt) return changes->dates.to.lastDay();
    return std::nullopt;
}

Status Executor::execute(const bind::BoundStatement& statement) {
    LoadStats& stats = outcome_.stats;
    schema::ShowNamesKnownAt names(catalog_, namingDate(statement));
    return std::visit(
        [&](const auto& node) -> Status {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, bind::DeclareType>) {
                ++stats.types;
                return store_.saveType(node.type);
            } else if constexpr (std::is_same_v<T, bind::DeclareRelation>) {
                ++stats.relations;
                return store_.saveRelation(node.relation);
            } else if constexpr (std::is_same_v<T, bind::DeclareEntity>) {
                return declareEntity(node);
            } else if constexpr (std::is_same_v<T, bind::DeclareSource>) {
                ++stats.sources;
                return store_.saveSource(node.source);
            } else if constexpr (std::is_same_v<T, bind::AddFact>) {
                return addFact(node.fact);
            } else if constexpr (std::is_same_v<T, bind::RetractFact>) {
                return retract(node, statement.span);
            } else if constexpr (std::is_same_v<T, bind::DeclareRule>) {
                return declareRule(node);
            } else if constexpr (std::is_same_v<T, bind::ExplainWhy>) {
                return why(node.query);
            } else if constexpr (std::is_same_v<T, bind::ExplainBlame>) {
                return blame(node.query);
            } else if constexpr (std::is_same_v<T, bind::RunImport>) {
                return import(node);
            } else if constexpr (std::is_same_v<T, bind::RunDiagram>) {
                return diagram(node);
            } else if constexpr (std::is_same_v<T, bind::ListClaims>) {
                return listClaims(node);
            } else if constexpr (std::is_same_v<T, bind::ListChanges>) {
                return listChanges(node);
            } else if constexpr (std::is_same_v<T, bind::DeclareJudgement>) {
                return judge(node);
            } else if constexpr (std::is_same_v<T, bind::DeclareScenario>) {
                scenarios_[text::foldCase(node.name)] = node;
                return store_.saveScenario(text::foldCase(node.name), node.text);
            } else if constexpr (std::is_same_v<T, bind::DeclareDrawing>) {
                return store_.saveDrawing(node.drawing.text);
            } else {
                return runQuery(node);
            }
        },
        statement.node);
}

Status Executor::declareEntity(const bind::DeclareEntity& declaration) {
    const schema::EntityInfo& entity = catalog_.entity(declaration.entity);
    if (declaration.isNew) {
        ++outcome_.stats.entities;
        if (Status s = store_.saveEntity(entity); !s) return s;
        if (entity.nameTerms.any())
            if (Status s = store_.saveNameTerms(entity.id, entity.name, entity.nameTerms); !s)
                return s;
    }
    // Aliases keep their declaration order: new ones follow those already stored.
    int position = static_cast<int>(entity.aliases.size() - declaration.aliases.size());
    for (const std::string& alias : declaration.aliases) {
        ++outcome_.stats.aliases;
        const schema::NameTerms& terms = entity.aliasTerms[position];
        if (Status s = store_.saveAlias(entity.id, alias, position++); !s) return s;
        if (terms.any())
            if (Status s = store_.saveNameTerms(entity.id, alias, terms); !s) return s;
    }
    return Status::ok();
}

Status Executor::addFact(const schema::Fact& fact) {
    Result<bool> added = store_.saveFact(fact);
    if (!added) return added.status();
    if (added.value()) {
        facts_.add(fact);
        ++outcome_.stats.factsAdded;
    } else {
        ++outcome_.stats.factsPresent;
    }
    return Status::ok();
}

Status Executor::retract(const bind::RetractFact& r, const SourceSpan& span) {
    std::vector<schema::Fact> doomed;
    for (const schema::Fact& f : facts_.relation(r.pattern.relation).facts()) {
        if (f.args != r.pattern.args) continue;
        if (r.matchValidity && !(f.valid == r.pattern.valid)) continue;
        if (r.matchSource && f.source != r.pattern.source) continue;
        if (r.matchStatus && f.status != r.pattern.status) continue;
        doomed.push_back(f);
    }
    if (doomed.empty()) {
        // Not an error (retracting what is gone already is idempotent), but never silent: a
        // mistyped clause would otherwise leave the claim in every answer.
        Diagnostic warning =
            makeError(Phase::Eval, "nothing to retract: no stored claim matches", span,
                      "a clause given (valid, status, per) must equal the "
                      "claim's; '? ATOM.' lists the claims stored");
        warning.severity = Severity::Warning;
        outcome_.diagnostics.push_back(std::move(warning));
    }
    for (const schema::Fact& f : doomed) {
        if (Status s = store_.retractFact(f, logEntry_); !s) return s;
        facts_.remove(f);
        ++outcome_.stats.factsRetracted;
    }
    return Status::ok();
}

Status Executor::declareRule(const bind::DeclareRule& declaration) {
    const bind::BoundRule& rule = declaration.rule;
    ++outcome_.stats.rules;
    if (declaration.newRelation)
        if (Status s = store_.saveRelation(catalog_.relation(rule.relation)); !s) return s;
    return store_.saveRule({rule.id, rule.relation, rule.text});
}

eval::RuleEvalOptions Executor::ruleOptions(const bind::BoundQuery& query) const {
    eval::RuleEvalOptions options = ruleOptions_;
    options.window = query.window;
    options.knownAt = query.knownAt;
    options.cancel = cancel_;
    return options;
}

// An answer valid `always` rests on facts stated without dates: unless every relation the
// query reads is timeless, that means "undated", never "always" (eval/claim_filter.h).
static void markUndated(const bind::BoundQuery& query, const schema::Catalog& catalog,
                        const RuleSet& rules, Table& table) {
    for (const bind::BoundAtom& atom : query.atoms)
        if (!eval::isTimeless(atom.relation, catalog, rules.rules)) {
            const size_t valid = query.variables.size();
            for (std::vector<Cell>& row : table.rows)
                if (row[valid].text == "always") row[valid].text = "undated";
            return;
        }
}

// A query over derived relations first evaluates the strata they need (and only those), with
// the query's window and `known at` applied to the premises. Atoms with constant arguments are
// evaluated on demand (plan/demand.h): only the facts those constants can reach are derived.
// A query with a head (bind_query_head.cpp) reads rules of its own: they join the rules in
// force for this query only, their relation added to a copy of the catalog.
Status Executor::runQuery(const bind::RunQuery& run) {
    if (run.localRules.empty()) return query(run.query);
    schema::Catalog local = catalog_;
    local.addRelation(*run.localRelation);
    RuleSet rules = rules_;
    rules.rules.insert(rules.rules.end(), run.localRules.begin(), run.localRules.end());
    bind::StratifyResult strata = bind::stratify(rules.rules, local);
    if (!strata.diagnostics.empty()) return Status::error(strata.diagnostics.front().message);
    rules.strata = std::move(strata.strata);
    return query(run.query, Context{local, rules, false});
}

Result<eval::QueryAnswers> Executor::answer(const bind::BoundQuery& query,
                                            const eval::FactBase& facts, bool withBindings,
                                            std::string* planText, const Context* context) {
    const schema::Catalog& catalog = context ? context->catalog : catalog_;
    const RuleSet& rules = context ? context->rules : rules_;
    eval::RuleEvalOptions options = ruleOptions(query);
    if (context && context->recorded) options.cache = nullptr; // kept tables: current facts'
    // A fingerprint reads every fact of the relations asked about: then they are read whole.
    std::optional<PagedLookups> lookups;
    auto paged = [&]() -> PagedLookups* {
        return fingerprints_ || !pages_ ? nullptr
                                        : &lookups.emplace(*pages_, query, catalog, facts);
    };
    PreparedQuery prepared;
    if (Status s = prepareQuery(query, catalog, facts, rules, options, demand_, prepared, paged);
        !s)
        return s;
    if (planText) *planText = std::move(prepared.planText);
    auto lookupError = [&] { return lookups ? lookups->error() : Status::ok(); };
    if (withBindings) {
        Result<eval::QueryAnswers> answers =
            eval::evaluateQueryAnswers(query, prepared.plan, *prepared.view, catalog,
                                       prepared.limits, prepared.premisesLeftOut());
        if (Status s = lookupError(); !s) return s;
        if (answers) markUndated(query, catalog, rules, answers.value().table);
        return answers;
    }
    Result<Table> table = eval::evaluateQuery(query, prepared.plan, *prepared.view, catalog,
                                              prepared.limits, prepared.premisesLeftOut());
    if (Status s = lookupError(); !s) return s;
    if (!table) return table.status();
    eval::QueryAnswers out{std::move(table.value()), {}};
    markUndated(query, catalog, rules, out.table);
    return out;
}

// The rules in force plus the question's own (a head): recorded rules keep the question's.
static Status withQueryRules(const RuleSet* local, const schema::Catalog& catalog, RuleSet& rules) {
    if (!local) return Status::ok();
    for (const bind::BoundRule& rule : local->rules)
        if (rule.relation == bind::kQueryHeadRelation) rules.rules.push_back(rule);
    bind::StratifyResult strata = bind::stratify(rules.rules, catalog);
    if (!strata.diagnostics.empty()) return Status::error(strata.diagnostics.front().message);
    rules.strata = std::move(strata.strata);
    return Status::ok();
}

Status Executor::query(const bind::BoundQuery& query, std::optional<Context> local) {
    RecordedState state;
    if (query.recordedAt) {
        if (Status s = loadRecordedState(store_, catalog_, rules_, *query.recordedAt, state); !s)
            return s;
        if (Status s = withQueryRules(local ? &local->rules : nullptr,
                                      local ? local->catalog : catalog_, state.rules);
            !s)
            return s;
        local.emplace(Context{local ? local->catalog : catalog_, state.rules, true});
    }
    const eval::FactBase& facts = query.recordedAt ? state.facts : facts_;
    const Context* context = local ? &*local : nullptr;
    TableAnswer result;
    result.explain = query.explain;
    Result<Table> table = answerTable(query, facts, context, &result.plan);
    if (!table) return table.status();
    result.table = std::move(table.value());
    std::string policy = "all"; // as the JSON basis names it: all, latest, or the ranking
    if (query.policy.kind == bind::Policy::Kind::Latest) policy = "latest";
    if (query.policy.kind == bind::Policy::Kind::Ranking) {
        policy.clear();
        for (SourceId id : query.policy.ranking)
            policy += (policy.empty() ? "" : ", ") + catalog_.source(id).name;
    }
    std::string scenarios; // what the question is asked under is part of its basis
    for (const auto& [name, span] : query.under)
        scenarios += scenarios_.at(text::foldCase(name)).text + "\n";
    result.basis = AnswerBasis{query.knownAt, query.window, query.recordedAt, policy, ""};
    if (fingerprints_)
        result.basis->fingerprint = answerFingerprint(
            query, context ? context->catalog : catalog_, facts, context ? context->rules : rules_,
            context ? nullptr : ruleOptions_.cache, scenarios);
    outcome_.results.push_back({"", std::move(result)});
    return Status::ok();
}

Result<Table> Executor::answerTable(const bind::BoundQuery& query, const eval::FactBase& facts,
                                    const Context* context, std::string* plan) {
    if (query.diff) return diffAnswer(query, facts, context);
    std::string note;
    Result<std::unique_ptr<eval::FactBase>> changed = scenarioFacts(query, facts, note);
    if (!changed) return changed.status();
    Result<Table> table =
        policyAnswer(query, changed.value() ? *changed.value() : facts, context, plan);
    if (!table) return table.status();
    if (query.diffUnder) {
        Result<Table> baseline = policyAnswer(query, facts, context, nullptr);
        if (!baseline) return baseline.status();
        Table diff = diffAnswers(baseline.value(), table.value(), query.variables.size());
        diff.notes = std::move(table.value().notes); // the scenario's; the baseline is as usual
        table = std::move(diff);
    }
    if (!note.empty()) table.value().notes.push_back(note);
    return table;
}

Status Executor::blame(const bind::BoundQuery& query) {
    Result<Table> table = blameTable(store_, catalog_, query);
    if (!table) return table.status();
    TableAnswer result;
    result.table = std::move(table.value());
    outcome_.results.push_back({"", std::move(result)});
    return Status::ok();
}

Result<std::unique_ptr<eval::FactBase>> Executor::scenarioFacts(const bind::BoundQuery& query,
                                                                const eval::FactBase& base,
                                                                std::string& note) {
    if (query.under.empty()) return std::unique_ptr<eval::FactBase>();
    Result<std::vector<const bind::DeclareScenario*>> chosen =
        chooseScenarios(scenarios_, query.under);
    if (!chosen) return chosen.status();
    auto facts = std::make_unique<eval::FactBase>(base);
    ScenarioEffect effect = applyScenarios(chosen.value(), *facts);
    note = scenarioNote(chosen.value(), effect);
    return facts;
}

Status Executor::import(const bind::RunImport& request) {
    // The rows name many entities: every stored one is read first (one scan, not a lookup per
    // name), which also lets the next file be bound on another thread (reads are not safe).
    catalog_.readAllEntities();
    std::optional<BoundFile> file = ahead_.take(request);
    if (!file) file = readAndBind(request, catalog_);
    if (!file->readError)
        return Status::error(Phase::Io, file->readError.message(), request.pathSpan);
    bind::ImportResult& bound = file->bound;
    if (!bound.status)
        return Status::error(Phase::Bind, request.path + ": " + bound.status.message(),
                             request.pathSpan);
    if (!bound.rowErrors.empty()) {
        for (Diagnostic& d : importErrors(bound))
            outcome_.diagnostics.push_back(std::move(d));
        return Status::reported();
    }
    // The catalog holds this file's entities now; the next file is bound while this one is
    // stored, which reads the catalog only.
    const auto* next = next_ ? std::get_if<bind::RunImport>(&next_->node) : nullptr;
    if (next && ImportAhead::worthIt(*next, ruleOptions_.threads)) ahead_.start(*next, catalog_);
    Status stored = applyImport(bound, catalog_, store_, facts_, outcome_.stats,
                                file->rows ? &*file->rows : nullptr);
    if (!stored) ahead_.wait(); // the unit stops here, and its catalog changes are undone
    return stored;
}

// The format and layout are checked now, so a bad one stops the unit; the drawing waits for
// the commit (it reads the engine's state).
Status Executor::diagram(const bind::RunDiagram& request) {
    if (!request.layout.empty())
        if (auto layout = exporter::parseLayoutEngine(request.layout); !layout)
            return Status::error(Phase::Bind, layout.status().message(), request.layoutSpan);
    if (!request.path.empty())
        if (auto format = exporter::diagramFormatForPath(request.path); !format)
            return Status::error(Phase::Bind, format.status().message(), request.pathSpan);
    diagrams_.push_back({outcome_.results.size(), request});
    outcome_.results.push_back({"", TextAnswer{}});
    return Status::ok();
}

Status Executor::why(const bind::BoundQuery& query) {
    // `recorded at`: the facts and rules as the database stood then.
    RecordedState state;
    if (query.recordedAt)
        if (Status s = loadRecordedState(store_, catalog_, rules_, *query.recordedAt, state); !s)
            return s;
    const eval::FactBase& stored = query.recordedAt ? state.facts : facts_;
    const RuleSet& rules = query.recordedAt ? state.rules : rules_;
    std::string note;
    Result<std::unique_ptr<eval::FactBase>> changed = scenarioFacts(query, stored, note);
    if (!changed) return changed.status();
    const eval::FactBase& facts = changed.value() ? *changed.value() : stored;
    eval::RuleEvalOptions options = ruleOptions(query);
    if (query.recordedAt) options.cache = nullptr; // kept tables hold the current facts
    eval::RuleEngine engine(catalog_, facts, rules.rules, rules.strata, options);
    Result<std::vector<DerivationNode>> trees = eval::explainWhy(engine, query, catalog_);
    if (!trees) return trees.status();
    outcome_.results.push_back({"", WhyAnswer{std::move(trees.value())}});
    return Status::ok();
}

} // namespace chipgraph::engine
