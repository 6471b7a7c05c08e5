#pragma once
// Helpers shared by the pseudo-terminal tests: a private HOME, starting the REPL, typing once
// the line editor reads keys, and leaving.
#include "pty_session.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace chipgraph::testing {

namespace fs = std::filesystem;

inline constexpr const char* kPrompt = "chipgraph> ";
inline constexpr const char* kUp = "\x1b[A";
inline constexpr const char* kLeft = "\x1b[D";

// A temporary home folder, removed at the end of the test.
struct TempHome {
    fs::path path;
    TempHome() {
        std::string pattern = (fs::temp_directory_path() / "chipgraph-pty-XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    ~TempHome() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

// Starts the REPL with `args`, its HOME in `home` and `extraEnv` (NAME=value) added to a
// small fixed environment; returns once the first prompt is up.
inline std::unique_ptr<PtySession> startRepl(const TempHome& home,
                                             std::vector<std::string> args = {},
                                             std::vector<std::string> extraEnv = {}) {
    args.insert(args.begin(), CHIPGRAPH_BINARY);
    std::vector<std::string> env = {"HOME=" + home.path.string(), "TERM=xterm", "LANG=C.UTF-8",
                                    "PATH=/usr/bin:/bin"};
    env.insert(env.end(), extraEnv.begin(), extraEnv.end());
    auto session = PtySession::start(args, env);
    REQUIRE(session);
    INFO(session->output());
    REQUIRE(session->expect(kPrompt));
    return session;
}

// Types keys once the line editor is reading them.
inline void type(PtySession& session, std::string_view keys) {
    INFO(session.output());
    REQUIRE(session.awaitEditing());
    session.send(keys);
}

// Ctrl-D at an empty prompt ends the session with exit code 0.
inline void quit(PtySession& session) {
    CHECK(session.expect(kPrompt));
    type(session, "\x04");
    INFO(session.output());
    CHECK(session.wait() == 0);
}

inline std::string readFile(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace chipgraph::testing
