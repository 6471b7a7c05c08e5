#include "engine/derive_for_query.h"

#include "plan/rule_plan.h"

#include <algorithm>

namespace chipgraph::engine {

eval::FactView QueryDerivation::view(const eval::FactBase& base) const {
    eval::FactView view(base, &facts);
    for (const auto& [original, table] : tables)
        view.addTable(original, rules->table(table), rules->interner());
    return view;
}

Status deriveForQuery(const bind::BoundQuery& query, const schema::Catalog& catalog,
                      const eval::FactBase& base, const RuleSet& ruleSet,
                      const eval::RuleEvalOptions& options, bool demand, QueryDerivation& out) {
    std::vector<RelationId> derived;
    for (const auto* atoms : {&query.atoms, &query.negations})
        for (const bind::BoundAtom& atom : *atoms)
            if (catalog.relation(atom.relation).derived &&
                std::find(derived.begin(), derived.end(), atom.relation) == derived.end())
                derived.push_back(atom.relation);
    if (derived.empty()) return Status::ok();
    if (demand) out.program = plan::demandProgram(query, ruleSet.rules, ruleSet.strata, catalog);
    const plan::DemandProgram& program = out.program;
    const auto& rules = program.empty() ? ruleSet.rules : program.rules;
    const auto& strata = program.empty() ? ruleSet.strata : program.strata;
    out.rules = std::make_unique<eval::RuleEngine>(catalog, base, rules, strata, options);
    eval::RuleEngine& engine = *out.rules;
    for (const plan::DemandRelation& r : program.relations)
        engine.addRelation(r.id, r.width, r.isDemand);
    // Each derived relation is answered by its restricted copies, or else in full.
    std::vector<std::pair<RelationId, RelationId>> answers; // (evaluated, answers for)
    for (RelationId r : derived) {
        bool restricted = false;
        for (const auto& [copy, original] : program.answers)
            if (original == r) answers.emplace_back(copy, r), restricted = true;
        if (!restricted) answers.emplace_back(r, r);
    }
    std::vector<RelationId> evaluated;
    for (const auto& answer : answers)
        evaluated.push_back(answer.first);
    if (Status s = engine.evaluate(evaluated); !s) return s;
    for (const auto& [copy, original] : answers) {
        // A relation answered by one table is read from it in place; several restricted copies
        // may hold the same fact, so theirs are merged into facts (the first copy's kept).
        size_t sources = 0;
        for (const auto& answer : answers)
            sources += answer.second == original;
        if (sources == 1) {
            out.tables.emplace_back(original, copy);
            continue;
        }
        for (schema::Fact& f : engine.factsOf(copy)) {
            f.relation = original;
            out.facts.add(std::move(f));
        }
    }
    std::vector<size_t> needed = plan::neededStrata(rules, strata, evaluated);
    out.plan = plan::describeStrata(
        rules, strata, needed, catalog, [&](RelationId r) { return engine.table(r).size(); },
        &program.labels);
    return Status::ok();
}

Status prepareQuery(const bind::BoundQuery& query, const schema::Catalog& catalog,
                    const eval::FactBase& base, const RuleSet& rules,
                    const eval::RuleEvalOptions& options, bool demand, PreparedQuery& out,
                    const std::function<PagedLookups*()>& paged) {
    out.limits =
        eval::queryLimitsFromNow(options.cancel, options.timeLimit, options.maxMemoryBytes);
    if (Status s = deriveForQuery(query, catalog, base, rules, options, demand, out.derived); !s)
        return s;
    eval::FactView& view = out.view.emplace(out.derived.view(base));
    PagedLookups* lookups = paged ? paged() : nullptr;
    plan::PlanOptions planning;
    if (lookups) {
        view.setPaged(&lookups->facts(), lookups->relations());
        planning.indexed = [lookups](RelationId r, int position) {
            return lookups->indexed(r, position);
        };
    }
    out.plan = plan::planQuery(
        query, [&](RelationId id) { return view.size(id); }, planning);
    if (lookups) {
        lookups->keepPlanned(query, out.plan);
        view.setPaged(&lookups->facts(), lookups->relations());
    }
    out.planText = out.derived.plan;
    if (!out.planText.empty()) out.planText += "query:\n";
    out.planText += plan::describePlan(query, out.plan, catalog);
    return Status::ok();
}

} // namespace chipgraph::engine
