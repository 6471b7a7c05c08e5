#include "cli/limit_options.h"

#include "engine/engine.h"

#include <CLI/CLI.hpp>

namespace chipgraph::cli {

void addLimitOptions(CLI::App& command, LimitOptions& options) {
    // Ranges are checked on the text, before conversion: "-1" must not wrap to a huge size.
    command
        .add_option("--timeout", options.timeoutMs,
                    "stop a statement's evaluation after this many milliseconds (0: no limit)")
        ->capture_default_str()
        ->check(CLI::Range(int64_t{0}, int64_t{24} * 3600 * 1000));
    command
        .add_option("--max-memory", options.maxMemoryMb,
                    "stop evaluation when chipgraph's memory passes this many MB (0: half the "
                    "physical memory)")
        ->capture_default_str()
        ->check(CLI::Range(int64_t{0}, int64_t{1} << 30));
    command
        .add_option("--max-derived", options.maxDerived,
                    "stop rule evaluation beyond this many derived facts (0: no limit)")
        ->capture_default_str()
        ->check(CLI::Range(int64_t{0}, int64_t{1'000'000'000'000}));
    command
        .add_option("--threads", options.threads,
                    "threads that close large recursive relations and bind the next import "
                    "ahead (0: one per free core)")
        ->capture_default_str()
        ->check(CLI::Range(0, 256));
}

engine::EngineOptions engineOptions(const LimitOptions& options, bool force) {
    engine::EngineOptions settings;
    settings.limits.timeLimit = std::chrono::milliseconds(options.timeoutMs);
    settings.limits.maxMemoryBytes = static_cast<size_t>(options.maxMemoryMb) << 20;
    settings.limits.maxDerivedFacts = static_cast<size_t>(options.maxDerived);
    settings.threads = options.threads;
    settings.overwriteFiles = force;
    return settings;
}

} // namespace chipgraph::cli
