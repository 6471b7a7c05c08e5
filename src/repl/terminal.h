#pragma once
// What the shell needs from the terminal it prints on: its size, whether colours are wanted
// (a terminal, no NO_COLOR, no --no-color), a pager for tall results, and colours for the
// diagnostics rendered by common/ (which knows nothing of terminals).
#include <string>
#include <string_view>

namespace chipgraph::repl {

// Rows and columns of the terminal behind `fd`; 0 when it is not a terminal.
int terminalRows(int fd);
int terminalColumns(int fd);

// True when output to `fd` should be coloured: it is a terminal, TERM is not "dumb", NO_COLOR
// is unset or empty (https://no-color.org) and `disabled` (--no-color) is false.
bool colourWanted(int fd, bool disabled);

// The pager command: $PAGER when set (empty: none), else `less -FRX` when less is on the PATH,
// else "".
std::string pagerCommand();

// Pipes `text` through `command` (run by /bin/sh) and waits for it to end. Returns false, and
// writes nothing, when the pager cannot be started. A pager quit early is not an error.
bool page(const std::string& text, const std::string& command);

// Colours rendered diagnostics: `error` red, `warning` magenta, `note` cyan (bold), the
// location bold, caret lines green, as GCC does.
std::string colourDiagnostics(std::string_view rendered);

} // namespace chipgraph::repl
