#pragma once
// What-if scenarios (docs/analysis.md): the facts as a scenario would have them, and what an
// answer under it changes against the baseline. Internal to src/engine.
#include "bind/bound.h"
#include "common/table.h"
#include "eval/fact_base.h"

#include <map>
#include <string>
#include <vector>

namespace chipgraph::engine {

// The scenarios of a session, by folded name.
using Scenarios = std::map<std::string, bind::DeclareScenario>;

struct ScenarioEffect {
    size_t added = 0, retracted = 0, scaled = 0;
};

// The scenarios named by `under` (as written, with their spans), in order; an unknown name is
// an error at it, with the nearest known name or how to declare one.
Result<std::vector<const bind::DeclareScenario*>>
chooseScenarios(const Scenarios& scenarios,
                const std::vector<std::pair<std::string, SourceSpan>>& under);

// Applies the scenarios' steps, in order, to `facts` (a copy of the baseline's): adds, removes
// and scales facts. Returns how many facts each kind of step changed.
ScenarioEffect applyScenarios(const std::vector<const bind::DeclareScenario*>& scenarios,
                              eval::FactBase& facts);

// The note under an answer asked under scenarios: which, and what they changed.
std::string scenarioNote(const std::vector<const bind::DeclareScenario*>& scenarios,
                         const ScenarioEffect& effect);

} // namespace chipgraph::engine
