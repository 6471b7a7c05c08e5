#include "repl/line_editor.h"

#include "common/text.h"
#include "repl/signals.h"

#include <histedit.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <cwchar>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace chipgraph::repl {

struct LineEditor::Impl {
    EditLine* el = nullptr;
    History* history = nullptr;
    std::string historyFile;
    std::string prompt;
    CompleteFn complete;
    bool interrupted = false;
    std::mbstate_t decoder{};

    ~Impl() {
        if (el) el_end(el);
        if (history) history_end(history);
    }
};

namespace {

LineEditor::Impl& implOf(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return *static_cast<LineEditor::Impl*>(data);
}

char* promptOf(EditLine* el) {
    return implOf(el).prompt.data();
}

// Reads one character for libedit. Waiting with poll() on the terminal and on the interrupt
// pipe together means a Ctrl-C is never lost between a check and a blocking read; it comes
// back as ^C, which is bound to onInterrupt below.
int readCharacter(EditLine* el, wchar_t* out) {
    LineEditor::Impl& impl = implOf(el);
    for (;;) {
        if (takeResize()) el_resize(el);
        pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {interruptFd(), POLLIN, 0}};
        int ready = poll(fds, interruptFd() >= 0 ? 2 : 1, -1);
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) return -1;
        if (interruptFd() >= 0 && (fds[1].revents & POLLIN)) {
            drainInterrupts();
            impl.decoder = {};
            *out = 3; // ^C
            return 1;
        }
        char byte = 0;
        ssize_t n = read(STDIN_FILENO, &byte, 1);
        if (n == 0) return 0;
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
        wchar_t wc = 0;
        size_t used = std::mbrtowc(&wc, &byte, 1, &impl.decoder);
        if (used == static_cast<size_t>(-2)) continue; // the middle of a UTF-8 sequence
        if (used == static_cast<size_t>(-1)) {
            impl.decoder = {};
            wc = static_cast<unsigned char>(byte);
        }
        *out = wc;
        return 1;
    }
}

// ^C: end the line as Enter would, marked as interrupted so the caller discards it.
unsigned char onInterrupt(EditLine* el, int) {
    implOf(el).interrupted = true;
    el_cursor(el, INT_MAX);
    el_insertstr(el, "^C");
    el_push(el, "\n");
    return CC_REFRESH;
}

int terminalWidth() {
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

unsigned char onComplete(EditLine* el, int) {
    LineEditor::Impl& impl = implOf(el);
    const LineInfo* info = el_line(el);
    std::string line(info->buffer, static_cast<size_t>(info->cursor - info->buffer));
    Completion completion = impl.complete(line);
    std::string word = line.substr(std::min(completion.start, line.size()));
    CompletionAction action = chooseAction(completion, word);
    switch (action.kind) {
    case CompletionAction::Kind::None:
        return CC_REFRESH_BEEP;
    case CompletionAction::Kind::Replace:
        el_deletestr(el, static_cast<int>(text::decodeUtf8(word).size()));
        el_insertstr(el, action.text.c_str());
        return CC_REFRESH;
    case CompletionAction::Kind::List: {
        std::string list = "\n" + formatColumns(completion.candidates, terminalWidth());
        std::fwrite(list.data(), 1, list.size(), stdout);
        std::fflush(stdout);
        return CC_REDISPLAY;
    }
    }
    return CC_NORM;
}

} // namespace

std::unique_ptr<LineEditor> LineEditor::create(const std::string& historyFile,
                                               CompleteFn complete) {
    std::unique_ptr<LineEditor> editor(new LineEditor());
    editor->impl_ = std::make_unique<Impl>();
    Impl& impl = *editor->impl_;
    impl.complete = std::move(complete);
    impl.historyFile = historyFile;
    impl.el = el_init("chipgraph", stdin, stdout, stderr);
    impl.history = history_init();
    if (!impl.el || !impl.history) return nullptr;
    HistEvent event;
    history(impl.history, &event, H_SETSIZE, 2000);
    history(impl.history, &event, H_SETUNIQUE, 1);
    if (!historyFile.empty()) history(impl.history, &event, H_LOAD, historyFile.c_str());

    EditLine* el = impl.el;
    el_set(el, EL_CLIENTDATA, &impl);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_PROMPT, promptOf);
    el_set(el, EL_HIST, history, impl.history);
    el_set(el, EL_GETCFN, readCharacter);
    el_set(el, EL_ADDFN, "chipgraph-complete", "complete the word before the cursor", onComplete);
    el_set(el, EL_ADDFN, "chipgraph-interrupt", "discard the line", onInterrupt);
    el_set(el, EL_BIND, "^I", "chipgraph-complete", nullptr);
    el_set(el, EL_BIND, "^C", "chipgraph-interrupt", nullptr);
    el_set(el, EL_BIND, "^R", "em-inc-search-prev", nullptr);
    el_source(el, nullptr); // the user's ~/.editrc, as every libedit program reads it
    return editor;
}

LineEditor::~LineEditor() = default;

LineEditor::Event LineEditor::readLine(const std::string& prompt, std::string& line) {
    impl_->prompt = prompt;
    impl_->interrupted = false;
    drainInterrupts(); // a Ctrl-C that stopped an evaluation must not clear this line
    int count = 0;
    const char* text = el_gets(impl_->el, &count);
    if (impl_->interrupted) return Event::Interrupted;
    if (!text || count <= 0) return Event::EndOfInput;
    line.assign(text, static_cast<size_t>(count));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    return Event::Line;
}

void LineEditor::remember(const std::string& line) {
    if (line.find_first_not_of(" \t") == std::string::npos) return;
    HistEvent event;
    history(impl_->history, &event, H_ENTER, line.c_str());
    // Saved after every line, so a closed terminal loses nothing.
    if (!impl_->historyFile.empty())
        history(impl_->history, &event, H_SAVE, impl_->historyFile.c_str());
}

} // namespace chipgraph::repl
