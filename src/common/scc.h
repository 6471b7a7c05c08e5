#pragma once
// Strongly connected components of a directed graph (Tarjan's algorithm). Each component comes
// after every component it reaches: with edges from a relation to the relations it uses, that
// is dependencies first — the order strata are evaluated in. Members of a component are sorted.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <vector>

namespace chipgraph {

// `forEachSuccessor(v, f)` calls f(w) for every edge v -> w.
template <typename Node, typename ForEachSuccessor>
std::vector<std::vector<Node>> stronglyConnected(const std::vector<Node>& nodes,
                                                 ForEachSuccessor&& forEachSuccessor) {
    std::vector<std::vector<Node>> components;
    std::map<Node, int> index, low;
    std::vector<Node> stack;
    std::set<Node> onStack;
    int counter = 0;
    std::function<void(const Node&)> visit = [&](const Node& v) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        onStack.insert(v);
        forEachSuccessor(v, [&](const Node& w) {
            if (!index.count(w)) {
                visit(w);
                low[v] = std::min(low[v], low[w]);
            } else if (onStack.count(w)) {
                low[v] = std::min(low[v], index[w]);
            }
        });
        if (low[v] != index[v]) return;
        std::vector<Node> component;
        Node w;
        do {
            w = stack.back();
            stack.pop_back();
            onStack.erase(w);
            component.push_back(w);
        } while (w != v);
        std::sort(component.begin(), component.end());
        components.push_back(std::move(component));
    };
    for (const Node& v : nodes)
        if (!index.count(v)) visit(v);
    return components;
}

} // namespace chipgraph
