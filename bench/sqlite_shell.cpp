#include "sqlite_shell.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace chipgraph::bench {

namespace {

constexpr const char* kSentinel = "cgbench:done\n";

// The shell reports problems on lines like "Parse error near line 3: ...", "Runtime error
// ...", "Error: cannot open ..." and, for CSV rows of the wrong width, "FILE:LINE: expected 6
// columns but found 5".
bool looksLikeError(const std::string& output) {
    size_t start = 0;
    while (start < output.size()) {
        size_t end = output.find('\n', start);
        std::string line = output.substr(start, end == std::string::npos ? end : end - start);
        if (line.rfind("Error", 0) == 0 || line.rfind("Parse error", 0) == 0 ||
            line.rfind("Runtime error", 0) == 0 || line.find(": expected ") != std::string::npos)
            return true;
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return false;
}

} // namespace

SqliteShell::SqliteShell(const std::string& program) {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) {
        error_ = std::string("pipe: ") + std::strerror(errno);
        return;
    }
    pid_ = fork();
    if (pid_ == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        dup2(out[1], STDERR_FILENO);
        for (int fd : {in[0], in[1], out[0], out[1]})
            close(fd);
        execlp(program.c_str(), program.c_str(), "-batch", ":memory:", static_cast<char*>(nullptr));
        std::string message = "Error: cannot run '" + program + "': " + std::strerror(errno) + "\n";
        (void)!::write(STDOUT_FILENO, message.data(), message.size());
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    toShell_ = in[1];
    fromShell_ = out[0];
    fcntl(toShell_, F_SETFL, fcntl(toShell_, F_GETFL) | O_NONBLOCK); // see exchange()
    if (pid_ < 0) {
        error_ = std::string("fork: ") + std::strerror(errno);
        return;
    }
    Reply hello = run("SELECT sqlite_version();");
    if (hello.failed) error_ = "the sqlite3 shell '" + program + "' did not start: " + hello.output;
}

SqliteShell::~SqliteShell() {
    if (toShell_ >= 0) close(toShell_); // end of input: the shell exits
    if (fromShell_ >= 0) close(fromShell_);
    if (pid_ > 0) waitpid(pid_, nullptr, 0);
}

double SqliteShell::cpuSeconds() const {
    clockid_t clock;
    timespec ts{};
    if (clock_getcpuclockid(pid_, &clock) != 0 || clock_gettime(clock, &ts) != 0) return 0;
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Writes `input` while reading the output (a long output must not fill the pipe while we are
// still writing), until the output ends with the sentinel line.
bool SqliteShell::exchange(const std::string& input, std::string& out) {
    char buffer[1 << 16];
    size_t written = 0, sentinel = std::strlen(kSentinel);
    auto done = [&] {
        return out.size() >= sentinel &&
               out.compare(out.size() - sentinel, sentinel, kSentinel) == 0;
    };
    while (!done()) {
        pollfd fds[2] = {{fromShell_, POLLIN, 0}, {toShell_, POLLOUT, 0}};
        int n = poll(fds, written < input.size() ? 2 : 1, -1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (fds[0].revents & (POLLIN | POLLHUP)) {
            ssize_t got = ::read(fromShell_, buffer, sizeof buffer);
            if (got <= 0) return false; // the shell died
            out.append(buffer, static_cast<size_t>(got));
        }
        if (written < input.size() && (fds[1].revents & (POLLOUT | POLLERR))) {
            ssize_t put = ::write(toShell_, input.data() + written, input.size() - written);
            if (put < 0 && errno != EINTR && errno != EAGAIN) return false;
            if (put > 0) written += static_cast<size_t>(put);
        }
    }
    out.resize(out.size() - sentinel);
    return true;
}

SqliteShell::Reply SqliteShell::run(const std::string& commands) {
    Reply reply;
    if (pid_ <= 0) {
        reply.failed = true;
        return reply;
    }
    double cpu0 = cpuSeconds(), wall0 = wallSeconds();
    bool alive = exchange(commands + "\nSELECT 'cgbench:done';\n", reply.output);
    reply.time = {wallSeconds() - wall0, cpuSeconds() - cpu0};
    reply.failed = !alive || looksLikeError(reply.output);
    return reply;
}

Sample SqliteShell::overhead(int rounds) {
    if (haveOverhead_) return overhead_;
    std::vector<Sample> samples;
    for (int i = 0; i < rounds; ++i)
        samples.push_back(run("").time);
    overhead_ = medianOf(samples);
    haveOverhead_ = true;
    return overhead_;
}

} // namespace chipgraph::bench
