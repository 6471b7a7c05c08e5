#pragma once
// The engine each fuzzer input runs on: the bundled knowledge base in a database of its own.
// Loading the bundled graph (parse, bind, store) for every input that changed the engine would
// cost most of the fuzzer's time, so it is loaded once and saved to a private folder (in
// /dev/shm when there is one); a fresh engine opens a copy of that file.
#include "engine/engine.h"

#include <memory>
#include <string>

namespace chipgraph::fuzz {

class BundledEngines {
public:
    // `name` prefixes the private folder and error messages. Aborts when the bundled graph
    // does not load (no input could be tested).
    explicit BundledEngines(const std::string& name);
    ~BundledEngines();
    BundledEngines(const BundledEngines&) = delete;
    BundledEngines& operator=(const BundledEngines&) = delete;

    // The engine to run the next input on (opened from the snapshot when there is none), with
    // the fuzzers' rule limits.
    engine::Engine& current();
    // Forgets the current engine: the next input starts from the bundled graph again.
    void discard() { current_.reset(); }

private:
    std::string name_;
    std::string folder_;
    std::unique_ptr<engine::Engine> current_;
};

} // namespace chipgraph::fuzz
