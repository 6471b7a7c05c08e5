// Queries as inputs to other tools (diagrams of a query): bind query text on its own, and run a
// bound query for its variables' values rather than its display table.
#include "engine/engine.h"

#include "bind/binder.h"
#include "engine/derive_for_query.h"
#include "eval/fact_base.h"
#include "eval/query_eval.h"
#include "eval/rule_engine.h"
#include "parse/parser.h"
#include "plan/plan.h"

#include <variant>

namespace chipgraph::engine {

Result<std::vector<std::vector<Value>>> Engine::answerBindings(const bind::BoundQuery& query,
                                                               const eval::FactBase* facts) const {
    eval::RuleEvalOptions options = ruleOptions(query.window, query.knownAt);
    options.cancel = &cancel_;
    PreparedQuery prepared;
    if (Status s = prepareQuery(query, catalog_, facts ? *facts : *facts_, boundRules(), options,
                                strategy_.demand, prepared);
        !s)
        return s;
    Result<eval::QueryAnswers> answers =
        eval::evaluateQueryAnswers(query, prepared.plan, *prepared.view, catalog_, prepared.limits);
    if (!answers) return answers.status();
    if (Status s = lazyReadError(); !s) return s;
    return std::move(answers.value().bindings);
}

std::optional<bind::BoundQuery>
Engine::bindQueryText(std::string_view text, const std::string& name, Outcome& outcome) const {
    outcome.sources[name] = std::string(text);
    parse::ParseResult parsed =
        parse::parseProgram(text, std::make_shared<const std::string>(name), 1);
    outcome.diagnostics = std::move(parsed.diagnostics);
    if (!outcome.ok()) return std::nullopt;
    schema::Catalog scratch = catalog_; // binding never changes the engine's catalog
    bind::BindResult bound = bind::bindProgram(parsed.program, scratch, defaults_);
    outcome.diagnostics = std::move(bound.diagnostics);
    if (!outcome.ok()) return std::nullopt;
    const bind::RunQuery* query = bound.statements.size() == 1
                                      ? std::get_if<bind::RunQuery>(&bound.statements[0].node)
                                      : nullptr;
    if (!query || !query->localRules.empty()) {
        SourceSpan span = bound.statements.empty() ? SourceSpan{} : bound.statements[0].span;
        outcome.diagnostics.push_back(
            makeError(Phase::Bind, "expected one query, as in '? designs(F, C).'", span));
        return std::nullopt;
    }
    return query->query;
}

} // namespace chipgraph::engine
