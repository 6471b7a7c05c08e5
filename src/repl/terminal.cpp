#include "repl/terminal.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace chipgraph::repl {

namespace {

winsize sizeOf(int fd) {
    winsize size{};
    if (!isatty(fd) || ioctl(fd, TIOCGWINSZ, &size) != 0) return {};
    return size;
}

bool onPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::string folders = path ? path : "/usr/bin:/bin";
    size_t start = 0;
    while (start <= folders.size()) {
        size_t end = folders.find(':', start);
        if (end == std::string::npos) end = folders.size();
        std::string folder = folders.substr(start, end - start);
        if (!folder.empty() && access((folder + "/" + program).c_str(), X_OK) == 0) return true;
        start = end + 1;
    }
    return false;
}

constexpr const char* kReset = "\x1b[0m";

// The severity word a diagnostic's first line carries ("error" in `f:1:2: error: ...` or in
// `error near line 3: ...`), with its position; npos when the line has none.
size_t severityAt(std::string_view line, std::string_view& word) {
    for (std::string_view w : {"error", "warning", "note"}) {
        for (size_t at = line.find(w); at != std::string_view::npos; at = line.find(w, at + 1)) {
            bool starts = at == 0 || line.substr(at - 1, 1) == " ";
            std::string_view rest = line.substr(at + w.size());
            bool ends = rest.rfind(":", 0) == 0 || rest.rfind(" near line", 0) == 0;
            if (starts && ends) {
                word = w;
                return at;
            }
        }
    }
    return std::string_view::npos;
}

bool isCaretLine(std::string_view line) {
    return line.rfind("    ", 0) == 0 && line.find('^') != std::string_view::npos &&
           line.find_first_not_of(" ^") == std::string_view::npos;
}

std::string colourLine(std::string_view line) {
    if (isCaretLine(line)) {
        size_t first = line.find('^');
        return std::string(line.substr(0, first)) + "\x1b[1;32m" + std::string(line.substr(first)) +
               kReset;
    }
    if (line.rfind("    ", 0) == 0) return std::string(line); // the source line
    std::string_view word;
    size_t at = severityAt(line, word);
    if (at == std::string_view::npos) return std::string(line);
    const char* colour = word == "error"     ? "\x1b[1;31m"
                         : word == "warning" ? "\x1b[1;35m"
                                             : "\x1b[1;36m";
    std::string location(line.substr(0, at));
    std::string out = location.empty() ? "" : "\x1b[1m" + location + kReset;
    return out + colour + std::string(word) + kReset + std::string(line.substr(at + word.size()));
}

} // namespace

int terminalRows(int fd) {
    return sizeOf(fd).ws_row;
}

int terminalColumns(int fd) {
    return sizeOf(fd).ws_col;
}

bool colourWanted(int fd, bool disabled) {
    if (disabled || !isatty(fd)) return false;
    const char* noColour = std::getenv("NO_COLOR");
    if (noColour && *noColour) return false;
    const char* term = std::getenv("TERM");
    return !(term && std::strcmp(term, "dumb") == 0);
}

std::string pagerCommand() {
    if (const char* pager = std::getenv("PAGER")) return pager;
    return onPath("less") ? "less -FRX" : "";
}

bool page(const std::string& text, const std::string& command) {
    std::fflush(stdout);
    // A pager quit before the end closes the pipe: that must not end chipgraph (SIGPIPE).
    struct sigaction ignore {
    }, previous{};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &previous);
    FILE* pipe = popen(command.c_str(), "w");
    bool started = pipe != nullptr;
    if (pipe) {
        std::fwrite(text.data(), 1, text.size(), pipe);
        int status = pclose(pipe);
        // 127: the shell found no such program; nothing was shown, so print it plainly.
        started = !(WIFEXITED(status) && WEXITSTATUS(status) == 127);
    }
    sigaction(SIGPIPE, &previous, nullptr);
    return started;
}

std::string colourDiagnostics(std::string_view rendered) {
    std::string out;
    while (!rendered.empty()) {
        size_t end = rendered.find('\n');
        std::string_view line = rendered.substr(0, end);
        out += colourLine(line);
        if (end == std::string_view::npos) break;
        out += '\n';
        rendered.remove_prefix(end + 1);
    }
    return out;
}

} // namespace chipgraph::repl
