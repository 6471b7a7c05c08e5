#pragma once
// Signals in the interactive REPL. The SIGINT handler does two async-signal-safe things: it asks
// the engine that is evaluating (if any) to stop, and it writes a byte to a pipe that the line
// editor watches, so a Ctrl-C at the prompt clears the line instead of killing the session.
// SIGWINCH only raises a flag. Script mode installs nothing: there Ctrl-C stops the process.
namespace chipgraph::engine {
class Engine;
}

namespace chipgraph::repl {

// Installs the SIGINT and SIGWINCH handlers (once; later calls do nothing). Returns false if
// the pipe or a handler could not be set up.
bool installSignalHandlers();

// The engine a Ctrl-C interrupts, or nullptr while nothing is evaluating. The session sets it
// around each evaluation, so the handler never sees an engine that `.open` has replaced.
void setInterruptTarget(engine::Engine* engine);

// The read end of the pipe (-1 before installSignalHandlers succeeds): readable after Ctrl-C.
int interruptFd();

// True once after a terminal resize (SIGWINCH), so the editor can re-measure the screen.
bool takeResize();

// Empties the pipe: Ctrl-C presses that stopped an evaluation must not clear the next line.
void drainInterrupts();

} // namespace chipgraph::repl
