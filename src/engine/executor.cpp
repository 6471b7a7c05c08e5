#include "engine/executor.h"

#include "eval/query_eval.h"
#include "plan/plan.h"

namespace chipgraph::engine {

Status Executor::execute(const bind::BoundStatement& statement) {
    LoadStats& stats = outcome_.stats;
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
                return retract(node);
            } else {
                return query(node.query);
            }
        },
        statement.node);
}

Status Executor::declareEntity(const bind::DeclareEntity& declaration) {
    const schema::EntityInfo& entity = catalog_.entity(declaration.entity);
    if (declaration.isNew) {
        ++outcome_.stats.entities;
        if (Status s = store_.saveEntity(entity); !s) return s;
    }
    // Aliases keep their declaration order: new ones follow those already stored.
    int position = static_cast<int>(entity.aliases.size() - declaration.aliases.size());
    for (const std::string& alias : declaration.aliases) {
        ++outcome_.stats.aliases;
        if (Status s = store_.saveAlias(entity.id, alias, position++); !s) return s;
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

Status Executor::retract(const bind::RetractFact& r) {
    std::vector<schema::Fact> doomed;
    for (const schema::Fact& f : facts_.relation(r.pattern.relation).facts()) {
        if (f.args != r.pattern.args) continue;
        if (r.matchValidity && !(f.valid == r.pattern.valid)) continue;
        if (r.matchSource && f.source != r.pattern.source) continue;
        if (r.matchStatus && f.status != r.pattern.status) continue;
        doomed.push_back(f);
    }
    for (const schema::Fact& f : doomed) {
        if (Status s = store_.deleteFact(f); !s) return s;
        facts_.remove(f);
        ++outcome_.stats.factsRetracted;
    }
    return Status::ok();
}

Status Executor::query(const bind::BoundQuery& query) {
    plan::QueryPlan plan = plan::planQuery(query, [&](RelationId id) { return facts_.size(id); });
    QueryResult result;
    result.plan = plan::describePlan(query, plan, catalog_);
    Result<Table> table = eval::evaluateQuery(query, plan, facts_, catalog_, cancel_);
    if (!table) return table.status();
    result.table = std::move(table.value());
    outcome_.results.push_back(std::move(result));
    return Status::ok();
}

} // namespace chipgraph::engine
