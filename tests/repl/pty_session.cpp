#include "pty_session.h"

#include <csignal>
#include <cstring>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

namespace chipgraph::testing {

using Clock = std::chrono::steady_clock;

std::string stripEscapes(std::string_view text, std::string& tail) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c == '\r' || c == '\a') {
            ++i;
            continue;
        }
        if (c != '\x1b') {
            out += c;
            ++i;
            continue;
        }
        size_t j = i + 1;
        if (j >= text.size()) break;
        if (text[j] == '[') { // CSI: parameters, then a final byte @..~
            ++j;
            while (j < text.size() && !(text[j] >= '@' && text[j] <= '~'))
                ++j;
        } else if (text[j] == ']') { // OSC: up to BEL or ESC backslash
            while (j < text.size() && text[j] != '\a' && text[j] != '\x1b')
                ++j;
        }
        if (j >= text.size()) break; // incomplete: wait for the rest
        i = j + 1;
    }
    tail = std::string(text.substr(i));
    return out;
}

std::unique_ptr<PtySession> PtySession::start(const std::vector<std::string>& argv,
                                              const std::vector<std::string>& env) {
    std::unique_ptr<PtySession> session(new PtySession());
    winsize size{};
    size.ws_row = 30;
    size.ws_col = 100;
    pid_t pid = forkpty(&session->master_, nullptr, nullptr, &size);
    if (pid < 0) return nullptr;
    if (pid == 0) {
        std::vector<char*> args, vars;
        for (const std::string& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        for (const std::string& e : env)
            vars.push_back(const_cast<char*>(e.c_str()));
        vars.push_back(nullptr);
        execve(args[0], args.data(), vars.data());
        _exit(127);
    }
    session->child_ = pid;
    return session;
}

PtySession::~PtySession() {
    if (child_ > 0 && !exited_) {
        kill(child_, SIGKILL);
        waitpid(child_, &status_, 0);
    }
    if (master_ >= 0) close(master_);
}

void PtySession::send(std::string_view keys) {
    while (!keys.empty()) {
        ssize_t n = write(master_, keys.data(), keys.size());
        if (n <= 0) return;
        keys.remove_prefix(static_cast<size_t>(n));
    }
}

bool PtySession::awaitEditing(std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    for (;;) {
        termios mode{};
        // On Linux the master side reports the terminal's (the slave's) modes.
        if (tcgetattr(master_, &mode) == 0 && !(mode.c_lflag & ICANON)) return true;
        if (Clock::now() >= deadline) return false;
        if (!readSome(std::chrono::milliseconds(10))) return false;
    }
}

bool PtySession::readSome(std::chrono::milliseconds timeout) {
    pollfd fd{master_, POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(timeout.count())) <= 0) return true;
    char buffer[4096];
    ssize_t n = read(master_, buffer, sizeof buffer);
    if (n <= 0) return false; // EIO: the program closed the terminal
    raw_.append(buffer, static_cast<size_t>(n));
    rawAll_.append(buffer, static_cast<size_t>(n));
    std::string tail;
    output_ += stripEscapes(raw_, tail);
    raw_ = tail;
    return true;
}

bool PtySession::expect(std::string_view text, std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    bool open = true;
    for (;;) {
        size_t found = output_.find(text, matched_);
        if (found != std::string::npos) {
            matched_ = found + text.size();
            return true;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (!open || left.count() <= 0) return false;
        open = readSome(std::min(left, std::chrono::milliseconds(100)));
    }
}

int PtySession::wait(std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    while (!exited_) {
        pid_t done = waitpid(child_, &status_, WNOHANG);
        if (done == child_) {
            exited_ = true;
            break;
        }
        if (Clock::now() >= deadline) return -1;
        // Keep draining the terminal, or the program may block writing to it.
        if (!readSome(std::chrono::milliseconds(50))) usleep(10000);
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
}

} // namespace chipgraph::testing
