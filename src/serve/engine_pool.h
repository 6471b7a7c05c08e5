#pragma once
// The engines behind `chipgraph serve`. An Engine is not thread-safe, so every worker thread
// gets an engine of its own, all opened on the same SQLite database: a request leases one for
// its whole duration and no two requests ever share one. Writes (--allow-writes) go through a
// separate writer engine under one mutex, one at a time; each committed write bumps a
// generation number, and a reader engine whose generation is older is reopened from the
// database when it is next leased, so a question asked after a write has returned sees it.
// Without --db the bundled graph is first written to a private temporary database (removed
// when the pool is destroyed). A watchdog interrupts a lease that outlives its deadline.
#include "common/status.h"
#include "engine/engine.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace chipgraph::serve {

struct PoolOptions {
    std::string db;  // "": the bundled graph
    int readers = 4; // engines for questions
    bool writer = false;
    std::chrono::milliseconds timeout{10000}; // per request
    size_t maxDerivedFacts = 20'000'000;      // per statement
};

class EnginePool {
public:
    static Result<std::unique_ptr<EnginePool>> open(const PoolOptions& options);
    ~EnginePool();
    EnginePool(const EnginePool&) = delete;
    EnginePool& operator=(const EnginePool&) = delete;

    struct Slot;
    // An engine leased for one request; given back on destruction.
    class Lease {
    public:
        Lease(EnginePool& pool, Slot& slot) : pool_(pool), slot_(&slot) {}
        Lease(Lease&& other) noexcept : pool_(other.pool_), slot_(other.slot_) {
            other.slot_ = nullptr;
        }
        ~Lease();
        engine::Engine& engine();
        // True when the watchdog interrupted this request (it ran past the timeout).
        bool timedOut() const;

    private:
        EnginePool& pool_;
        Slot* slot_;
    };

    // A reader engine, up to date with every write made so far; waits while all are leased.
    // An error when a stale engine cannot be reopened.
    Result<Lease> read();
    // Runs `write` on the writer engine, alone; `changed(result)` says whether it committed
    // something (then readers reopen). Precondition: the pool has a writer.
    template <typename R> R write(const std::function<R(engine::Engine&, bool& changed)>& write);

    // The data's generation: it grows with every committed write.
    unsigned long generation() const;
    const std::string& databasePath() const { return path_; }
    std::chrono::milliseconds timeout() const { return options_.timeout; }
    // Interrupts every running request (shutdown).
    void interruptAll();

    struct Slot {
        std::unique_ptr<engine::Engine> engine;
        unsigned long generation = 0;
        bool leased = false;
        std::chrono::steady_clock::time_point deadline;
        bool timedOut = false;
    };

private:
    explicit EnginePool(const PoolOptions& options) : options_(options) {}
    Result<std::unique_ptr<engine::Engine>> openEngine() const;
    void give(Slot& slot);
    void watch();
    void arm(Slot& slot);

    PoolOptions options_;
    std::string path_;    // the database every engine opens
    std::string tempDir_; // "" unless we made the database
    mutable std::mutex mutex_;
    std::condition_variable freed_, stop_;
    std::vector<std::unique_ptr<Slot>> readers_;
    std::unique_ptr<Slot> writer_;
    std::mutex writeMutex_;
    unsigned long generation_ = 0;
    bool stopping_ = false;
    std::thread watchdog_;
};

template <typename R>
R EnginePool::write(const std::function<R(engine::Engine&, bool& changed)>& write) {
    std::lock_guard<std::mutex> one(writeMutex_);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        arm(*writer_);
    }
    bool changed = false;
    R result = write(*writer_->engine, changed);
    std::lock_guard<std::mutex> lock(mutex_);
    writer_->leased = false;
    if (changed) writer_->generation = ++generation_;
    return result;
}

} // namespace chipgraph::serve
