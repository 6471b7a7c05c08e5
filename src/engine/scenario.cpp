#include "engine/scenario.h"

#include "common/text.h"

#include <algorithm>
#include <set>

namespace chipgraph::engine {

static bool matches(const bind::ScenarioStep& step, const schema::Fact& fact) {
    for (size_t i = 0; i < step.any.size(); ++i)
        if (!step.any[i] && !(fact.args[i] == step.fact.args[i])) return false;
    // A dated step matches the facts of its period: validity within it (an undated fact never).
    return !step.matchValidity ||
           (!fact.valid.isAlways() && step.fact.valid.from <= fact.valid.from &&
            fact.valid.to <= step.fact.valid.to);
}

// One pattern step (retract or scale) over its relation's facts.
static void applyPattern(const bind::ScenarioStep& step, eval::FactBase& facts,
                         ScenarioEffect& effect) {
    std::vector<schema::Fact> kept;
    bool changed = false;
    for (const schema::Fact& fact : facts.relation(step.fact.relation).facts()) {
        if (!matches(step, fact)) {
            kept.push_back(fact);
            continue;
        }
        changed = true;
        if (step.kind == bind::ScenarioStep::Kind::Retract) {
            ++effect.retracted;
            continue;
        }
        schema::Fact scaled = fact;
        Value& value = scaled.args[step.column];
        value = Value::number(multiplyNumbers(value.numberValue(), step.factor));
        kept.push_back(std::move(scaled));
        ++effect.scaled;
    }
    if (changed) facts.replace(step.fact.relation, kept);
}

Result<std::vector<const bind::DeclareScenario*>>
chooseScenarios(const Scenarios& scenarios,
                const std::vector<std::pair<std::string, SourceSpan>>& under) {
    std::vector<const bind::DeclareScenario*> chosen;
    for (const auto& [name, span] : under) {
        auto it = scenarios.find(text::foldCase(name));
        if (it != scenarios.end()) {
            chosen.push_back(&it->second);
            continue;
        }
        std::vector<std::string> known;
        for (const auto& [key, scenario] : scenarios)
            known.push_back(scenario.name);
        std::string hint = text::didYouMean(name, known);
        return Status::error(
            Phase::Bind, "unknown scenario '" + name + "'", span,
            hint.empty() ? "declare it first: scenario " + name + " { retract ... }" : hint);
    }
    return chosen;
}

ScenarioEffect applyScenarios(const std::vector<const bind::DeclareScenario*>& scenarios,
                              eval::FactBase& facts) {
    ScenarioEffect effect;
    for (const bind::DeclareScenario* scenario : scenarios)
        for (const bind::ScenarioStep& step : scenario->steps) {
            if (step.kind != bind::ScenarioStep::Kind::Add)
                applyPattern(step, facts, effect);
            else if (facts.add(step.fact))
                ++effect.added;
        }
    return effect;
}

static std::string plural(size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string scenarioNote(const std::vector<const bind::DeclareScenario*>& scenarios,
                         const ScenarioEffect& effect) {
    std::string names;
    for (size_t i = 0; i < scenarios.size(); ++i)
        names += (i ? ", " : "") + scenarios[i]->name;
    return "under " + names + ": " + plural(effect.retracted, "fact") + " retracted, " +
           std::to_string(effect.added) + " added, " + std::to_string(effect.scaled) +
           " scaled (the stored facts are unchanged)";
}

} // namespace chipgraph::engine
