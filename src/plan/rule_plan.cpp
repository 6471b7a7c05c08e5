#include "plan/rule_plan.h"

#include "plan/plan.h"

#include <map>

namespace chipgraph::plan {

std::vector<size_t> neededStrata(const std::vector<bind::BoundRule>& rules,
                                 const std::vector<bind::Stratum>& strata,
                                 const std::vector<RelationId>& relations) {
    std::map<RelationId, size_t> stratumOf;
    for (size_t s = 0; s < strata.size(); ++s)
        for (RelationId r : strata[s].relations)
            stratumOf[r] = s;
    std::set<size_t> needed;
    std::vector<RelationId> work(relations);
    while (!work.empty()) {
        RelationId r = work.back();
        work.pop_back();
        auto it = stratumOf.find(r);
        if (it == stratumOf.end() || !needed.insert(it->second).second) continue;
        for (size_t rule : strata[it->second].rules) {
            for (const bind::BoundAtom& a : rules[rule].body.atoms)
                work.push_back(a.relation);
            for (const bind::BoundAtom& a : rules[rule].body.negations)
                work.push_back(a.relation);
        }
    }
    return {needed.begin(), needed.end()};
}

std::string describeStrata(const std::vector<bind::BoundRule>& rules,
                           const std::vector<bind::Stratum>& strata,
                           const std::vector<size_t>& needed, const schema::Catalog& catalog,
                           const std::function<size_t(RelationId)>& cardinality,
                           const RelationLabels* labels) {
    auto name = [&](RelationId r) { return relationName(r, catalog, labels); };
    std::string out;
    int number = 1;
    for (size_t s : needed) {
        const bind::Stratum& stratum = strata[s];
        out += "stratum " + std::to_string(number++) + ": ";
        for (size_t i = 0; i < stratum.relations.size(); ++i)
            out += (i ? ", " : "") + name(stratum.relations[i]);
        out += stratum.recursive ? " (recursive, semi-naive)\n" : "\n";
        for (size_t r : stratum.rules) {
            const bind::BoundRule& rule = rules[r];
            out += "  " + rule.text + "\n";
            if (rule.hasAggregate())
                out += "    aggregate over time, grouped by the other head terms\n";
            out +=
                describePlan(rule.body, planQuery(rule.body, cardinality), catalog, "    ", labels);
            if (!stratum.recursive || rule.hasAggregate()) continue;
            for (size_t a = 0; a < rule.body.atoms.size(); ++a) {
                bool inStratum = false;
                for (RelationId rel : stratum.relations)
                    inStratum = inStratum || rel == rule.body.atoms[a].relation;
                if (!inStratum) continue;
                PlanOptions options;
                options.firstAtom = static_cast<int>(a);
                out += "    delta on " + name(rule.body.atoms[a].relation) + ":\n";
                out += describePlan(rule.body, planQuery(rule.body, cardinality, options), catalog,
                                    "      ", labels);
            }
        }
    }
    return out;
}

} // namespace chipgraph::plan
