// The frame of a diagram drawn by dot: the title (or the legend) on top, the footer at the
// bottom, and the node kinds in ranks. Split from diagram_graph.cpp, which builds the rest.
#include "export/diagram_graph.h"
#include "export/diagram_style.h"

namespace chipgraph::exporter {

namespace {

std::string headerText(const Diagram& diagram, bool withFooter) {
    std::string text = diagram.title;
    for (const std::string* line : {&diagram.subtitle, withFooter ? &diagram.footer : nullptr})
        if (line && !line->empty()) text += (text.empty() ? "" : "\n") + *line;
    return text;
}

} // namespace

// The title (or the legend, which holds it) on top and the footer at the bottom. A graph has
// one label, so with dot the drawing goes in a frame: a borderless cluster labelled on top,
// inside the root labelled at the bottom. Other engines lay clusters out differently (neato
// and circo ignore them): there the footer is the header's last line. Returns the frame.
Agraph_t* placeHeader(Agraph_t* root, const Diagram& diagram, const DiagramStyle& style) {
    bool framed = style.layout == LayoutEngine::Dot && !diagram.footer.empty();
    Agraph_t* frame = root;
    if (framed) {
        frame = agsubg(root, const_cast<char*>("cluster_frame"), 1);
        setAttr(frame, "peripheries", "0");
        setAttr(root, "label", escapeGraphvizText(diagram.footer));
        setAttr(root, "labelloc", "b");
        setAttr(root, "fontsize", "10");
        setAttr(root, "fontcolor", kLabelColor);
        setAttr(frame, "fontsize", "16");
        setAttr(frame, "fontcolor", kTitleColor);
        setAttr(frame, "labelloc", "t");
    }
    if (style.legend)
        setHtmlLabel(root, frame, legendLabel(diagram, !framed));
    else
        setAttr(frame, "label", escapeGraphvizText(headerText(diagram, !framed)));
    return frame;
}

// dot lays the looks out in ranks, left to right: partners (design firms) first, products
// (chips) in their owners' boxes, then processes (process nodes), then plants (foundries) last;
// newrank lets these constraints hold across the owners' clusters. Owners drawn as nodes head their
// boxes and stay out of the ranks.
void rankKinds(Agraph_t* root, Agraph_t* frame, const Diagram& diagram,
               const std::vector<Agnode_t*>& nodes, const std::set<std::string>& owners) {
    struct Rank {
        NodeKind kind;
        const char* name;
        const char* rank;
    };
    bool any = false;
    for (Rank r : {Rank{NodeKind::Partner, "rank_design_firms", "min"},
                   Rank{NodeKind::Process, "rank_process_nodes", "same"},
                   Rank{NodeKind::Plant, "rank_foundries", "max"}}) {
        Agraph_t* group = nullptr;
        for (size_t i = 0; i < diagram.nodes.size(); ++i) {
            const DiagramNode& n = diagram.nodes[i];
            if (n.kind != r.kind || !n.cluster.empty() || owners.count(n.id)) continue;
            if (!group) {
                group = agsubg(frame, const_cast<char*>(r.name), 1);
                setAttr(group, "rank", r.rank);
            }
            agsubnode(group, nodes[i], 1);
            any = true;
        }
    }
    if (any) setAttr(root, "newrank", "true");
}

} // namespace chipgraph::exporter
