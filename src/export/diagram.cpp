#include "export/diagram.h"

#include "common/text.h"
#include "export/diagram_graph.h"

#include <graphviz/gvc.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace chipgraph::exporter {

namespace {

struct FormatName {
    const char* name;
    DiagramFormat format;
};
constexpr FormatName kFormats[] = {{"dot", DiagramFormat::Dot},
                                   {"gv", DiagramFormat::Dot},
                                   {"svg", DiagramFormat::Svg},
                                   {"png", DiagramFormat::Png},
                                   {"pdf", DiagramFormat::Pdf}};

struct LayoutName {
    const char* name;
    LayoutEngine engine;
};
constexpr LayoutName kLayouts[] = {{"dot", LayoutEngine::Dot},
                                   {"neato", LayoutEngine::Neato},
                                   {"fdp", LayoutEngine::Fdp},
                                   {"circo", LayoutEngine::Circo}};

// Graphviz reports errors through a global callback; while one of our calls runs, its messages
// are collected here (warnings are not reported at all) and become the Status on failure.
std::string& graphvizMessages() {
    static std::string messages;
    return messages;
}

int collectMessage(char* message) {
    graphvizMessages() += message;
    return 0;
}

class GraphvizErrors {
public:
    GraphvizErrors()
        : previousLevel_(agseterr(AGERR)), previousHandler_(agseterrf(collectMessage)) {
        graphvizMessages().clear();
    }
    ~GraphvizErrors() {
        agseterrf(previousHandler_);
        agseterr(previousLevel_);
    }
    GraphvizErrors(const GraphvizErrors&) = delete;
    GraphvizErrors& operator=(const GraphvizErrors&) = delete;

    Status failure(const std::string& what) const {
        std::string detail = graphvizMessages();
        while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' '))
            detail.pop_back();
        return Status::error(what + (detail.empty() ? "" : ": " + detail));
    }

private:
    agerrlevel_t previousLevel_;
    agusererrf previousHandler_;
};

// One Graphviz context for the process, never freed. Graphviz 2.42's pango plugin keeps a
// pointer to the last font name it measured, and that name belongs to the context: after
// gvFreeContext the next context's first label compared against freed memory (ASan:
// heap-use-after-free in strcmp under pango_textlayout, found by the sanitizer build).
GVC_t* graphvizContext() {
    static GVC_t* const context = gvContext();
    return context;
}

Result<std::string> layOutAndRender(Agraph_t* graph, const DiagramStyle& style,
                                    DiagramFormat format) {
    GraphvizErrors errors;
    GVC_t* gvc = graphvizContext();
    // Bitmaps at 144 dpi stay sharp on slides; vector formats are resolution-free.
    if (format == DiagramFormat::Png) setAttr(graph, "dpi", "144");
    if (gvLayout(gvc, graph, layoutEngineName(style.layout)) != 0)
        return errors.failure(std::string("cannot lay out the diagram with '") +
                              layoutEngineName(style.layout) + "'");
    char* data = nullptr;
    unsigned int length = 0;
    int rc = gvRenderData(gvc, graph, diagramFormatName(format), &data, &length);
    std::string bytes = rc == 0 && data ? std::string(data, length) : std::string();
    if (data) gvFreeRenderData(data);
    gvFreeLayout(gvc, graph);
    if (rc != 0 || bytes.empty())
        return errors.failure(std::string("cannot render the diagram as ") +
                              diagramFormatName(format));
    return bytes;
}

std::string writeError(const std::string& path, int error) {
    return "cannot write '" + path + "': " + std::strerror(error);
}

} // namespace

Result<DiagramFormat> parseDiagramFormat(std::string_view name) {
    std::string folded = text::foldCase(name);
    for (const FormatName& f : kFormats)
        if (folded == f.name) return f.format;
    std::string hint = text::didYouMean(name, {"dot", "svg", "png", "pdf"});
    return Status::error("unknown diagram format '" + std::string(name) + "'; " +
                         (hint.empty() ? "choose dot, svg, png or pdf" : hint));
}

Result<DiagramFormat> diagramFormatForPath(std::string_view path) {
    std::string extension = std::filesystem::path(path).extension().string();
    if (extension.size() < 2)
        return Status::error("cannot tell the diagram format of '" + std::string(path) +
                             "'; name a .dot, .svg, .png or .pdf file, or give the format");
    return parseDiagramFormat(std::string_view(extension).substr(1));
}

const char* diagramFormatName(DiagramFormat format) {
    switch (format) {
    case DiagramFormat::Svg:
        return "svg";
    case DiagramFormat::Png:
        return "png";
    case DiagramFormat::Pdf:
        return "pdf";
    case DiagramFormat::Dot:
        break;
    }
    return "dot";
}

Result<LayoutEngine> parseLayoutEngine(std::string_view name) {
    std::string folded = text::foldCase(name);
    for (const LayoutName& l : kLayouts)
        if (folded == l.name) return l.engine;
    std::string hint = text::didYouMean(name, {"dot", "neato", "fdp", "circo"});
    return Status::error("unknown layout engine '" + std::string(name) + "'; " +
                         (hint.empty() ? "choose dot, neato, fdp or circo" : hint));
}

const char* layoutEngineName(LayoutEngine engine) {
    for (const LayoutName& l : kLayouts)
        if (l.engine == engine) return l.name;
    return "dot";
}

// Graphviz keeps global state (the error handler, layout scratch data): two threads laying out
// at once corrupt it (an assertion in mincross.c under `chipgraph serve`). Every use of it goes
// through the two functions below, one at a time.
static std::recursive_mutex& graphvizMutex() {
    static std::recursive_mutex mutex;
    return mutex;
}

Result<std::string> diagramToDot(const Diagram& diagram, const DiagramStyle& style) {
    std::lock_guard<std::recursive_mutex> lock(graphvizMutex());
    GraphvizErrors errors;
    Result<GraphPtr> graph = buildGraph(diagram, style);
    if (!graph) return graph.status();
    char* buffer = nullptr;
    size_t size = 0;
    FILE* stream = open_memstream(&buffer, &size);
    if (!stream) return Status::error("cannot write DOT text: out of memory");
    int rc = agwrite(graph.value().get(), stream);
    std::fclose(stream);
    std::string dot(buffer ? buffer : "", size);
    std::free(buffer);
    if (rc != 0) return errors.failure("cannot write DOT text");
    return dot;
}

Result<std::string> renderDiagram(const Diagram& diagram, const DiagramStyle& style,
                                  DiagramFormat format) {
    std::lock_guard<std::recursive_mutex> lock(graphvizMutex());
    if (format == DiagramFormat::Dot) return diagramToDot(diagram, style);
    Result<GraphPtr> graph = [&] {
        GraphvizErrors errors;
        return buildGraph(diagram, style);
    }();
    if (!graph) return graph.status();
    return layOutAndRender(graph.value().get(), style, format);
}

Status writeDiagram(const Diagram& diagram, const DiagramStyle& style, DiagramFormat format,
                    const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec)) return Status::error(writeError(path, EISDIR));
    fs::path folder = fs::path(path).parent_path();
    if (!folder.empty() && !fs::is_directory(folder, ec))
        return Status::error(writeError(path, ENOENT));
    // Check that the folder takes a new file before the (possibly slow) render.
    std::string temp = (folder.empty() ? fs::path(".") : folder) / ".chipgraph-XXXXXX";
    int fd = mkstemp(temp.data());
    if (fd < 0) return Status::error(writeError(path, errno));
    auto discard = [&](Status status) {
        ::close(fd);
        ::unlink(temp.c_str());
        return status;
    };
    Result<std::string> bytes = renderDiagram(diagram, style, format);
    if (!bytes) return discard(bytes.status());
    const std::string& data = bytes.value();
    for (size_t written = 0; written < data.size();) {
        ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return discard(Status::error(writeError(path, errno ? errno : EIO)));
        written += static_cast<size_t>(n);
    }
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask); // mkstemp creates 0600; a diagram is an ordinary file
    if (::close(fd) != 0) {
        int error = errno;
        ::unlink(temp.c_str());
        return Status::error(writeError(path, error));
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        int error = errno;
        ::unlink(temp.c_str());
        return Status::error(writeError(path, error));
    }
    return Status::ok();
}

} // namespace chipgraph::exporter
