#pragma once
// The sqlite3 shell as a co-process: one `sqlite3 -batch :memory:` per session, fed through a
// pipe, so the benchmark can time single commands (SQL statements and dot-commands like
// `.import`) without paying for the shell's start-up each time.
//
// Timing: after the command we send `SELECT 'cgbench:done';` and read until its output
// arrives. Wall time is the round trip; CPU time is read from the shell process's own CPU
// clock (clock_getcpuclockid) before and after, so it counts only the shell's work, even on a
// busy machine. `overhead()` is the median of empty round trips, to subtract.
#include "bench_util.h"

#include <string>
#include <sys/types.h>

namespace chipgraph::bench {

class SqliteShell {
public:
    // Starts `program` (the sqlite3 shell) on an in-memory database. Check ok().
    explicit SqliteShell(const std::string& program);
    ~SqliteShell();
    SqliteShell(const SqliteShell&) = delete;
    SqliteShell& operator=(const SqliteShell&) = delete;

    bool ok() const { return pid_ > 0 && error_.empty(); }
    const std::string& error() const { return error_; }

    struct Reply {
        std::string output;  // everything the shell printed (stdout and stderr), sentinel removed
        Sample time;         // round trip and shell CPU, not yet corrected by overhead()
        bool failed = false; // the shell reported an error (or died)
    };
    // Runs `commands` (SQL or dot-commands, newline separated) and waits for them to finish.
    Reply run(const std::string& commands);

    // The median cost of an empty command (the sentinel alone), measured once over `rounds`.
    Sample overhead(int rounds = 30);

private:
    double cpuSeconds() const;
    bool exchange(const std::string& input, std::string& out);

    pid_t pid_ = -1;
    int toShell_ = -1, fromShell_ = -1;
    std::string error_;
    bool haveOverhead_ = false;
    Sample overhead_;
};

} // namespace chipgraph::bench
