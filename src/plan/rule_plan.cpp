#include "plan/rule_plan.h"

#include "plan/plan.h"

#include <algorithm>
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

using bind::BoundTerm;

// Whether `rule` copies column `c` of `premise` into its head unchanged.
static bool keepsColumn(const bind::BoundRule& rule, const bind::BoundAtom& premise, size_t c) {
    const BoundTerm& head = rule.head[c].term;
    const BoundTerm& from = premise.args[c];
    return head.kind == BoundTerm::Kind::Variable && from.kind == BoundTerm::Kind::Variable &&
           head.variable == from.variable;
}

int passThroughColumn(const std::vector<bind::BoundRule>& rules, const bind::Stratum& stratum) {
    if (!stratum.recursive || stratum.relations.size() != 1) return -1;
    RelationId relation = stratum.relations.front();
    std::vector<bool> kept; // by column, over the recursive rules seen so far
    for (size_t index : stratum.rules) {
        const bind::BoundRule& rule = rules[index];
        if (rule.hasAggregate()) return -1;
        const bind::BoundAtom* premise = nullptr;
        for (const bind::BoundAtom& atom : rule.body.atoms) {
            if (atom.relation != relation) continue;
            if (premise) return -1; // not linear
            premise = &atom;
        }
        for (const bind::BoundAtom& atom : rule.body.negations)
            if (atom.relation == relation) return -1;
        if (!premise) continue; // an exit rule: any column is fine
        if (kept.empty()) kept.assign(rule.head.size(), true);
        for (size_t c = 0; c < kept.size(); ++c)
            kept[c] = kept[c] && c < premise->args.size() && keepsColumn(rule, *premise, c);
    }
    auto column = std::find(kept.begin(), kept.end(), true);
    return column == kept.end() ? -1 : static_cast<int>(column - kept.begin());
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
        if (int column = passThroughColumn(rules, stratum); column >= 0)
            out += " (recursive, semi-naive, in parts by argument " + std::to_string(column + 1) +
                   ")\n";
        else
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
