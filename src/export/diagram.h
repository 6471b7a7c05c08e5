#pragma once
// Supply-chain diagrams drawn with Graphviz: the model (diagram/model.h) is built in diagram/
// and only rendered here; this is the only code that includes Graphviz (cgraph builds the
// graph, gvc lays it out and renders it in-process). The visual language is in diagram_style.h
// and docs/diagrams.md.
#include "common/status.h"
#include "diagram/model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::exporter {

// The model's types, as the renderer names them.
using diagram::Change;
using diagram::Diagram;
using diagram::DiagramEdge;
using diagram::DiagramNode;
using diagram::NodeKind;

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
