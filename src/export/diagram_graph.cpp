#include "export/diagram_graph.h"

#include "common/text.h"
#include "export/diagram_style.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace chipgraph::exporter {

namespace {

char* mutableText(const char* s) {
    return const_cast<char*>(s); // cgraph's C API takes char* but does not write through it
}

void declare(Agraph_t* root, int kind, const char* name, const std::string& value) {
    agattr(root, kind, mutableText(name), mutableText(value.c_str()));
}

// Defaults shared by every object, so that each node and edge carries only what is its own.
void declareDefaults(Agraph_t* root, const Diagram& diagram, const DiagramStyle& style) {
    declare(root, AGRAPH, "fontname", style.fontName);
    declare(root, AGRAPH, "fontsize", "16");
    declare(root, AGRAPH, "fontcolor", kTitleColor);
    declare(root, AGRAPH, "labelloc", "t");
    declare(root, AGRAPH, "labeljust", "l");
    declare(root, AGRAPH, "label", "");
    declare(root, AGRAPH, "rankdir", "LR");
    declare(root, AGRAPH, "nodesep", "0.3");
    declare(root, AGRAPH, "ranksep", "0.75");
    declare(root, AGRAPH, "pad", "0.3");
    declare(root, AGRAPH, "bgcolor", "white");
    declare(root, AGRAPH, "outputorder", "edgesfirst");
    // For neato, fdp and circo: keep nodes apart (dot ignores these).
    declare(root, AGRAPH, "overlap", "false");
    declare(root, AGRAPH, "sep", "+10");
    // Curved edges that go around nodes; dot does this by default, the others need asking.
    if (style.layout != LayoutEngine::Dot) declare(root, AGRAPH, "splines", "true");
    declare(root, AGNODE, "fontname", style.fontName);
    declare(root, AGNODE, "fontsize", "11");
    declare(root, AGNODE, "margin", "0.12,0.06");
    declare(root, AGNODE, "penwidth", "1.2");
    declare(root, AGEDGE, "fontname", style.fontName);
    declare(root, AGEDGE, "fontsize", "9");
    declare(root, AGEDGE, "fontcolor", kLabelColor);
    declare(root, AGEDGE, "arrowsize", "0.7");
    declare(root, AGEDGE, "penwidth", "1.3");
}

std::string truncate(std::string_view s, size_t maxCodePoints) {
    std::u32string cps = text::decodeUtf8(s);
    if (cps.size() <= maxCodePoints) return std::string(s);
    // Cut at a code-point boundary: walk the UTF-8 bytes of the first maxCodePoints - 1.
    size_t bytes = 0, seen = 0;
    while (bytes < s.size() && seen < maxCodePoints - 1) {
        unsigned char c = static_cast<unsigned char>(s[bytes]);
        bytes += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        ++seen;
    }
    return std::string(s.substr(0, std::min(bytes, s.size()))) + "…";
}

std::string edgeLabel(const DiagramEdge& edge, const DiagramStyle& style) {
    constexpr size_t kMaxRole = 36;
    std::vector<std::string> parts;
    if (!edge.validity.empty()) parts.push_back(edge.validity);
    if (!edge.extra.empty()) parts.push_back(edge.extra);
    if (style.roles && !edge.role.empty()) parts.push_back(truncate(edge.role, kMaxRole));
    if (!edge.changeNote.empty()) parts.push_back(edge.changeNote);
    std::string label;
    for (const std::string& p : parts)
        label += (label.empty() ? "" : "\n") + p;
    return label;
}

// A link in SVG to `url` (nothing when it is empty), opened in a new tab.
void setLink(void* object, const std::string& url) {
    if (url.empty()) return;
    // Graphviz 2.43 writes a URL into SVG as it is: a bare '&' would make the file ill-formed
    // XML, so it goes in as the entity (which Graphviz keeps).
    std::string escaped;
    for (char c : url)
        escaped += c == '&' ? std::string("&amp;") : std::string(1, c);
    setAttr(object, "URL", escapeGraphvizText(escaped));
    setAttr(object, "target", "_blank");
}

void styleNode(Agnode_t* node, const DiagramNode& model) {
    const NodeLook& look = nodeLook(model.kind);
    std::string border = look.border, penwidth;
    std::string line = model.ownerStatus ? lineStyle(*model.ownerStatus) : "solid";
    if (model.change == Change::Added || model.change == Change::Changed) {
        border = changeColor(model.change);
        penwidth = "2.5";
    } else if (model.change == Change::Removed) {
        border = kRemovedColor;
        penwidth = "2";
        line = "dashed";
    }
    setAttr(node, "label", escapeGraphvizText(model.label));
    setAttr(node, "shape", look.shape);
    setAttr(node, "style", std::string(look.style) + (line == "solid" ? "" : "," + line));
    setAttr(node, "fillcolor", look.fill);
    setAttr(node, "color", border);
    setAttr(node, "fontcolor", look.fontColor);
    if (!penwidth.empty()) setAttr(node, "penwidth", penwidth);
    if (!model.tooltip.empty()) setAttr(node, "tooltip", escapeGraphvizText(model.tooltip));
    setLink(node, model.url); // a chip in its owner's box links to the owner claim's source
}

// A conflict keeps its relation's colour (a disputed `develops` still looks like `develops`)
// and is marked by a thicker line and a red "conflict" label instead.
void styleEdge(Agedge_t* edge, const DiagramEdge& model, const Diagram& diagram,
               const DiagramStyle& style, const char* relationColour) {
    std::string color = relationColour, lineStyleText = lineStyle(model.status), penwidth;
    std::string labelColour;
    std::string label = edgeLabel(model, style);
    if (diagram.isDiff) {
        color = changeColor(model.change);
        if (model.change == Change::Removed) lineStyleText = "dashed";
        if (model.change != Change::Unchanged && model.change != Change::None) labelColour = color;
    } else if (model.conflict) {
        labelColour = kConflictColor;
        label = "conflict" + (label.empty() ? "" : "\n" + label);
    }
    if (!labelColour.empty()) penwidth = "1.8";
    setAttr(edge, "color", color);
    setAttr(edge, "style", lineStyleText);
    if (!penwidth.empty()) setAttr(edge, "penwidth", penwidth);
    if (!label.empty()) {
        setAttr(edge, "label", escapeGraphvizText(label));
        if (!labelColour.empty()) setAttr(edge, "fontcolor", labelColour);
    }
    if (!model.tooltip.empty()) {
        setAttr(edge, "tooltip", escapeGraphvizText(model.tooltip));
        if (!label.empty()) setAttr(edge, "labeltooltip", escapeGraphvizText(model.tooltip));
    }
    // In SVG the edge (and its label) link to the newest source's address.
    setLink(edge, model.url);
}

struct ClusterInfo {
    Agraph_t* graph = nullptr;
    std::vector<size_t> members; // indexes into diagram.nodes, owner excluded
};

// Owner clusters in order of first appearance, members sorted by timeOrder.
std::map<std::string, ClusterInfo> makeClusters(Agraph_t* parent, const Diagram& diagram,
                                                std::vector<std::string>& order) {
    std::map<std::string, ClusterInfo> clusters;
    for (size_t i = 0; i < diagram.nodes.size(); ++i) {
        const std::string& id = diagram.nodes[i].cluster;
        if (id.empty()) continue;
        auto [it, added] = clusters.try_emplace(id);
        if (added) order.push_back(id);
        it->second.members.push_back(i);
    }
    std::unordered_map<std::string, const DiagramNode*> byId;
    for (const DiagramNode& n : diagram.nodes)
        byId.emplace(n.id, &n);
    for (size_t c = 0; c < order.size(); ++c) {
        ClusterInfo& info = clusters[order[c]];
        std::string name = "cluster_" + std::to_string(c + 1);
        info.graph = agsubg(parent, mutableText(name.c_str()), 1);
        // An owner drawn as a node heads its own box; otherwise the box carries its name.
        setAttr(info.graph, "label", byId.count(order[c]) ? "" : escapeGraphvizText(order[c]));
        setAttr(info.graph, "style", "rounded,filled");
        setAttr(info.graph, "fillcolor", kClusterFill);
        setAttr(info.graph, "color", kClusterBorder);
        setAttr(info.graph, "fontsize", "12");
        // The root's footer settings are every subgraph's defaults: an owner's name stays on top.
        setAttr(info.graph, "labelloc", "t");
        setAttr(info.graph, "fontcolor", kTitleColor);
        std::stable_sort(info.members.begin(), info.members.end(), [&](size_t a, size_t b) {
            return diagram.nodes[a].timeOrder < diagram.nodes[b].timeOrder;
        });
    }
    return clusters;
}

// Lays each cluster's members out left to right in time order: an invisible edge from each to
// the next puts them in successive ranks (rankdir=LR). Ranks are hard constraints, so this holds
// inside clusters, where Graphviz 2.42 does not keep the order of flat (same-rank) edges.
void orderMembers(const std::vector<std::string>& order,
                  std::map<std::string, ClusterInfo>& clusters,
                  const std::vector<Agnode_t*>& nodes) {
    for (const std::string& id : order) {
        ClusterInfo& info = clusters[id];
        for (size_t k = 1; k < info.members.size(); ++k) {
            Agedge_t* e =
                agedge(info.graph, nodes[info.members[k - 1]], nodes[info.members[k]], nullptr, 1);
            setAttr(e, "style", "invis");
            setAttr(e, "weight", "4");
        }
    }
}

// Graphviz's default ID discipline uses the address of an object's interned name as its ID, and
// keeps subgraphs in ID order: clusters would be written and laid out in an order that changes
// from run to run. This one numbers named objects in order of creation instead (even IDs;
// anonymous objects get odd ones, as by default), so output depends on the diagram alone. Names
// are still interned in the graph (cgraph reads flags stored in front of them).
struct SequentialIds {
    Agraph_t* root = nullptr;
    std::unordered_map<std::string, IDTYPE> byName;
    std::unordered_map<IDTYPE, char*> names; // interned; freed when the graph closes
    IDTYPE nextNamed = 2, nextAnonymous = 1;
};

void* idOpen(Agraph_t* root, Agdisc_t*) {
    auto* ids = new SequentialIds;
    ids->root = root;
    return ids;
}

long idMap(void* state, int, char* name, IDTYPE* id, int create) {
    auto* ids = static_cast<SequentialIds*>(state);
    if (!name) {
        *id = ids->nextAnonymous;
        ids->nextAnonymous += 2;
        return 1;
    }
    auto found = ids->byName.find(name);
    if (found != ids->byName.end()) {
        *id = found->second;
        return 1;
    }
    if (!create) return 0;
    *id = ids->nextNamed;
    ids->nextNamed += 2;
    ids->byName.emplace(name, *id);
    ids->names.emplace(*id, agstrdup(ids->root, name));
    return 1;
}

long idAlloc(void*, int, IDTYPE) {
    return 0; // no object asks for an ID of its own choosing here
}

void idFree(void*, int, IDTYPE) {}

char* idPrint(void* state, int, IDTYPE id) {
    auto* ids = static_cast<SequentialIds*>(state);
    auto found = ids->names.find(id);
    return found == ids->names.end() ? nullptr : found->second;
}

void idClose(void* state) {
    delete static_cast<SequentialIds*>(state);
}

void idRegister(void*, int, void*) {}

Agiddisc_t kSequentialIdDisc{idOpen, idMap, idAlloc, idFree, idPrint, idClose, idRegister};
Agdisc_t kDiagramDisc{&AgMemDisc, &kSequentialIdDisc, &AgIoDisc};

} // namespace

void setAttr(void* object, const char* name, const std::string& value) {
    agsafeset(object, mutableText(name), mutableText(value.c_str()), mutableText(""));
}

void setHtmlLabel(Agraph_t* root, void* object, const std::string& html) {
    char* label = agstrdup_html(root, mutableText(html.c_str()));
    agsafeset(object, mutableText("label"), label, mutableText(""));
    agstrfree(root, label);
}

std::string escapeGraphvizText(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string escapeHtml(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::vector<std::string> relationColourOrder(const Diagram& diagram) {
    std::vector<std::string> order = diagram.relations;
    for (const DiagramEdge& e : diagram.edges)
        if (std::find(order.begin(), order.end(), e.relation) == order.end())
            order.push_back(e.relation);
    return order;
}

Result<GraphPtr> buildGraph(const Diagram& diagram, const DiagramStyle& style) {
    GraphPtr root(agopen(mutableText("chipgraph"), Agdirected, &kDiagramDisc));
    declareDefaults(root.get(), diagram, style);

    Agraph_t* frame = placeHeader(root.get(), diagram, style);
    std::vector<std::string> clusterOrder;
    std::map<std::string, ClusterInfo> clusters = makeClusters(frame, diagram, clusterOrder);

    std::vector<Agnode_t*> nodes;
    std::unordered_map<std::string, size_t> indexOf;
    for (size_t i = 0; i < diagram.nodes.size(); ++i) {
        const DiagramNode& model = diagram.nodes[i];
        if (!indexOf.emplace(model.id, i).second)
            return Status::error("diagram node '" + model.id + "' appears twice");
        Agnode_t* node = agnode(root.get(), mutableText(model.id.c_str()), 1);
        styleNode(node, model);
        nodes.push_back(node);
        if (frame != root.get()) agsubnode(frame, node, 1);
        auto owned = clusters.find(model.cluster.empty() ? model.id : model.cluster);
        if (owned != clusters.end()) agsubnode(owned->second.graph, node, 1);
    }
    orderMembers(clusterOrder, clusters, nodes);
    if (style.layout == LayoutEngine::Dot) {
        std::set<std::string> owners;
        for (const auto& [id, info] : clusters)
            owners.insert(id);
        rankKinds(root.get(), frame, diagram, nodes, owners);
    }

    // Within one cluster, an edge pointing back in time is laid out forwards and drawn with its
    // arrow reversed (dir=back), so that it never fights the left-to-right order.
    std::vector<int> position(diagram.nodes.size(), -1);
    for (auto& [id, info] : clusters)
        for (size_t k = 0; k < info.members.size(); ++k)
            position[info.members[k]] = static_cast<int>(k);

    std::vector<std::string> relations = relationColourOrder(diagram);
    for (const DiagramEdge& model : diagram.edges) {
        auto from = indexOf.find(model.from), to = indexOf.find(model.to);
        if (from == indexOf.end() || to == indexOf.end())
            return Status::error("diagram edge '" + model.from + "' -> '" + model.to +
                                 "' names a node the diagram does not have");
        size_t tail = from->second, head = to->second;
        bool backwards = diagram.nodes[tail].cluster == diagram.nodes[head].cluster &&
                         !diagram.nodes[tail].cluster.empty() && position[tail] > position[head];
        if (backwards) std::swap(tail, head);
        Agedge_t* edge = agedge(root.get(), nodes[tail], nodes[head], nullptr, 1);
        size_t relation =
            std::find(relations.begin(), relations.end(), model.relation) - relations.begin();
        styleEdge(edge, model, diagram, style, relationColor(relation));
        if (backwards) setAttr(edge, "dir", "back");
    }
    return root;
}

} // namespace chipgraph::exporter
