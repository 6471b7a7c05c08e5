#pragma once
// Line editing on a terminal with libedit (BSD licence): emacs keys and arrows, Ctrl-R reverse
// search, a persistent history file, Tab completion through a callback, and Ctrl-C that
// clears the line (reported as Event::Interrupted) instead of ending the program. The only
// file that includes <histedit.h>.
#include "repl/completer.h"

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace chipgraph::repl {

class LineEditor {
public:
    // Completes the word before the cursor of `line` (the line up to the cursor).
    using CompleteFn = std::function<Completion(std::string_view line)>;

    // Sets up editing on stdin/stdout. `historyFile` "" keeps no history; a file that does not
    // exist yet is created on the first save. Returns nullptr when libedit cannot start.
    static std::unique_ptr<LineEditor> create(const std::string& historyFile, CompleteFn complete);
    ~LineEditor();
    LineEditor(const LineEditor&) = delete;
    LineEditor& operator=(const LineEditor&) = delete;

    enum class Event { Line, Interrupted, EndOfInput };
    // Shows `prompt` and reads one line (without its newline) into `line`.
    Event readLine(const std::string& prompt, std::string& line);
    // Adds a line to the history and saves the history file.
    void remember(const std::string& line);

    struct Impl; // public so that the libedit callbacks in line_editor.cpp can reach it

private:
    LineEditor() = default;
    std::unique_ptr<Impl> impl_;
};

} // namespace chipgraph::repl
