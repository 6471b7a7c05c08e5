#pragma once
// Drives a program on a pseudo-terminal, as a person at a keyboard would: keys go in, the
// screen's output comes back. Every wait is bounded; nothing sleeps to pass a test.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace chipgraph::testing {

class PtySession {
public:
    // Starts `argv` (argv[0] is the program's path) on a new 100x30 terminal, with `env`
    // (NAME=value) as its whole environment. Returns nullptr if the terminal cannot be made.
    static std::unique_ptr<PtySession> start(const std::vector<std::string>& argv,
                                             const std::vector<std::string>& env);
    ~PtySession(); // kills the program if it is still running
    PtySession(const PtySession&) = delete;
    PtySession& operator=(const PtySession&) = delete;

    // Types `keys` (control characters included: "\r" is Enter, "\x03" Ctrl-C, "\t" Tab).
    void send(std::string_view keys);
    // Waits until the program reads keys one by one (the terminal has left line mode, as a
    // line editor does once its prompt is up). Keys typed before that are echoed by the
    // terminal itself, and a Ctrl-C or Ctrl-D typed then would be taken by the terminal.
    bool awaitEditing(std::chrono::milliseconds timeout = std::chrono::milliseconds(15000));
    // Waits until `text` appears in the output after the previous match (terminal escape
    // sequences removed); true when it does before `timeout`. The next expect() starts after it.
    bool expect(std::string_view text,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(15000));
    // Waits for the program to exit; its exit code, or -1 on a timeout or a signal.
    int wait(std::chrono::milliseconds timeout = std::chrono::milliseconds(15000));

    // All output so far, escapes removed (for failure messages).
    const std::string& output() const { return output_; }
    // All output so far as the program wrote it, escape sequences included (colours).
    const std::string& rawOutput() const { return rawAll_; }
    // The output after the previous match.
    std::string unmatched() const { return output_.substr(matched_); }

private:
    PtySession() = default;
    // Reads what is available within `timeout`; false when the program has closed the terminal.
    bool readSome(std::chrono::milliseconds timeout);

    int master_ = -1;
    pid_t child_ = -1;
    int status_ = 0;
    bool exited_ = false;
    std::string raw_;    // undecoded tail: an escape sequence split across reads
    std::string output_; // what a reader of the screen would see, in order
    std::string rawAll_; // every byte read
    size_t matched_ = 0;
};

// Removes terminal control sequences (CSI, OSC, two-byte escapes) and carriage returns.
std::string stripEscapes(std::string_view text, std::string& incompleteTail);

} // namespace chipgraph::testing
