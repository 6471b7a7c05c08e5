#pragma once
// The visual language of diagrams, in one place (documented in docs/diagrams.md): node shape
// and colours by kind, line style by status, one colour per relation, the conflict and diff
// colours. Plain data: the Graphviz code (diagram_graph.cpp) reads it, and so does the legend.
#include "export/diagram.h"

#include <string>

namespace chipgraph::exporter {

struct NodeLook {
    const char* shape;
    const char* style;
    const char* fill;
    const char* border;
    const char* fontColor;
};

// How a node of this kind is drawn.
const NodeLook& nodeLook(NodeKind kind);
// The legend's word for a node whose kind has no label of its own: the look's name ("partner"),
// "other" for plain.
const char* nodeKindName(NodeKind kind);

// Line style for a status: solid (actual, reported), dashed (expected, forecast), dotted
// (rumored, view).
const char* lineStyle(schema::FactStatus status);
// Legend text for the statuses drawn in `lineStyle(status)` ("actual, reported").
const char* lineStyleMeaning(schema::FactStatus status);

// Colour of the n-th relation of a diagram (by first appearance); the palette repeats.
const char* relationColor(size_t index);

inline constexpr const char* kConflictColor = "#C62828";
inline constexpr const char* kAddedColor = "#2E8B3A";
inline constexpr const char* kRemovedColor = "#C62828";
inline constexpr const char* kChangedColor = "#E07B00";
inline constexpr const char* kUnchangedColor = "#A8A8A8";
inline constexpr const char* kLabelColor = "#404040";
inline constexpr const char* kClusterFill = "#F5F8FC";
inline constexpr const char* kClusterBorder = "#B8C7D9";
inline constexpr const char* kTitleColor = "#1F2D3D";

// Colour of a diff element.
const char* changeColor(Change change);

} // namespace chipgraph::exporter
