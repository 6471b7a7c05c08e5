#include "serve/engine_pool.h"

#include <cstdlib>
#include <filesystem>

namespace chipgraph::serve {

namespace {

void configure(engine::Engine& engine, const PoolOptions& options) {
    engine::EngineOptions settings; // and the default memory guard
    settings.limits.maxDerivedFacts = options.maxDerivedFacts;
    settings.limits.timeLimit = options.timeout;
    // One thread per request: the pool already runs one request per core or more.
    settings.threads = 1;
    engine.setOptions(settings);
}

} // namespace

Result<std::unique_ptr<EnginePool>> EnginePool::open(const PoolOptions& options) {
    std::unique_ptr<EnginePool> pool(new EnginePool(options));
    if (options.db.empty()) {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "chipgraph-serve-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            return Status::error("cannot create a temporary folder for the bundled graph");
        pool->tempDir_ = pattern;
        pool->path_ = pattern + "/bundled.db";
        Result<std::unique_ptr<engine::Engine>> first = engine::Engine::open(pool->path_);
        if (!first) return first.status();
        engine::Outcome loaded = first.value()->loadBundledGraph();
        if (!loaded.ok())
            return Status::error("the bundled knowledge base does not load:\n" +
                                 loaded.renderDiagnostics());
    } else {
        if (!std::filesystem::exists(options.db))
            return Status::error("no database '" + options.db +
                                 "'; create one with 'chipgraph init " + options.db + "'");
        pool->path_ = options.db;
    }
    for (int i = 0; i < options.readers; ++i) {
        Result<std::unique_ptr<engine::Engine>> e = pool->openEngine();
        if (!e) return e.status();
        auto slot = std::make_unique<Slot>();
        slot->engine = std::move(e.value());
        pool->readers_.push_back(std::move(slot));
    }
    if (options.writer) {
        Result<std::unique_ptr<engine::Engine>> e = pool->openEngine();
        if (!e) return e.status();
        pool->writer_ = std::make_unique<Slot>();
        pool->writer_->engine = std::move(e.value());
    }
    pool->watchdog_ = std::thread([p = pool.get()] { p->watch(); });
    return pool;
}

EnginePool::~EnginePool() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    stop_.notify_all();
    if (watchdog_.joinable()) watchdog_.join();
    readers_.clear();
    writer_.reset();
    if (!tempDir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(tempDir_, ignored);
    }
}

Result<std::unique_ptr<engine::Engine>> EnginePool::openEngine() const {
    Result<std::unique_ptr<engine::Engine>> e = engine::Engine::open(path_);
    if (e) configure(*e.value(), options_);
    return e;
}

void EnginePool::arm(Slot& slot) {
    slot.leased = true;
    slot.timedOut = false;
    slot.deadline = std::chrono::steady_clock::now() + options_.timeout;
}

Result<EnginePool::Lease> EnginePool::read() {
    Slot* slot = nullptr;
    unsigned long generation = 0;
    {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            for (auto& s : readers_)
                if (!s->leased) {
                    slot = s.get();
                    break;
                }
            if (slot) break;
            freed_.wait(lock);
        }
        slot->leased = true; // armed once it is up to date: reopening is not the request's time
        slot->deadline = std::chrono::steady_clock::time_point::max();
        generation = generation_;
    }
    Lease lease(*this, *slot);
    if (slot->generation != generation) {
        Result<std::unique_ptr<engine::Engine>> fresh = openEngine();
        if (!fresh) return fresh.status();
        std::lock_guard<std::mutex> lock(mutex_); // interruptAll() may be looking at it
        std::swap(slot->engine, fresh.value());
        slot->generation = generation;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    arm(*slot);
    return lease;
}

void EnginePool::give(Slot& slot) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        slot.leased = false;
    }
    freed_.notify_one();
}

EnginePool::Lease::~Lease() {
    if (slot_) pool_.give(*slot_);
}

engine::Engine& EnginePool::Lease::engine() {
    return *slot_->engine;
}

// Past the deadline, whoever stopped it: the watchdog, or the engine's own time limit (the
// same timeout) with an error of its own. Either way the client hears 503.
bool EnginePool::Lease::timedOut() const {
    std::lock_guard<std::mutex> lock(pool_.mutex_);
    return slot_->timedOut || std::chrono::steady_clock::now() > slot_->deadline;
}

unsigned long EnginePool::generation() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return generation_;
}

void EnginePool::interruptAll() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& s : readers_)
        if (s->leased) s->engine->interrupt();
    if (writer_ && writer_->leased) writer_->engine->interrupt();
}

// Every 20 ms: interrupt the requests past their deadline. The slot's mutex is held while
// interrupting, so a request that has just ended (and whose engine may start the next one)
// is never interrupted by mistake.
void EnginePool::watch() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        stop_.wait_for(lock, std::chrono::milliseconds(20));
        auto now = std::chrono::steady_clock::now();
        auto check = [&](Slot& s) {
            if (s.leased && !s.timedOut && now > s.deadline) {
                s.timedOut = true;
                s.engine->interrupt();
            }
        };
        for (auto& s : readers_)
            check(*s);
        if (writer_) check(*writer_);
    }
}

} // namespace chipgraph::serve
