#pragma once
// The evaluation limits every command takes, with one set of defaults (docs/limits.md):
// --timeout, --max-memory, --max-derived and --threads.
#include "engine/engine.h"

#include <cstdint>

namespace CLI {
class App;
}

namespace chipgraph::cli {

struct LimitOptions {
    int64_t timeoutMs = 0;   // per statement (0: none)
    int64_t maxMemoryMb = 0; // the memory guard (0: half the physical memory, at least 1 GiB)
    int64_t maxDerived = 0;  // derived facts per statement (0: no cap)
    int threads = 0;         // for closures evaluated in parts (0: one per free core)
};

// Adds the four options to `command`; a value out of range is a usage error (exit 2).
void addLimitOptions(CLI::App& command, LimitOptions& options);

// The engine's options from the command line: limits, threads and --force.
engine::EngineOptions engineOptions(const LimitOptions& options, bool force = false);

} // namespace chipgraph::cli
