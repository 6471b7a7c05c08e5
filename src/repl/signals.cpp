#include "repl/signals.h"

#include "engine/engine.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace chipgraph::repl {

namespace {

std::atomic<engine::Engine*> gTarget{nullptr};
int gPipe[2] = {-1, -1};
volatile sig_atomic_t gResized = 0;

void onResize(int) {
    gResized = 1;
}

void onInterrupt(int) {
    int saved = errno; // a handler must not change errno under the code it interrupted
    if (engine::Engine* target = gTarget.load()) target->interrupt();
    if (gPipe[1] >= 0) {
        char byte = 'c';
        (void)!write(gPipe[1], &byte, 1); // non-blocking: a full pipe already says "interrupted"
    }
    errno = saved;
}

} // namespace

bool installSignalHandlers() {
    if (gPipe[0] >= 0) return true;
    if (pipe(gPipe) != 0) return false;
    for (int fd : gPipe) {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a blocked poll() returns EINTR and the editor looks
    if (sigaction(SIGINT, &action, nullptr) != 0) return false;
    action.sa_handler = onResize;
    return sigaction(SIGWINCH, &action, nullptr) == 0;
}

void setInterruptTarget(engine::Engine* engine) {
    gTarget.store(engine);
}

int interruptFd() {
    return gPipe[0];
}

bool takeResize() {
    bool resized = gResized != 0;
    gResized = 0;
    return resized;
}

void drainInterrupts() {
    char buffer[64];
    while (gPipe[0] >= 0 && read(gPipe[0], buffer, sizeof buffer) > 0) {
    }
}

} // namespace chipgraph::repl
