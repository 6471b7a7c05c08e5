#include "plan/plan.h"

#include "common/text.h"

#include <algorithm>
#include <set>

namespace chipgraph::plan {

using bind::BoundTerm;

static bool isBound(const BoundTerm& term, const std::set<int>& boundVars) {
    return term.kind == BoundTerm::Kind::Constant ||
           (term.kind == BoundTerm::Kind::Variable && boundVars.count(term.variable));
}

static std::vector<int> variablesOf(const BoundTerm& term) {
    return term.kind == BoundTerm::Kind::Variable ? std::vector<int>{term.variable}
                                                  : std::vector<int>{};
}

QueryPlan planQuery(const bind::BoundQuery& query,
                    const std::function<size_t(RelationId)>& cardinality) {
    QueryPlan plan;
    std::vector<bool> used(query.atoms.size(), false);
    std::vector<bool> compared(query.comparisons.size(), false);
    std::set<int> boundVars;
    for (size_t n = 0; n < query.atoms.size(); ++n) {
        int best = -1;
        size_t bestBound = 0, bestSize = 0;
        for (size_t i = 0; i < query.atoms.size(); ++i) {
            if (used[i]) continue;
            size_t bound = 0;
            for (const BoundTerm& t : query.atoms[i].args)
                bound += isBound(t, boundVars);
            size_t size = cardinality(query.atoms[i].relation);
            if (best < 0 || bound > bestBound || (bound == bestBound && size < bestSize)) {
                best = static_cast<int>(i);
                bestBound = bound;
                bestSize = size;
            }
        }
        used[best] = true;
        JoinStep step;
        step.atom = best;
        const bind::BoundAtom& atom = query.atoms[best];
        for (size_t p = 0; p < atom.args.size(); ++p)
            if (isBound(atom.args[p], boundVars))
                step.boundPositions.push_back(static_cast<int>(p));
        // Probe on a constant first (most selective), else on the first bound variable.
        for (int p : step.boundPositions)
            if (atom.args[p].kind == BoundTerm::Kind::Constant) {
                step.lookupPosition = p;
                break;
            }
        if (step.lookupPosition < 0 && !step.boundPositions.empty())
            step.lookupPosition = step.boundPositions.front();
        for (const BoundTerm& t : atom.args)
            for (int v : variablesOf(t))
                boundVars.insert(v);
        for (const auto& [index, t] : atom.qualifiers)
            for (int v : variablesOf(t))
                boundVars.insert(v);
        for (size_t c = 0; c < query.comparisons.size(); ++c) {
            if (compared[c]) continue;
            std::vector<int> vars = variablesOf(query.comparisons[c].lhs);
            for (int v : variablesOf(query.comparisons[c].rhs))
                vars.push_back(v);
            if (std::all_of(vars.begin(), vars.end(), [&](int v) { return boundVars.count(v); })) {
                compared[c] = true;
                step.comparisons.push_back(static_cast<int>(c));
            }
        }
        plan.steps.push_back(std::move(step));
    }
    return plan;
}

static std::string termText(const BoundTerm& term, const bind::BoundQuery& query,
                            const schema::Catalog& catalog) {
    switch (term.kind) {
    case BoundTerm::Kind::Variable:
        return query.variables[term.variable].name;
    case BoundTerm::Kind::Wildcard:
        return "_";
    case BoundTerm::Kind::Constant:
        if (term.value.isEntity())
            return text::quoteNameIfNeeded(catalog.entity(term.value.entityId()).name);
        if (term.value.isText()) return text::quoteString(term.value.textValue());
        return term.value.numberValue().toString();
    }
    return "";
}

std::string describePlan(const bind::BoundQuery& query, const QueryPlan& plan,
                         const schema::Catalog& catalog) {
    std::string out;
    int n = 1;
    for (const JoinStep& step : plan.steps) {
        const bind::BoundAtom& atom = query.atoms[step.atom];
        const schema::RelationInfo& relation = catalog.relation(atom.relation);
        out += std::to_string(n++) + ". " + (step.lookupPosition < 0 ? "scan " : "lookup ");
        out += relation.name + "(";
        for (size_t i = 0; i < atom.args.size(); ++i)
            out += (i ? ", " : "") + termText(atom.args[i], query, catalog);
        out += ")";
        if (step.lookupPosition >= 0) out += " on " + relation.columns[step.lookupPosition].name;
        for (int c : step.comparisons) {
            static const char* kOps[] = {"=", "!=", "<", "<=", ">", ">="};
            const bind::BoundComparison& cmp = query.comparisons[c];
            out += ", then " + termText(cmp.lhs, query, catalog) + " " +
                   kOps[static_cast<int>(cmp.op)] + " " + termText(cmp.rhs, query, catalog);
        }
        out += "\n";
    }
    return out;
}

} // namespace chipgraph::plan
