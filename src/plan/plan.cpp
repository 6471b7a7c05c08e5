#include "plan/plan.h"

#include "common/text.h"

#include <algorithm>

namespace chipgraph::plan {

using bind::BoundTerm;

namespace {

bool isBound(const BoundTerm& term, const std::vector<bool>& bound) {
    return term.kind == BoundTerm::Kind::Constant ||
           (term.kind == BoundTerm::Kind::Variable && bound[term.variable]);
}

void collect(const bind::BoundExpr& e, std::vector<int>& out) {
    if (e.isTerm) {
        if (e.term.kind == BoundTerm::Kind::Variable) out.push_back(e.term.variable);
        return;
    }
    for (const bind::BoundExpr& operand : e.operands)
        collect(operand, out);
}

bool allBound(const std::vector<int>& vars, const std::vector<bool>& bound) {
    return std::all_of(vars.begin(), vars.end(), [&](int v) { return bound[v]; });
}

class Planner {
public:
    Planner(const bind::BoundQuery& query, const std::function<size_t(RelationId)>& cardinality,
            const PlanOptions& options)
        : query_(query), cardinality_(cardinality), used_(query.atoms.size(), false),
          compared_(query.comparisons.size(), false), negated_(query.negations.size(), false),
          bound_(query.variables.size(), false) {
        for (size_t v = 0; v < options.boundBefore.size() && v < bound_.size(); ++v)
            bound_[v] = options.boundBefore[v];
        first_ = options.firstAtom;
        indexed_ = options.indexed;
    }

    QueryPlan run() {
        QueryPlan plan;
        for (size_t n = 0; n < query_.atoms.size(); ++n) {
            int atom = n == 0 && first_ >= 0 ? first_ : chooseNext();
            plan.steps.push_back(makeStep(atom));
        }
        return plan;
    }

private:
    int chooseNext() const {
        int best = -1;
        bool bestUsable = false;
        size_t bestBound = 0, bestSize = 0;
        for (size_t i = 0; i < query_.atoms.size(); ++i) {
            if (used_[i]) continue;
            const bind::BoundAtom& atom = query_.atoms[i];
            size_t bound = 0;
            bool usable = false; // some bound argument is indexed
            for (size_t p = 0; p < atom.args.size(); ++p) {
                if (!isBound(atom.args[p], bound_)) continue;
                ++bound;
                usable = usable || !indexed_ || indexed_(atom.relation, static_cast<int>(p));
            }
            size_t size = cardinality_(atom.relation);
            if (best < 0 || usable > bestUsable ||
                (usable == bestUsable &&
                 (bound > bestBound || (bound == bestBound && size < bestSize)))) {
                best = static_cast<int>(i);
                bestUsable = usable;
                bestBound = bound;
                bestSize = size;
            }
        }
        return best;
    }

    JoinStep makeStep(int index) {
        used_[index] = true;
        JoinStep step;
        step.atom = index;
        const bind::BoundAtom& atom = query_.atoms[index];
        for (size_t p = 0; p < atom.args.size(); ++p)
            if (isBound(atom.args[p], bound_)) step.boundPositions.push_back(static_cast<int>(p));
        // Probe on a constant first (most selective), else on the first bound variable.
        for (int p : step.boundPositions)
            if (atom.args[p].kind == BoundTerm::Kind::Constant) {
                step.lookupPosition = p;
                break;
            }
        if (step.lookupPosition < 0 && !step.boundPositions.empty())
            step.lookupPosition = step.boundPositions.front();
        for (const BoundTerm& t : atom.args)
            if (t.kind == BoundTerm::Kind::Variable) bound_[t.variable] = true;
        for (const auto& [q, t] : atom.qualifiers)
            if (t.kind == BoundTerm::Kind::Variable) bound_[t.variable] = true;
        for (int v : {atom.provenance.sourceVariable, atom.provenance.reportedVariable})
            if (v >= 0) bound_[v] = true; // `per S`, `reported R`
        scheduleChecks(step);
        return step;
    }

    // Comparisons whose variables are bound, and assignments whose right side is (which bind
    // their variable, possibly enabling more); then negations whose variables are bound.
    void scheduleChecks(JoinStep& step) {
        for (bool progress = true; progress;) {
            progress = false;
            for (size_t c = 0; c < query_.comparisons.size(); ++c) {
                if (compared_[c]) continue;
                const bind::BoundComparison& cmp = query_.comparisons[c];
                std::vector<int> needed = variablesOf(cmp.rhs);
                if (cmp.assigns < 0)
                    for (int v : variablesOf(cmp.lhs))
                        needed.push_back(v);
                if (!allBound(needed, bound_)) continue;
                compared_[c] = true;
                step.comparisons.push_back(static_cast<int>(c));
                if (cmp.assigns >= 0) {
                    bound_[cmp.assigns] = true;
                    progress = true;
                }
            }
        }
        for (size_t n = 0; n < query_.negations.size(); ++n) {
            if (negated_[n]) continue;
            std::vector<int> vars;
            for (const BoundTerm& t : query_.negations[n].args)
                if (t.kind == BoundTerm::Kind::Variable) vars.push_back(t.variable);
            if (!allBound(vars, bound_)) continue;
            negated_[n] = true;
            step.negations.push_back(static_cast<int>(n));
        }
    }

    const bind::BoundQuery& query_;
    const std::function<size_t(RelationId)>& cardinality_;
    std::vector<bool> used_, compared_, negated_, bound_;
    int first_ = -1;
    std::function<bool(RelationId, int)> indexed_;
};

std::string termText(const BoundTerm& term, const bind::BoundQuery& query,
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

const RelationLabel* labelOf(RelationId id, const RelationLabels* labels) {
    if (!labels) return nullptr;
    auto it = labels->find(id);
    return it == labels->end() ? nullptr : &it->second;
}

} // namespace

std::string relationName(RelationId id, const schema::Catalog& catalog,
                         const RelationLabels* labels) {
    const RelationLabel* label = labelOf(id, labels);
    return label ? label->name : catalog.relation(id).name;
}

std::string describeAtom(const bind::BoundAtom& atom, const bind::BoundQuery& query,
                         const schema::Catalog& catalog, const RelationLabels* labels) {
    std::string out = relationName(atom.relation, catalog, labels) + "(";
    for (size_t i = 0; i < atom.args.size(); ++i)
        out += (i ? ", " : "") + termText(atom.args[i], query, catalog);
    return out + ")";
}

std::vector<int> variablesOf(const bind::BoundExpr& expr) {
    std::vector<int> out;
    collect(expr, out);
    return out;
}

std::string describeExpr(const bind::BoundExpr& expr, const bind::BoundQuery& query,
                         const schema::Catalog& catalog) {
    if (expr.isTerm) return termText(expr.term, query, catalog);
    auto operand = [&](const bind::BoundExpr& e) {
        std::string inner = describeExpr(e, query, catalog);
        return e.isTerm ? inner : "(" + inner + ")";
    };
    return operand(expr.operands[0]) + " " + expr.op + " " + operand(expr.operands[1]);
}

std::string describeComparison(const bind::BoundComparison& comparison,
                               const bind::BoundQuery& query, const schema::Catalog& catalog) {
    static const char* kOps[] = {"=", "!=", "<", "<=", ">", ">="};
    return describeExpr(comparison.lhs, query, catalog) + " " +
           kOps[static_cast<int>(comparison.op)] + " " +
           describeExpr(comparison.rhs, query, catalog);
}

// ` per S status W reported R (R >= 2026-01)`: what an atom asks of its facts' provenance.
static std::string describeProvenance(const bind::ProvenanceFilter& p,
                                      const bind::BoundQuery& query,
                                      const schema::Catalog& catalog) {
    static const char* kOps[] = {"=", "!=", "<", "<=", ">", ">="};
    std::string out;
    if (p.source != kNoId) out += " per " + catalog.source(p.source).name;
    if (p.sourceVariable >= 0) out += " per " + query.variables[p.sourceVariable].name;
    if (p.status) out += std::string(" status ") + schema::statusName(*p.status);
    if (p.reportedVariable >= 0) {
        const std::string& r = query.variables[p.reportedVariable].name;
        out += " reported " + r;
        for (size_t i = 0; i < p.reportedBounds.size(); ++i)
            out += (i ? ", " : " (") + r + " " + kOps[static_cast<int>(p.reportedBounds[i].first)] +
                   " " + p.reportedBounds[i].second.toString();
        if (!p.reportedBounds.empty()) out += ")";
    }
    return out;
}

QueryPlan planQuery(const bind::BoundQuery& query,
                    const std::function<size_t(RelationId)>& cardinality,
                    const PlanOptions& options) {
    return Planner(query, cardinality, options).run();
}

std::string describePlan(const bind::BoundQuery& query, const QueryPlan& plan,
                         const schema::Catalog& catalog, const std::string& indent,
                         const RelationLabels* labels) {
    std::string out;
    int n = 1;
    for (const JoinStep& step : plan.steps) {
        const bind::BoundAtom& atom = query.atoms[step.atom];
        out +=
            indent + std::to_string(n++) + ". " + (step.lookupPosition < 0 ? "scan " : "lookup ");
        out += describeAtom(atom, query, catalog, labels);
        out += describeProvenance(atom.provenance, query, catalog);
        if (step.lookupPosition >= 0) {
            const RelationLabel* label = labelOf(atom.relation, labels);
            out += " on " +
                   (label ? label->columns[step.lookupPosition]
                          : catalog.relation(atom.relation).columns[step.lookupPosition].name);
            if (step.onDisk) out += " (on disk)";
        }
        for (int c : step.comparisons) {
            const bind::BoundComparison& cmp = query.comparisons[c];
            out += std::string(cmp.assigns >= 0 ? ", then let " : ", then ") +
                   describeComparison(cmp, query, catalog);
        }
        for (int v : step.negations)
            out += ", then not " + describeAtom(query.negations[v], query, catalog, labels);
        out += "\n";
    }
    return out;
}

} // namespace chipgraph::plan
