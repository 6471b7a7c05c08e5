// Diagrams drawn with Graphviz: format and layout names, deterministic DOT text with the visual
// language (clusters, time order, line styles, conflicts, diffs), SVG/PNG/PDF rendered
// in-process and well-formed, and files written whole or not at all.
#include "export/diagram.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace chipgraph;
using namespace chipgraph::exporter;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

namespace fs = std::filesystem;

DiagramNode node(std::string id, NodeKind kind, std::string cluster = "", int order = 0) {
    DiagramNode n;
    n.id = id;
    n.label = id;
    n.kind = kind;
    // The legend's words, as graph/05_diagrams.kg gives them.
    n.kindLabel = kind == NodeKind::Partner   ? "design firm"
                  : kind == NodeKind::Product ? "chip"
                                              : "";
    n.cluster = std::move(cluster);
    n.timeOrder = order;
    n.tooltip = id + " (tooltip)";
    return n;
}

DiagramEdge edge(std::string from, std::string to, std::string relation,
                 schema::FactStatus status = schema::FactStatus::Actual) {
    DiagramEdge e;
    e.from = std::move(from);
    e.to = std::move(to);
    e.relation = std::move(relation);
    e.status = status;
    e.tooltip = "per seed2025 (2025-06)";
    return e;
}

// Amazon's box with two generations (listed newest first), two design firms in conflict over
// the newer one, its process node, and a generation edge that points back in time.
Diagram sample() {
    Diagram d;
    d.title = "supply chain of Amazon";
    d.nodes = {node("博通", NodeKind::Partner), node("Alchip", NodeKind::Partner),
               node("Trainium3", NodeKind::Product, "Amazon", 2),
               node("Trainium2", NodeKind::Product, "Amazon", 1), node("N3", NodeKind::Process)};
    d.nodes[2].ownerStatus = schema::FactStatus::Expected;
    d.edges = {edge("博通", "Trainium3", "designs", schema::FactStatus::Rumored),
               edge("Alchip", "Trainium3", "designs", schema::FactStatus::Reported),
               edge("Trainium3", "N3", "fabbed_on"),
               edge("Trainium3", "Trainium2", "successor_of")};
    d.edges[0].conflict = d.edges[1].conflict = true;
    d.edges[1].validity = "2025–";
    d.edges[1].role = "back-end";
    return d;
}

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

// A fresh, empty folder for one test.
struct TempFolder {
    fs::path path;
    TempFolder() {
        path = fs::temp_directory_path() /
               ("chipgraph-diagram-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempFolder() { fs::remove_all(path); }
    size_t entries() const {
        return std::distance(fs::directory_iterator(path), fs::directory_iterator());
    }
};

} // namespace

// ---- names ---------------------------------------------------------------------------------

TEST_CASE("diagram formats parse by name and by file extension", "[diagram]") {
    CHECK(parseDiagramFormat("svg").value() == DiagramFormat::Svg);
    CHECK(parseDiagramFormat("PNG").value() == DiagramFormat::Png);
    CHECK(parseDiagramFormat("gv").value() == DiagramFormat::Dot);
    CHECK(diagramFormatForPath("out/aws.pdf").value() == DiagramFormat::Pdf);
    CHECK(diagramFormatForPath("AWS.SVG").value() == DiagramFormat::Svg);
    CHECK(diagramFormatName(DiagramFormat::Png) == std::string("png"));
}

TEST_CASE("an unknown format or a missing extension is an error naming the choices",
          "[diagram][errors]") {
    CHECK(parseDiagramFormat("jpg").status().message() ==
          "unknown diagram format 'jpg'; choose dot, svg, png or pdf");
    CHECK(parseDiagramFormat("svgg").status().message() ==
          "unknown diagram format 'svgg'; did you mean 'svg'?");
    CHECK(diagramFormatForPath("aws.jpeg").status().message() ==
          "unknown diagram format 'jpeg'; choose dot, svg, png or pdf");
    CHECK_THAT(diagramFormatForPath("aws").status().message(),
               Contains("cannot tell the diagram format of 'aws'"));
}

TEST_CASE("layout engines parse, an unknown one suggests the nearest", "[diagram][errors]") {
    CHECK(parseLayoutEngine("dot").value() == LayoutEngine::Dot);
    CHECK(parseLayoutEngine("Neato").value() == LayoutEngine::Neato);
    CHECK(parseLayoutEngine("fdp").value() == LayoutEngine::Fdp);
    CHECK(parseLayoutEngine("circo").value() == LayoutEngine::Circo);
    CHECK(layoutEngineName(LayoutEngine::Circo) == std::string("circo"));
    CHECK(parseLayoutEngine("sfdp").status().message() ==
          "unknown layout engine 'sfdp'; did you mean 'fdp'?");
    CHECK(parseLayoutEngine("twopi").status().message() ==
          "unknown layout engine 'twopi'; choose dot, neato, fdp or circo");
}

// ---- DOT ----------------------------------------------------------------------------------

TEST_CASE("DOT text is deterministic and carries no layout", "[diagram][dot]") {
    std::string first = diagramToDot(sample(), {}).value();
    CHECK(diagramToDot(sample(), {}).value() == first);
    CHECK_THAT(first, StartsWith("digraph chipgraph {"));
    CHECK_THAT(first, !Contains("pos="));
    CHECK_THAT(first, Contains("rankdir=LR"));
    CHECK_THAT(first, Contains(kDiagramFont));
}

TEST_CASE("chips sit in their owner's box, oldest first", "[diagram][dot]") {
    std::string dot = diagramToDot(sample(), {}).value();
    CHECK_THAT(dot, Contains("subgraph cluster_1"));
    CHECK_THAT(dot, Contains("label=Amazon")); // the owner is not a node: the box is named
    // Trainium2 (order 1) precedes Trainium3 (order 2): an invisible edge chains them.
    CHECK_THAT(dot, Contains("Trainium2 -> Trainium3\t[style=invis,"));
    // successor_of(Trainium3, Trainium2) points back in time: laid out forwards, drawn back.
    CHECK_THAT(dot, Contains("Trainium2 -> Trainium3\t[color=\"#8C5A2B\",\n\t\tdir=back"));
}

TEST_CASE("line style follows status, conflicts and labels are drawn", "[diagram][dot]") {
    std::string dot = diagramToDot(sample(), {}).value();
    CHECK_THAT(dot, Contains("style=dotted"));          // rumored
    CHECK_THAT(dot, Contains("rounded,filled,dashed")); // the chip's owner claim is expected
    CHECK_THAT(dot, Contains("label=\"conflict\\n2025–\""));
    CHECK_THAT(dot, !Contains("back-end")); // roles only when asked
    DiagramStyle withRoles;
    withRoles.roles = true;
    CHECK_THAT(diagramToDot(sample(), withRoles).value(),
               Contains("label=\"conflict\\n2025–\\nback-end\""));
}

// Issue 21: a conflict keeps its relation's colour (a disputed `develops` must not look like a
// disputed `designs`) and is marked by a red "conflict" label.
TEST_CASE("a conflict keeps its relation's colour and gets a red label", "[diagram][dot]") {
    std::string dot = diagramToDot(sample(), {}).value();
    CHECK(count(dot, "[color=\"#C62828\"") == 0);
    CHECK(count(dot, "fontcolor=\"#C62828\"") == 2); // both conflicting claims
    CHECK(count(dot, "[color=\"#1F4E79\"") == 2);    // in the colour of designs
    CHECK(count(dot, "label=conflict") == 1);
}

TEST_CASE("with dot, the kinds stand in ranks and the footer at the bottom", "[diagram][dot]") {
    Diagram d = sample();
    d.subtitle = "valid at any time · known at 2025-06-30";
    d.footer = "drawn from 3 sources";
    std::string dot = diagramToDot(d, {}).value();
    CHECK_THAT(dot, Contains("newrank=true"));
    CHECK_THAT(dot, Contains("subgraph rank_design_firms {\n\t\t\tgraph [rank=min];"));
    CHECK_THAT(dot, Contains("subgraph rank_process_nodes {\n\t\t\tgraph [rank=same];"));
    CHECK_THAT(dot, Contains("label=\"drawn from 3 sources\",\n\t\tlabeljust=l,\n\t\tlabelloc=b"));
    CHECK_THAT(dot, Contains("subgraph cluster_frame {"));
    CHECK_THAT(dot, Contains("label=\"supply chain of Amazon\\nvalid at any time · known at "
                             "2025-06-30\""));
    // Other engines ignore or reshape clusters: the footer ends the title instead.
    DiagramStyle neato;
    neato.layout = LayoutEngine::Neato;
    std::string other = diagramToDot(d, neato).value();
    CHECK_THAT(other, !Contains("cluster_frame"));
    CHECK_THAT(other, !Contains("rank="));
    CHECK_THAT(other, Contains("2025-06-30\\ndrawn from 3 sources\""));
}

TEST_CASE("an edge links to its source's address in SVG", "[diagram][render]") {
    Diagram d = sample();
    d.edges[2].url = "https://example.com/n3?a=1&b=2";
    std::string dot = diagramToDot(d, {}).value();
    CHECK_THAT(dot, Contains("URL=\"https://example.com/n3?a=1&amp;b=2\""));
    CHECK_THAT(dot, Contains("target=_blank"));
    std::string svg = renderDiagram(d, {}, DiagramFormat::Svg).value();
    CHECK_THAT(svg, Contains("xlink:href=\"https://example.com/n3?a=1&amp;b=2\""));
}

TEST_CASE("the legend lists only what the diagram uses", "[diagram][dot]") {
    DiagramStyle style;
    style.legend = true;
    std::string dot = diagramToDot(sample(), style).value();
    CHECK_THAT(dot, Contains("conflicting claims"));
    CHECK_THAT(dot, Contains("design firm"));
    CHECK_THAT(dot, Contains("rumored, view"));
    CHECK_THAT(dot, !Contains("foundry"));
    CHECK_THAT(dot, !Contains("added"));
}

TEST_CASE("a diff colours by change instead of by relation", "[diagram][dot]") {
    Diagram d = sample();
    d.isDiff = true;
    d.edges[0].change = Change::Removed;
    d.edges[1].change = Change::Added;
    d.edges[2].change = Change::Changed;
    d.edges[2].changeNote = "expected → actual";
    d.edges[3].change = Change::Unchanged;
    std::string dot = diagramToDot(d, {}).value();
    CHECK_THAT(dot, Contains("#2E8B3A"));           // added
    CHECK_THAT(dot, Contains("expected → actual")); // changed, with its note
    CHECK_THAT(dot, Contains("#A8A8A8"));           // unchanged
    CHECK(count(dot, "[color=\"#C62828\"") == 1);   // only the removed edge, no conflict colour
}

TEST_CASE("an edge to a node the diagram lacks is an error", "[diagram][errors]") {
    Diagram d = sample();
    d.edges.push_back(edge("Trainium3", "N2", "fabbed_on"));
    CHECK(diagramToDot(d, {}).status().message() ==
          "diagram edge 'Trainium3' -> 'N2' names a node the diagram does not have");
}

// ---- rendering ------------------------------------------------------------------------------

TEST_CASE("SVG is well-formed, has tooltips and renders Chinese names", "[diagram][render]") {
    DiagramStyle style;
    style.legend = true;
    std::string svg = renderDiagram(sample(), style, DiagramFormat::Svg).value();
    CHECK(svg.size() > 2000);
    CHECK_THAT(svg, StartsWith("<?xml"));
    CHECK_THAT(svg, Contains("<svg"));
    CHECK(svg.substr(svg.find_last_not_of("\n") - 5, 6) == "</svg>");
    CHECK(count(svg, "<g ") == count(svg, "</g>"));
    CHECK(count(svg, "<text") == count(svg, "</text>"));
    CHECK_THAT(svg, Contains(">博通</text>"));
    CHECK_THAT(svg, Contains("xlink:title=\"Trainium3 (tooltip)\""));
    CHECK_THAT(svg, Contains("xlink:title=\"per seed2025 (2025&#45;06)\""));
}

TEST_CASE("PNG and PDF are rendered in-process and non-trivial", "[diagram][render]") {
    std::string png = renderDiagram(sample(), {}, DiagramFormat::Png).value();
    CHECK(png.size() > 5000);
    CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    CHECK(png.substr(png.size() - 8, 4) == "IEND");
    std::string pdf = renderDiagram(sample(), {}, DiagramFormat::Pdf).value();
    CHECK(pdf.size() > 1000);
    CHECK_THAT(pdf, StartsWith("%PDF-"));
}

TEST_CASE("every layout engine renders", "[diagram][render]") {
    for (LayoutEngine engine :
         {LayoutEngine::Dot, LayoutEngine::Neato, LayoutEngine::Fdp, LayoutEngine::Circo}) {
        DiagramStyle style;
        style.layout = engine;
        Result<std::string> svg = renderDiagram(sample(), style, DiagramFormat::Svg);
        INFO(layoutEngineName(engine));
        REQUIRE(svg.isOk());
        CHECK_THAT(svg.value(), Contains("Trainium3"));
    }
}

// Issue 14 (found by the sanitizer build): Graphviz's pango plugin kept the last font name of a
// freed context, so the second rendering in a process read freed memory (ASan reports it).
TEST_CASE("issue 14: diagrams rendered one after another read no freed memory",
          "[diagram][render]") {
    for (int i = 0; i < 3; ++i) {
        Result<std::string> svg = renderDiagram(sample(), {}, DiagramFormat::Svg);
        REQUIRE(svg.isOk());
        CHECK_THAT(svg.value(), Contains("Trainium3"));
    }
}

// ---- files ---------------------------------------------------------------------------------

TEST_CASE("a diagram file is written whole, with no temporary left", "[diagram][file]") {
    TempFolder folder;
    fs::path path = folder.path / "aws.svg";
    REQUIRE(writeDiagram(sample(), {}, DiagramFormat::Svg, path.string()).isOk());
    CHECK_THAT(readAll(path), Contains("</svg>"));
    CHECK(folder.entries() == 1);
    // Overwriting replaces the file.
    REQUIRE(writeDiagram(sample(), {}, DiagramFormat::Dot, path.string()).isOk());
    CHECK_THAT(readAll(path), StartsWith("digraph"));
    CHECK(folder.entries() == 1);
}

TEST_CASE("an unwritable path is an error and leaves no file", "[diagram][file][errors]") {
    TempFolder folder;
    fs::path missing = folder.path / "no-such-folder" / "aws.png";
    CHECK(writeDiagram(sample(), {}, DiagramFormat::Png, missing.string()).message() ==
          "cannot write '" + missing.string() + "': No such file or directory");
    CHECK(writeDiagram(sample(), {}, DiagramFormat::Png, folder.path.string()).message() ==
          "cannot write '" + folder.path.string() + "': Is a directory");
    CHECK(folder.entries() == 0);
}

TEST_CASE("a failed render leaves neither the file nor a temporary", "[diagram][file][errors]") {
    TempFolder folder;
    fs::path path = folder.path / "broken.svg";
    Diagram d = sample();
    d.edges.push_back(edge("Trainium3", "N2", "fabbed_on"));
    CHECK_FALSE(writeDiagram(d, {}, DiagramFormat::Svg, path.string()).isOk());
    CHECK(folder.entries() == 0);
    // An existing file is left as it was.
    std::ofstream(path) << "old";
    CHECK_FALSE(writeDiagram(d, {}, DiagramFormat::Svg, path.string()).isOk());
    CHECK(readAll(path) == "old");
    CHECK(folder.entries() == 1);
}
