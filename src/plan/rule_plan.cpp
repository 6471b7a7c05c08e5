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

// How often each variable of `rule` occurs, in its head and body.
static std::vector<int> variableUses(const bind::BoundRule& rule) {
    std::vector<int> uses(rule.body.variables.size(), 0);
    auto count = [&](const BoundTerm& t) {
        if (t.kind == BoundTerm::Kind::Variable && t.variable >= 0) {
            if (static_cast<size_t>(t.variable) >= uses.size()) uses.resize(t.variable + 1, 0);
            ++uses[t.variable];
        }
    };
    for (const bind::HeadArg& arg : rule.head)
        count(arg.term);
    for (const bind::BoundAtom& atom : rule.body.atoms)
        for (const BoundTerm& t : atom.args)
            count(t);
    return uses;
}

// The step of edgeStep's recursive rule, or nullopt when `rule` is not of that shape.
static std::optional<EdgeStep> stepOf(const bind::BoundRule& rule, size_t index, RelationId self,
                                      int column) {
    const bind::BoundQuery& body = rule.body;
    if (rule.head.size() != 2 || body.atoms.size() != 2 || !body.negations.empty() ||
        !body.comparisons.empty() || body.window || body.knownAt)
        return std::nullopt;
    for (const bind::BoundAtom& atom : body.atoms)
        if (!atom.qualifiers.empty() || atom.provenance.any()) return std::nullopt;
    size_t r = body.atoms[0].relation == self ? 0 : 1;
    const bind::BoundAtom& premise = body.atoms[r];
    const bind::BoundAtom& edge = body.atoms[1 - r];
    if (premise.relation != self || edge.relation == self) return std::nullopt;
    int other = 1 - column;
    const BoundTerm& x = rule.head[other].term;
    const BoundTerm& y = premise.args[other];
    int z = rule.head[column].term.variable; // passThroughColumn: the premise's too
    if (x.kind != BoundTerm::Kind::Variable || y.kind != BoundTerm::Kind::Variable ||
        x.variable == y.variable || x.variable == z || y.variable == z)
        return std::nullopt;
    std::vector<int> uses = variableUses(rule);
    EdgeStep step{index, edge.relation};
    for (size_t c = 0; c < edge.args.size(); ++c) {
        const BoundTerm& t = edge.args[c];
        if (t.kind == BoundTerm::Kind::Wildcard) continue;
        if (t.kind != BoundTerm::Kind::Variable) return std::nullopt;
        if (t.variable == x.variable && step.fromColumn < 0)
            step.fromColumn = static_cast<int>(c);
        else if (t.variable == y.variable && step.toColumn < 0)
            step.toColumn = static_cast<int>(c);
        else if (uses[t.variable] != 1)
            return std::nullopt; // joins or filters the edges
    }
    if (step.fromColumn < 0 || step.toColumn < 0) return std::nullopt;
    return step;
}

std::optional<EdgeStep> edgeStep(const std::vector<bind::BoundRule>& rules,
                                 const bind::Stratum& stratum, int column) {
    if (column < 0 || column > 1 || stratum.relations.size() != 1) return std::nullopt;
    RelationId self = stratum.relations.front();
    std::optional<EdgeStep> step;
    for (size_t index : stratum.rules) {
        const bind::BoundRule& rule = rules[index];
        bool recursive = false;
        for (const bind::BoundAtom& atom : rule.body.atoms)
            recursive = recursive || atom.relation == self;
        if (!recursive) continue;
        if (step) return std::nullopt; // a second recursive rule
        step = stepOf(rule, index, self, column);
        if (!step) return std::nullopt;
    }
    return step;
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
