#pragma once
// The diagram model: plain data (nodes, owner clusters, edges, diff marks) that the builder
// (builder.h) makes from a graph's facts and that export/diagram.h renders with Graphviz. It
// knows nothing of how it is drawn (shapes, colours: export/diagram_style.h) nor of where its
// facts come from (graph_view.h).
#include "schema/drawing.h"
#include "schema/fact.h"

#include <optional>
#include <string>
#include <vector>

namespace chipgraph::diagram {

// What a node looks like (its shape and colours), as its type's `draw` declaration says.
using NodeKind = schema::TypeLook;

// Where an element stands in a diff diagram (None outside diffs).
enum class Change { None, Added, Removed, Changed, Unchanged };

struct DiagramNode {
    std::string id;       // unique; the DOT node name (the entity's canonical name)
    std::string label;    // text in the box; any Unicode ("\n" breaks the line)
    std::string typeName; // the entity's type as declared, for the tooltip
    NodeKind kind = NodeKind::Plain;
    std::string kindLabel; // the legend's word for its kind ("design firm"); "" for the look's name
    std::string cluster;   // id of the owner whose box this node is drawn in; "" for none
    int timeOrder = 0;     // within a cluster, nodes run left to right by ascending timeOrder
    // Status of the claim that puts the node in its cluster (its owner relation's), drawn as
    // the border's line style like an edge's; nullopt for a plain border.
    std::optional<schema::FactStatus> ownerStatus;
    std::string tooltip; // SVG tooltip: type, aliases, dates and sources
    // The address of the newest source of its owner claim that has one: a link in SVG, as an
    // edge's (the claim is drawn as the owner's box, not as an edge).
    std::string url;
    Change change = Change::None;
};

struct DiagramEdge {
    std::string from, to; // node ids, in the relation's column order
    std::string relation;
    std::string validity; // display text ("2025–", "2026"); "" when always valid
    schema::FactStatus status = schema::FactStatus::Actual; // decides the line style
    std::string role;      // shown after the validity when DiagramStyle::roles is set
    std::string extra;     // values of non-entity columns ("gw 10"); always shown
    std::string tooltip;   // SVG tooltip: every claim with its source (and its address)
    std::string url;       // the address of its newest source that has one: a link in SVG
    bool conflict = false; // marked "conflict" in red, its colour kept (outside diffs)
    Change change = Change::None;
    std::string changeNote; // what changed in a diff ("expected → actual"), shown in the label
};

struct Diagram {
    std::string title;    // drawn on top; "" for none
    std::string subtitle; // under the title: the date window and knowledge date shown
    std::string footer;   // at the bottom (dot) or under the subtitle: "drawn from 42 sources"
    std::vector<DiagramNode> nodes;
    std::vector<DiagramEdge> edges;
    bool isDiff = false; // colours by Change instead of by relation and conflict
    // Relation names in the order that picks their colours, so that a relation keeps its colour
    // from one diagram to the next; relations not listed follow in order of appearance.
    std::vector<std::string> relations;
};

// A diff mark's name, as tooltips and the legend say it ("added"); "" for None.
const char* changeName(Change change);

} // namespace chipgraph::diagram
