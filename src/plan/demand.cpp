#include "plan/demand.h"

#include "common/scc.h"
#include "plan/rule_plan.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace chipgraph::plan {
namespace {

using bind::BoundAtom;
using bind::BoundQuery;
using bind::BoundRule;
using bind::BoundTerm;

// New relation ids start far above anything a catalog hands out.
constexpr RelationId kFirstDemandId = RelationId{1} << 40;

class DemandRewriter {
public:
    DemandRewriter(const std::vector<BoundRule>& rules, const std::vector<bind::Stratum>& strata,
                   const schema::Catalog& catalog)
        : rules_(rules), strata_(strata), catalog_(catalog) {
        for (const BoundRule& rule : rules) {
            definedBy_[rule.relation].push_back(&rule);
            if (rule.hasAggregate()) aggregated_.insert(rule.relation);
        }
    }

    DemandProgram run(const BoundQuery& query) {
        seedFromQuery(query);
        if (program_.relations.empty()) return {};
        while (!work_.empty()) {
            auto [relation, adornment] = work_.front();
            work_.pop_front();
            for (const BoundRule* rule : definedBy_[relation])
                rewrite(*rule, adornment);
        }
        program_.rules.insert(program_.rules.begin(), rules_.begin(), rules_.end());
        size_t first = rules_.size();
        for (BoundRule& rule : newRules_)
            program_.rules.push_back(std::move(rule));
        program_.strata = strata_;
        for (bind::Stratum& stratum : demandStrata(first))
            program_.strata.push_back(std::move(stratum));
        return std::move(program_);
    }

private:
    // The new relations' strongly connected components, dependencies first (Tarjan's order).
    // Only positive edges join them, so any such order is a valid stratification.
    std::vector<bind::Stratum> demandStrata(size_t firstRule) {
        std::map<RelationId, std::vector<RelationId>> uses;
        std::map<RelationId, std::vector<size_t>> rulesOf;
        for (size_t i = firstRule; i < program_.rules.size(); ++i) {
            const BoundRule& rule = program_.rules[i];
            rulesOf[rule.relation].push_back(i);
            for (const BoundAtom& atom : rule.body.atoms)
                if (program_.labels.count(atom.relation))
                    uses[rule.relation].push_back(atom.relation);
        }
        std::vector<RelationId> nodes;
        for (const DemandRelation& r : program_.relations)
            nodes.push_back(r.id);
        std::vector<bind::Stratum> out;
        for (std::vector<RelationId>&component :
             stronglyConnected(nodes, [&](RelationId v, const auto&visit) {
                 for (RelationId w : uses[v])
                     visit(w);
             })) {
            bind::Stratum stratum;
            stratum.relations = std::move(component);
            for (RelationId r : stratum.relations) {
                stratum.rules.insert(stratum.rules.end(), rulesOf[r].begin(), rulesOf[r].end());
                for (RelationId used : uses[r])
                    stratum.recursive =
                        stratum.recursive || std::binary_search(stratum.relations.begin(),
                                                                stratum.relations.end(), used);
            }
            std::sort(stratum.rules.begin(), stratum.rules.end());
            out.push_back(std::move(stratum));
        }
        return out;
    }

    bool adornable(RelationId relation) const {
        return catalog_.relation(relation).derived && definedBy_.count(relation) &&
               !aggregated_.count(relation);
    }

    // Demand from the query: an atom with a constant asks for what its constants bind (as
    // written); an atom without one, for the values that atoms asked before it bind through
    // the join (sideways, in the order of most bound arguments: `? named(V, "v42", _),
    // reach(X, V).` asks reach only about the V named so). An atom with no bound argument
    // asks for all of its relation, and then every atom on it reads the full relation.
    void seedFromQuery(const BoundQuery& query) {
        std::vector<size_t> order;
        std::vector<std::string> patterns = sidewaysPatterns(query, order);
        std::set<RelationId> full;
        for (const BoundAtom& atom : query.negations)
            full.insert(atom.relation);
        for (size_t a = 0; a < query.atoms.size(); ++a)
            if (patterns[a].find('b') == std::string::npos) full.insert(query.atoms[a].relation);
        auto restricted = [&](size_t a) {
            return !full.count(query.atoms[a].relation) && adornable(query.atoms[a].relation);
        };
        for (size_t a = 0; a < query.atoms.size(); ++a)
            if (restricted(a) && hasConstant(query.atoms[a])) seed(query, a, patterns[a], {});
        std::vector<BoundAtom> prefix;
        for (size_t a : order) {
            if (restricted(a) && !hasConstant(query.atoms[a])) seed(query, a, patterns[a], prefix);
            BoundAtom atom = query.atoms[a];
            if (restricted(a)) atom.relation = entries_.at({atom.relation, patterns[a]}).restricted;
            prefix.push_back(std::move(atom));
        }
    }

    static bool hasConstant(const BoundAtom& atom) {
        return adornationOf(atom, {}).find('b') != std::string::npos;
    }

    // Each atom's adornment (constants only for an atom that has one) and the order they are
    // asked in; only what constants bind, directly or through atoms, counts as bound.
    static std::vector<std::string> sidewaysPatterns(const BoundQuery& query,
                                                     std::vector<size_t>& order) {
        std::vector<std::string> patterns(query.atoms.size());
        std::vector<bool> bound(query.variables.size(), false), used(query.atoms.size(), false);
        for (size_t step = 0; step < query.atoms.size(); ++step) {
            size_t next = pickNext(query, used, bound);
            used[next] = true;
            order.push_back(next);
            const BoundAtom& atom = query.atoms[next];
            patterns[next] = hasConstant(atom) ? adornationOf(atom, {}) : adornationOf(atom, bound);
            if (adornationOf(atom, bound).find('b') == std::string::npos) continue;
            for (const BoundTerm& t : atom.args)
                if (t.kind == BoundTerm::Kind::Variable) bound[t.variable] = true;
            bindAssignments(query, bound);
        }
        return patterns;
    }

    // The demand of query atom `a`: its bound arguments, given what `prefix` (the atoms asked
    // before it; none for constants) binds.
    void seed(const BoundQuery& query, size_t a, const std::string& pattern,
              const std::vector<BoundAtom>& prefix) {
        const BoundAtom& atom = query.atoms[a];
        const Entry& entry = adorned(atom.relation, pattern);
        BoundRule seed;
        seed.relation = entry.demand;
        seed.id = -1;
        for (size_t i = 0; i < atom.args.size(); ++i)
            if (pattern[i] == 'b') seed.head.push_back({atom.args[i], std::nullopt});
        if (!prefix.empty()) {
            std::vector<bool> bound(query.variables.size(), false);
            for (const BoundAtom& p : prefix)
                for (const BoundTerm& t : p.args)
                    if (t.kind == BoundTerm::Kind::Variable) bound[t.variable] = true;
            bindAssignments(query, bound);
            seed.body.variables = query.variables;
            seed.body.atoms = prefix;
            for (const bind::BoundComparison& c : query.comparisons)
                if (allBound(c, bound)) seed.body.comparisons.push_back(c);
        }
        seed.text = ruleText(seed, seed.body);
        newRules_.push_back(std::move(seed));
        std::pair<RelationId, RelationId> answer{entry.restricted, atom.relation};
        if (std::find(program_.answers.begin(), program_.answers.end(), answer) ==
            program_.answers.end())
            program_.answers.push_back(answer);
    }

    // 'b' where the argument is a constant or a variable in `bound`, else 'f'.
    static std::string adornationOf(const BoundAtom& atom, const std::vector<bool>& bound) {
        std::string out;
        for (const BoundTerm& t : atom.args) {
            bool isBound = t.kind == BoundTerm::Kind::Constant ||
                           (t.kind == BoundTerm::Kind::Variable &&
                            static_cast<size_t>(t.variable) < bound.size() && bound[t.variable]);
            out += isBound ? 'b' : 'f';
        }
        return out;
    }

    struct Entry {
        RelationId restricted, demand;
    };

    // The restricted copy of `relation` for `adornment` and its demand relation, created (and
    // queued for rewriting) on first use.
    const Entry& adorned(RelationId relation, const std::string& adornment) {
        auto key = std::make_pair(relation, adornment);
        auto it = entries_.find(key);
        if (it != entries_.end()) return it->second;
        const schema::RelationInfo& info = catalog_.relation(relation);
        Entry entry{nextId_, nextId_ + 1};
        nextId_ += 2;
        std::string name = info.name + "[" + adornment + "]";
        RelationLabel restricted{name, {}}, demand{"demand_" + name, {}};
        int bound = 0;
        for (size_t i = 0; i < info.columns.size(); ++i) {
            restricted.columns.push_back(info.columns[i].name);
            if (adornment[i] == 'b') demand.columns.push_back(info.columns[i].name), ++bound;
        }
        program_.relations.push_back(
            {entry.restricted, relation, adornment, false, static_cast<int>(info.columns.size())});
        program_.relations.push_back({entry.demand, relation, adornment, true, bound});
        program_.labels[entry.restricted] = std::move(restricted);
        program_.labels[entry.demand] = std::move(demand);
        work_.emplace_back(relation, adornment);
        return entries_.emplace(key, entry).first->second;
    }

    // The rule for `adornment`: guarded by its demand, with the atoms on derived relations
    // asked with bound arguments replaced by their restricted copies; and for each of those a
    // rule passing the demand on (what the guard and the atoms before it bind).
    void rewrite(const BoundRule& rule, const std::string& adornment) {
        Entry self = entries_.at({rule.relation, adornment});
        BoundAtom guard;
        guard.relation = self.demand;
        guard.span = rule.headSpan;
        std::vector<bool> bound(rule.body.variables.size(), false);
        for (size_t i = 0; i < rule.head.size(); ++i) {
            if (adornment[i] != 'b') continue;
            const BoundTerm& term = rule.head[i].term;
            guard.args.push_back(term);
            if (term.kind == BoundTerm::Kind::Variable) bound[term.variable] = true;
        }
        BoundRule guarded = rule;
        guarded.relation = self.restricted;
        guarded.body.atoms = {guard};
        std::vector<BoundAtom> prefix = {guard};
        std::vector<bool> used(rule.body.atoms.size(), false);
        bindAssignments(rule.body, bound);
        for (size_t step = 0; step < rule.body.atoms.size(); ++step) {
            size_t next = pickNext(rule.body, used, bound);
            used[next] = true;
            BoundAtom atom = rule.body.atoms[next];
            std::string pattern = adornationOf(atom, bound);
            if (adornable(atom.relation) && pattern.find('b') != std::string::npos) {
                const Entry& target = adorned(atom.relation, pattern);
                passDemand(rule, atom, pattern, target.demand, prefix, bound);
                atom.relation = target.restricted;
            }
            guarded.body.atoms.push_back(atom);
            prefix.push_back(atom);
            for (const BoundTerm& t : atom.args)
                if (t.kind == BoundTerm::Kind::Variable) bound[t.variable] = true;
            bindAssignments(rule.body, bound);
        }
        guarded.text = ruleText(guarded, guarded.body);
        newRules_.push_back(std::move(guarded));
    }

    // The demand for `atom`'s bound arguments: what the prefix (guard and earlier atoms) binds.
    void passDemand(const BoundRule& rule, const BoundAtom& atom, const std::string& pattern,
                    RelationId demand, const std::vector<BoundAtom>& prefix,
                    const std::vector<bool>& bound) {
        BoundRule pass;
        pass.id = rule.id;
        pass.relation = demand;
        pass.span = atom.span;
        pass.headSpan = atom.span;
        for (size_t i = 0; i < atom.args.size(); ++i)
            if (pattern[i] == 'b') pass.head.push_back({atom.args[i], std::nullopt});
        // `demand(C) :- demand(C).` passes nothing on.
        const BoundAtom& guard = prefix.front();
        if (prefix.size() == 1 && guard.relation == demand && sameTerms(guard.args, pass.head))
            return;
        pass.body.variables = rule.body.variables;
        pass.body.atoms = prefix;
        for (const bind::BoundComparison& c : rule.body.comparisons)
            if (allBound(c, bound)) pass.body.comparisons.push_back(c);
        pass.text = ruleText(pass, pass.body);
        newRules_.push_back(std::move(pass));
    }

    static bool sameTerms(const std::vector<BoundTerm>& args,
                          const std::vector<bind::HeadArg>& head) {
        if (args.size() != head.size()) return false;
        for (size_t i = 0; i < args.size(); ++i) {
            const BoundTerm &a = args[i], &b = head[i].term;
            if (a.kind != b.kind || a.variable != b.variable ||
                (a.kind == BoundTerm::Kind::Constant && !(a.value == b.value)))
                return false;
        }
        return true;
    }

    static bool allBound(const bind::BoundComparison& c, const std::vector<bool>& bound) {
        for (const bind::BoundExpr* side : {&c.lhs, &c.rhs})
            for (int v : variablesOf(*side))
                if (!bound[v]) return false;
        return true;
    }

    // An assignment binds its variable once everything on its right is bound.
    static void bindAssignments(const BoundQuery& body, std::vector<bool>& bound) {
        for (bool changed = true; changed;) {
            changed = false;
            for (const bind::BoundComparison& c : body.comparisons) {
                if (c.assigns < 0 || bound[c.assigns]) continue;
                bool ready = true;
                for (int v : variablesOf(c.rhs))
                    ready = ready && bound[v];
                if (ready) bound[c.assigns] = changed = true;
            }
        }
    }

    // Sideways passing: the unused atom with the most bound arguments; ties in body order.
    static size_t pickNext(const BoundQuery& body, const std::vector<bool>& used,
                           const std::vector<bool>& bound) {
        size_t best = body.atoms.size();
        long bestScore = -1;
        for (size_t a = 0; a < body.atoms.size(); ++a) {
            if (used[a]) continue;
            std::string pattern = adornationOf(body.atoms[a], bound);
            long score = static_cast<long>(std::count(pattern.begin(), pattern.end(), 'b'));
            if (score > bestScore) best = a, bestScore = score;
        }
        return best;
    }

    // Source-like text of a rewritten rule, for `explain`.
    std::string ruleText(const BoundRule& rule, const BoundQuery& body) const {
        BoundAtom head;
        head.relation = rule.relation;
        for (const bind::HeadArg& arg : rule.head)
            head.args.push_back(arg.term);
        std::string out = "rule " + describeAtom(head, body, catalog_, &program_.labels);
        for (size_t i = 0; i < body.atoms.size(); ++i)
            out +=
                (i ? ", " : " :- ") + describeAtom(body.atoms[i], body, catalog_, &program_.labels);
        for (const BoundAtom& atom : body.negations)
            out += ", not " + describeAtom(atom, body, catalog_, &program_.labels);
        for (const bind::BoundComparison& c : body.comparisons)
            out += ", " + describeComparison(c, body, catalog_);
        return out + ".";
    }

    const std::vector<BoundRule>& rules_;
    const std::vector<bind::Stratum>& strata_;
    const schema::Catalog& catalog_;
    std::map<RelationId, std::vector<const BoundRule*>> definedBy_;
    std::set<RelationId> aggregated_;
    std::map<std::pair<RelationId, std::string>, Entry> entries_;
    std::deque<std::pair<RelationId, std::string>> work_;
    std::vector<BoundRule> newRules_;
    RelationId nextId_ = kFirstDemandId;
    DemandProgram program_;
};

} // namespace

DemandProgram demandProgram(const BoundQuery& query, const std::vector<BoundRule>& rules,
                            const std::vector<bind::Stratum>& strata,
                            const schema::Catalog& catalog) {
    return DemandRewriter(rules, strata, catalog).run(query);
}

} // namespace chipgraph::plan
