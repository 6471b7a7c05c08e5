#pragma once
// A unit's next `import`, read and bound on a second thread while the current one is stored
// (docs/storage.md, "Imports in one unit"). Only a file that creates no entities is bound
// ahead: binding it then only reads the catalog, and storing the current file (the store, the
// facts) only reads it too, so the two threads share it unchanged.
// Internal to src/engine (Executor::import).
#include "bind/bind_import.h"
#include "bind/bound.h"
#include "common/status.h"
#include "store/row_order.h"

#include <atomic>
#include <future>
#include <optional>
#include <string>

namespace chipgraph::engine {

// A CSV file read and bound: the result of `import` before it is stored.
struct BoundFile {
    Status readError; // the file could not be read (then `bound` is empty)
    bind::ImportResult bound;
    // Bound ahead: the facts' rows made ready to store (store/row_order.h), on that thread too,
    // if it had the time.
    std::optional<store::PreparedRows> rows;
};

// Reads and binds `request`'s file against `catalog` (which gains the entities it creates).
BoundFile readAndBind(const bind::RunImport& request, schema::Catalog& catalog);

class ImportAhead {
public:
    ~ImportAhead() { wait(); }
    // Whether binding `next` ahead pays: it creates no entities, its file is large enough
    // for the work to outweigh a thread, and `threads` (EngineOptions) is 2 or more, or 0
    // (choose) with a second core free now (common/cores.h).
    static bool worthIt(const bind::RunImport& next, int threads);
    // Starts reading and binding `next` on another thread. Until take() or wait() returns,
    // the caller must not change `catalog`.
    void start(const bind::RunImport& next, schema::Catalog& catalog);
    // The bound file of `request` if it is the one started (waiting for it); else nullopt.
    std::optional<BoundFile> take(const bind::RunImport& request);
    // Waits for a started file and drops it (the unit stops before reaching it).
    void wait();

private:
    const bind::RunImport* next_ = nullptr;
    std::atomic<bool> awaited_ = false; // take() waits for the file: hand it over as it is
    std::future<BoundFile> bound_;
};

} // namespace chipgraph::engine
