#pragma once
// Internal to src/export: the cgraph graph of a diagram (built, not laid out) and the small
// helpers the graph and legend code share. Only diagram*.cpp include this header.
#include "export/diagram.h"

#include <graphviz/cgraph.h>

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::exporter {

struct GraphCloser {
    void operator()(Agraph_t* graph) const {
        if (graph) agclose(graph);
    }
};
// Owns a root graph; closing it frees every node, edge and subgraph (and any layout).
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

// Builds the graph of `diagram`: default attributes, the title (or legend) on top and the
// footer below, owner clusters (members ordered by timeOrder), with dot the kinds in ranks,
// nodes and edges in model order. An error
// names an edge whose end is not a node of the diagram.
Result<GraphPtr> buildGraph(const Diagram& diagram, const DiagramStyle& style);

// The graph label with a legend: the title, the subtitle (and the footer, `withFooter`) above a
// strip listing the kinds, line styles and colours `diagram` uses (HTML-like label text,
// without the outer < >).
std::string legendLabel(const Diagram& diagram, bool withFooter);

// The title (or the legend, with the title) on top and the footer at the bottom: with dot in a
// borderless cluster, returned, that all nodes join; with other engines on the root, returned.
Agraph_t* placeHeader(Agraph_t* root, const Diagram& diagram, const DiagramStyle& style);
// With dot: design firms in the first rank, process nodes in one, foundries in the last (nodes
// in a cluster and the `owners` heading one stay out of the ranks).
void rankKinds(Agraph_t* root, Agraph_t* frame, const Diagram& diagram,
               const std::vector<Agnode_t*>& nodes, const std::set<std::string>& owners);

// Sets an attribute (declaring it with an empty default when the graph does not have it yet).
void setAttr(void* object, const char* name, const std::string& value);
// Sets an HTML-like label (value without the outer < >).
void setHtmlLabel(Agraph_t* root, void* object, const std::string& html);

// Text for a Graphviz escString attribute (label, tooltip): backslashes kept literal, line
// breaks as "\n".
std::string escapeGraphvizText(std::string_view text);
// Text inside an HTML-like label: &, <, >, " escaped.
std::string escapeHtml(std::string_view text);

} // namespace chipgraph::exporter
