#include "bind/stratify.h"

#include "common/scc.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <set>

namespace chipgraph::bind {
namespace {

enum class EdgeKind { Positive, Negative, Aggregate };

struct Edge {
    RelationId to;
    EdgeKind kind;
    size_t rule;
    SourceSpan span; // the literal (or head, for aggregates) that makes the edge
};

class Stratifier {
public:
    Stratifier(const std::vector<BoundRule>& rules, const schema::Catalog& catalog)
        : rules_(rules), catalog_(catalog) {}

    StratifyResult run() {
        buildGraph();
        findComponents();
        StratifyResult result;
        for (const std::vector<RelationId>& component : components_) {
            Stratum stratum;
            stratum.relations = component;
            for (size_t r = 0; r < rules_.size(); ++r)
                if (componentOf_[rules_[r].relation] == componentOf_[component.front()])
                    stratum.rules.push_back(r);
            stratum.recursive = component.size() > 1 || selfLoop(component.front());
            result.strata.push_back(std::move(stratum));
        }
        checkCycles(result.diagnostics);
        return result;
    }

private:
    void buildGraph() {
        for (size_t r = 0; r < rules_.size(); ++r) {
            const BoundRule& rule = rules_[r];
            nodes_.insert(rule.relation);
            EdgeKind positive = rule.hasAggregate() ? EdgeKind::Aggregate : EdgeKind::Positive;
            for (const BoundAtom& atom : rule.body.atoms)
                addEdge(rule.relation, atom.relation, positive, r,
                        rule.hasAggregate() ? rule.headSpan : atom.span);
            for (const BoundAtom& atom : rule.body.negations)
                addEdge(rule.relation, atom.relation, EdgeKind::Negative, r, atom.span);
        }
    }

    void addEdge(RelationId from, RelationId to, EdgeKind kind, size_t rule, SourceSpan span) {
        if (!catalog_.relation(to).derived) return; // base relations are always ready
        nodes_.insert(to);
        edges_[from].push_back({to, kind, rule, std::move(span)});
    }

    bool selfLoop(RelationId r) const {
        auto it = edges_.find(r);
        if (it == edges_.end()) return false;
        return std::any_of(it->second.begin(), it->second.end(),
                           [&](const Edge& e) { return e.to == r; });
    }

    // Components come out dependencies first (common/scc.h).
    void findComponents() {
        components_ = stronglyConnected(std::vector<RelationId>(nodes_.begin(), nodes_.end()),
                                        [&](RelationId v, const auto& visit) {
                                            for (const Edge& e : edges_[v])
                                                visit(e.to);
                                        });
        for (size_t c = 0; c < components_.size(); ++c)
            for (RelationId r : components_[c])
                componentOf_[r] = static_cast<int>(c);
    }

    // The relations on a path from `from` back to `to` inside one component (BFS).
    std::vector<RelationId> pathWithin(RelationId from, RelationId to) {
        std::map<RelationId, RelationId> parent;
        std::deque<RelationId> queue{from};
        parent[from] = from;
        while (!queue.empty()) {
            RelationId v = queue.front();
            queue.pop_front();
            if (v == to) break;
            for (const Edge& e : edges_[v])
                if (componentOf_[e.to] == componentOf_[from] && !parent.count(e.to)) {
                    parent[e.to] = v;
                    queue.push_back(e.to);
                }
        }
        std::vector<RelationId> path{to};
        while (path.back() != from)
            path.push_back(parent[path.back()]);
        std::reverse(path.begin(), path.end());
        return path;
    }

    void checkCycles(std::vector<Diagnostic>& out) {
        for (auto& [from, edges] : edges_)
            for (const Edge& e : edges) {
                if (e.kind == EdgeKind::Positive || componentOf_[e.to] != componentOf_[from])
                    continue;
                std::string cycle = catalog_.relation(from).name;
                for (RelationId r : pathWithin(e.to, from))
                    cycle += " -> " + catalog_.relation(r).name;
                bool negation = e.kind == EdgeKind::Negative;
                Diagnostic d = makeError(
                    Phase::Bind,
                    std::string(negation ? "negation" : "aggregation") +
                        " inside a recursive cycle: " + cycle,
                    e.span,
                    negation ? "'not' needs its relation fully known first; break the cycle"
                             : "an aggregate needs its body fully known first; break the cycle");
                out.push_back(d);
                // Point at the other end of the cycle too: a rule defining the used relation.
                for (size_t r = 0; r < rules_.size(); ++r)
                    if (rules_[r].relation == e.to) {
                        Diagnostic note;
                        note.severity = Severity::Note;
                        note.phase = Phase::Bind;
                        note.message = "'" + catalog_.relation(e.to).name +
                                       "' is defined here, and depends on '" +
                                       catalog_.relation(from).name + "'";
                        note.span = rules_[r].headSpan;
                        out.push_back(std::move(note));
                        break;
                    }
            }
    }

    const std::vector<BoundRule>& rules_;
    const schema::Catalog& catalog_;
    std::set<RelationId> nodes_;
    std::map<RelationId, std::vector<Edge>> edges_;
    std::map<RelationId, int> componentOf_;
    std::vector<std::vector<RelationId>> components_;
};

} // namespace

StratifyResult stratify(const std::vector<BoundRule>& rules, const schema::Catalog& catalog) {
    return Stratifier(rules, catalog).run();
}

} // namespace chipgraph::bind
