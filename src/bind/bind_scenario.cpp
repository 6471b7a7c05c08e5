// `scenario NAME { steps }`: what-if scenarios (docs/analysis.md). A step adds a fact (bound as
// a fact is), or retracts or scales the facts a pattern matches: `_` and variables match any
// value; the variable of a `scale` step names the number column it multiplies.
#include "bind/binder_impl.h"

#include "ast/printer.h"

namespace chipgraph::bind {

void Binder::bindScenario(const ast::ScenarioDecl& decl, const SourceSpan& span) {
    DeclareScenario out;
    out.name = decl.name.text;
    out.text = ast::print(ast::Statement{decl, span});
    bool ok = true;
    for (const ast::ScenarioStep& step : decl.steps) {
        if (step.kind == ast::ScenarioStep::Kind::Add) {
            std::optional<schema::Fact> fact = bindFactFields(step.fact);
            ok = ok && fact.has_value();
            if (fact) out.steps.push_back({ScenarioStep::Kind::Add, std::move(*fact)});
            continue;
        }
        std::optional<ScenarioStep> pattern = bindScenarioPattern(step);
        ok = ok && pattern.has_value();
        if (pattern) out.steps.push_back(std::move(*pattern));
    }
    if (ok) emit(std::move(out), span);
}

std::optional<ScenarioStep> Binder::bindScenarioPattern(const ast::ScenarioStep& step) {
    const ast::FactStmt& stmt = step.fact;
    const bool scale = step.kind == ast::ScenarioStep::Kind::Scale;
    const char* verb = scale ? "scale" : "retract";
    const schema::RelationInfo* relation = resolveRelation(stmt.atom.relation);
    if (!relation || !checkArity(stmt.atom, *relation)) return std::nullopt;
    if (relation->derived) {
        error(std::string("cannot ") + verb + " '" + relation->name +
                  "': it is derived by rules; a scenario changes facts",
              stmt.atom.relation.span, "change the facts its rules use");
        return std::nullopt;
    }
    if (stmt.source || stmt.status || !stmt.atom.qualifiers.empty()) {
        error(std::string("a '") + verb + "' step matches facts by their arguments and time only",
              step.span, "leave out 'per', the status and qualifiers");
        return std::nullopt;
    }
    ScenarioStep out;
    out.kind = scale ? ScenarioStep::Kind::Scale : ScenarioStep::Kind::Retract;
    out.fact.relation = relation->id;
    bool ok = true;
    for (size_t i = 0; i < stmt.atom.args.size(); ++i) {
        const ast::Term& term = stmt.atom.args[i];
        const schema::Column& column = relation->columns[i];
        bool variable = term.kind == ast::Term::Kind::Name && isVariableName(term.name);
        if (term.kind == ast::Term::Kind::Wildcard || variable) {
            out.any.push_back(true);
            out.fact.args.push_back(Value());
            if (!scale || !variable) continue;
            if (column.kind != schema::ColumnKind::Number || out.column >= 0) {
                error("'" + term.name.text + "' must name the one number column to scale",
                      term.span,
                      "write '_' for the other columns: scale capacity(TSMC, _, W) by 0.8");
                ok = false;
            }
            out.column = static_cast<int>(i);
            continue;
        }
        auto value = bindConstant(term, column, *relation);
        ok = ok && value.has_value();
        out.any.push_back(false);
        out.fact.args.push_back(value ? *value : Value());
    }
    if (scale && out.column < 0 && ok) {
        error("a 'scale' step names the number column it multiplies with a variable",
              stmt.atom.span, "e.g. scale packaging_capacity(TSMC, _, W) in 2026 by 0.8");
        ok = false;
    }
    if (stmt.validity) {
        auto valid = bindValidity(*stmt.validity);
        ok = ok && valid.has_value();
        if (valid) out.fact.valid = *valid;
        out.matchValidity = true;
    }
    out.factor = step.factor.value;
    if (!ok) return std::nullopt;
    return out;
}

} // namespace chipgraph::bind
