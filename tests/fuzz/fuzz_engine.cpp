#include "fuzz_engine.h"

#include "fuzz_guard.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace chipgraph::fuzz {

namespace fs = std::filesystem;

[[noreturn]] static void fail(const std::string& name, const std::string& message) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), message.c_str());
    std::abort();
}

BundledEngines::BundledEngines(const std::string& name) : name_(name) {
    std::string pattern =
        (fs::is_directory("/dev/shm") ? "/dev/shm/" : fs::temp_directory_path().string() + "/") +
        name + "-XXXXXX";
    if (!mkdtemp(pattern.data())) fail(name_, "cannot create a folder like " + pattern);
    folder_ = pattern;
    auto engine = engine::Engine::open(":memory:");
    if (!engine) fail(name_, engine.status().message());
    engine::Outcome loaded = engine.value()->loadBundledGraph();
    if (!loaded.ok()) fail(name_, loaded.renderDiagnostics());
    if (Status saved = engine.value()->saveTo(folder_ + "/bundled.db"); !saved)
        fail(name_, saved.message());
}

BundledEngines::~BundledEngines() {
    current_.reset();
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
}

engine::Engine& BundledEngines::current() {
    if (current_) return *current_;
    std::string work = folder_ + "/work.db";
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(work + suffix);
    fs::copy_file(folder_ + "/bundled.db", work);
    auto engine = engine::Engine::open(work);
    if (!engine) fail(name_, engine.status().message());
    current_ = std::move(engine.value());
    engine::EngineOptions options;
    options.limits = {kMaxDerivedFacts, std::chrono::milliseconds(kTimeLimitMs), kMaxMemoryBytes};
    options.threads = 1;
    current_->setOptions(options);
    return *current_;
}

} // namespace chipgraph::fuzz
