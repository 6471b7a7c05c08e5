// The legend: a strip under the title, both in the graph's own (HTML-like) label, so that it
// never disturbs the layout and always sits on top. It lists only what the diagram uses: node
// kinds as swatches in their colours, line styles (cells whose bottom border is drawn in the
// line's style and colour), relation colours, conflicts or diff marks, and how to read labels.
#include "export/diagram_graph.h"
#include "export/diagram_style.h"

#include <algorithm>
#include <set>

namespace chipgraph::exporter {

namespace {

// One entry: a sample cell (a line drawn as the cell's bottom border, or a swatch) and its text.
std::string lineEntry(const char* color, const char* lineStyleName, const std::string& meaning) {
    return std::string("<TD WIDTH=\"32\" HEIGHT=\"8\" SIDES=\"B\" BORDER=\"2\" COLOR=\"") + color +
           "\" STYLE=\"" + lineStyleName + "\"></TD><TD ALIGN=\"LEFT\">" + escapeHtml(meaning) +
           "</TD>";
}

std::string kindEntry(NodeKind kind, const std::string& label) {
    const NodeLook& look = nodeLook(kind);
    std::string rounded =
        std::string(look.style).find("rounded") != std::string::npos ? " STYLE=\"rounded\"" : "";
    return std::string("<TD><TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLPADDING=\"0\"") + rounded +
           " BGCOLOR=\"" + look.fill + "\" COLOR=\"" + look.border +
           "\"><TR><TD WIDTH=\"26\" HEIGHT=\"10\"></TD></TR></TABLE></TD><TD ALIGN=\"LEFT\">" +
           escapeHtml(label) + "</TD>";
}

// A row of entries as its own table, so that rows need not line up column by column.
std::string row(const std::string& entries) {
    return "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
           "CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>" +
           entries + "</TR></TABLE></FONT></TD></TR>";
}

std::string statusEntries(const Diagram& diagram) {
    using schema::FactStatus;
    std::set<std::string> used;
    for (const DiagramEdge& e : diagram.edges)
        used.insert(lineStyle(e.status));
    for (const DiagramNode& n : diagram.nodes)
        if (n.ownerStatus) used.insert(lineStyle(*n.ownerStatus));
    std::string entries;
    for (FactStatus s : {FactStatus::Actual, FactStatus::Expected, FactStatus::Rumored})
        if (used.empty() || used.count(lineStyle(s)))
            entries += lineEntry(kLabelColor, lineStyle(s), lineStyleMeaning(s));
    return entries;
}

std::string colourEntries(const Diagram& diagram) {
    std::string entries;
    if (diagram.isDiff) {
        for (Change c : {Change::Added, Change::Removed, Change::Changed, Change::Unchanged})
            entries +=
                lineEntry(changeColor(c), c == Change::Removed ? "dashed" : "solid", changeName(c));
        return entries;
    }
    std::vector<std::string> relations = relationColourOrder(diagram);
    for (size_t i = 0; i < relations.size(); ++i) {
        bool drawn = std::any_of(diagram.edges.begin(), diagram.edges.end(),
                                 [&](const DiagramEdge& e) { return e.relation == relations[i]; });
        if (drawn) entries += lineEntry(relationColor(i), "solid", relations[i]);
    }
    if (std::any_of(diagram.edges.begin(), diagram.edges.end(),
                    [](const DiagramEdge& e) { return e.conflict; }))
        entries += "<TD ALIGN=\"LEFT\"><FONT COLOR=\"" + std::string(kConflictColor) +
                   "\">conflict</FONT>: conflicting claims (colour kept)</TD>";
    return entries;
}

// The legend's word for what owners' boxes hold: the kind of the first node in a box ("chip"),
// or "item" when it has none.
std::string ownedWord(const Diagram& diagram) {
    for (const DiagramNode& n : diagram.nodes)
        if (!n.cluster.empty() && !n.kindLabel.empty()) return n.kindLabel;
    return "item";
}

std::string notes(const Diagram& diagram) {
    std::vector<std::string> parts;
    std::string owned = ownedWord(diagram);
    if (std::any_of(diagram.nodes.begin(), diagram.nodes.end(),
                    [](const DiagramNode& n) { return !n.cluster.empty(); }))
        parts.push_back("box: an owner's " + owned + "s, oldest on the left");
    if (std::any_of(diagram.nodes.begin(), diagram.nodes.end(),
                    [](const DiagramNode& n) { return n.ownerStatus.has_value(); }))
        parts.push_back(owned + " border: status of its owner's claim");
    parts.push_back("labels: when it holds (2025– = from 2025)");
    parts.push_back("hover for sources and dates (SVG)");
    std::string text;
    for (const std::string& p : parts)
        text += (text.empty() ? "" : "   ·   ") + p;
    return "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\" COLOR=\"" + std::string(kLabelColor) + "\">" +
           escapeHtml(text) + "</FONT></TD>";
}

} // namespace

std::string legendLabel(const Diagram& diagram, bool withFooter) {
    // One entry per look and word, in the looks' order.
    std::set<std::pair<NodeKind, std::string>> kinds;
    for (const DiagramNode& n : diagram.nodes)
        kinds.emplace(n.kind, n.kindLabel.empty() ? nodeKindName(n.kind) : n.kindLabel);
    std::string kindCells;
    for (const auto& [kind, label] : kinds)
        kindCells += kindEntry(kind, label);
    std::string rows = "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\">" +
                       escapeHtml(diagram.title) + "</FONT></TD></TR>";
    for (const std::string* line : {&diagram.subtitle, withFooter ? &diagram.footer : nullptr})
        if (line && !line->empty())
            rows += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"11\" COLOR=\"" +
                    std::string(kLabelColor) + "\">" + escapeHtml(*line) + "</FONT></TD></TR>";
    if (!kindCells.empty()) rows += row(kindCells);
    rows += row(statusEntries(diagram) + colourEntries(diagram));
    rows += row(notes(diagram));
    return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">" + rows +
           "</TABLE>";
}

} // namespace chipgraph::exporter
