#pragma once
// Supply-chain diagrams: a plain model (nodes, edges, owner clusters) drawn with Graphviz. The
// model is built elsewhere (engine/diagram_builder.h) so that this folder needs nothing but
// common/ and schema/; this is the only code that includes Graphviz (cgraph builds the graph,
// gvc lays it out and renders it in-process). The visual language is in diagram_style.h and
// docs/diagrams.md.
#include "common/status.h"
#include "schema/fact.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::exporter {

// What a node stands for; decides its shape and colours.
enum class NodeKind {
    Vendor,
    Chip,
    DesignFirm,
    Foundry,
    ProcessNode,
    MemoryMaker,
    Lab,
    Company,
    Other
};

// Where an element stands in a diff diagram (None outside diffs).
enum class Change { None, Added, Removed, Changed, Unchanged };

struct DiagramNode {
    std::string id;       // unique; the DOT node name (the entity's canonical name)
    std::string label;    // text in the box; any Unicode ("\n" breaks the line)
    std::string typeName; // the entity's type as declared ("Vendor"), for the tooltip
    NodeKind kind = NodeKind::Other;
    std::string cluster; // id of the owner whose box this node is drawn in; "" for none
    int timeOrder = 0;   // within a cluster, nodes run left to right by ascending timeOrder
    // Status of the claim that puts the node in its cluster (its owner's `develops`), drawn as
    // the border's line style like an edge's; nullopt for a plain border.
    std::optional<schema::FactStatus> ownerStatus;
    std::string tooltip; // SVG tooltip: type, aliases, dates and sources
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

// The relations of `diagram` in colour order: Diagram::relations, then any other edge's.
std::vector<std::string> relationColourOrder(const Diagram& diagram);

enum class DiagramFormat { Dot, Svg, Png, Pdf };
enum class LayoutEngine { Dot, Neato, Fdp, Circo };

// A font that renders Latin and CJK text alike (Debian package fonts-noto-cjk); generic
// families follow so that a viewer without it still shows every character.
inline constexpr const char* kDiagramFont = "Noto Sans CJK SC,DejaVu Sans,sans-serif";

struct DiagramStyle {
    LayoutEngine layout = LayoutEngine::Dot;
    bool legend = false; // draw the legend into the diagram
    bool roles = false;  // add each edge's role to its label
    std::string fontName = kDiagramFont;
};

// Parses a format name (dot/gv, svg, png, pdf; case-insensitive); an error names the choices.
Result<DiagramFormat> parseDiagramFormat(std::string_view name);
// The format a file name asks for by its extension ("a/b.svg" -> Svg); an error when the
// extension is missing or unknown.
Result<DiagramFormat> diagramFormatForPath(std::string_view path);
const char* diagramFormatName(DiagramFormat format);
// Parses a layout engine name (dot, neato, fdp, circo); an error names the choices.
Result<LayoutEngine> parseLayoutEngine(std::string_view name);
const char* layoutEngineName(LayoutEngine engine);

// The diagram as DOT text, before layout: deterministic for a given diagram and style (nodes
// and edges in model order, no positions, no timestamps), so tests can compare it.
Result<std::string> diagramToDot(const Diagram& diagram, const DiagramStyle& style);

// The diagram laid out and rendered in `format` (DOT: as diagramToDot). Returns the bytes
// (binary for PNG and PDF). An error carries Graphviz's message. Both are thread-safe: calls
// from several threads take turns, as Graphviz's own state is global.
Result<std::string> renderDiagram(const Diagram& diagram, const DiagramStyle& style,
                                  DiagramFormat format);

// Renders and writes to `path` through a temporary file in the same folder renamed into place,
// so an error never leaves a partial file. Errors: unwritable folder or file, render failure.
Status writeDiagram(const Diagram& diagram, const DiagramStyle& style, DiagramFormat format,
                    const std::string& path);

} // namespace chipgraph::exporter
