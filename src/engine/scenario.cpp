#include "engine/scenario.h"

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

static std::vector<std::string> rowKey(const std::vector<Cell>& row) {
    std::vector<std::string> key;
    for (const Cell& cell : row)
        key.push_back(cell.text);
    return key;
}

// Rows in the answer's order: numbers by value (a range by its midpoint), the rest by text;
// a removed row before the row added in its place.
static bool rowBefore(const std::vector<Cell>& a, const std::vector<Cell>& b) {
    for (size_t i = 1; i < a.size(); ++i) {
        if (a[i].kind == Cell::Kind::Number && b[i].kind == Cell::Kind::Number) {
            double x = a[i].number.sortKey(), y = b[i].number.sortKey();
            if (x != y) return x < y;
        }
        if (a[i].text != b[i].text) return a[i].text < b[i].text;
    }
    return a[0].text > b[0].text; // "removed" before "added"
}

Table diffAnswers(const Table& baseline, const Table& scenario) {
    Table out;
    out.columns.push_back("change");
    out.columns.insert(out.columns.end(), scenario.columns.begin(), scenario.columns.end());
    out.detailColumns = scenario.detailColumns;
    std::set<std::vector<std::string>> before, after;
    for (const auto& row : baseline.rows)
        before.insert(rowKey(row));
    for (const auto& row : scenario.rows)
        after.insert(rowKey(row));
    std::vector<std::vector<Cell>> changes;
    auto collect = [&](const Table& table, const std::set<std::vector<std::string>>& other,
                       const char* change) {
        for (const auto& row : table.rows) {
            if (other.count(rowKey(row))) continue;
            std::vector<Cell> cells{Cell::ofText(change)};
            cells.insert(cells.end(), row.begin(), row.end());
            changes.push_back(std::move(cells));
        }
    };
    collect(baseline, after, "removed");
    collect(scenario, before, "added");
    std::stable_sort(changes.begin(), changes.end(), rowBefore);
    out.rows = std::move(changes);
    out.notes = scenario.notes;
    return out;
}

} // namespace chipgraph::engine
