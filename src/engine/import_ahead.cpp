#include "engine/import_ahead.h"

#include "common/cores.h"
#include "engine/import.h"
#include "store/store.h"

#include <filesystem>
#include <system_error>

namespace chipgraph::engine {

BoundFile readAndBind(const bind::RunImport& request, schema::Catalog& catalog) {
    BoundFile file;
    Result<std::string> text = readTextFile(request.path);
    if (!text) {
        file.readError = text.status();
        return file;
    }
    // The file's lines and fields are not shown in errors: a statement may come from text
    // that its reader did not write (docs/limits.md, "Files").
    bind::ImportOptions options{request.relation, request.createType, false};
    file.bound = bind::bindImport(text.value(), request.path, options, catalog);
    return file;
}

// The argument positions the store indexes (store/fact_index.cpp): entity and text columns
// after the first.
static std::vector<int> indexPositions(const schema::Catalog& catalog,
                                       const bind::RunImport& request) {
    std::vector<int> positions;
    const schema::RelationInfo* relation = catalog.findRelation(request.relation);
    for (size_t i = 1; relation && i < relation->columns.size(); ++i)
        if (relation->columns[i].kind == schema::ColumnKind::Entity ||
            relation->columns[i].kind == schema::ColumnKind::Text)
            positions.push_back(static_cast<int>(i));
    return positions;
}

// A file bound ahead also gets its rows encoded and sorted there, then its relation's index
// chunks made (store/index_entries.h), so that the storing thread only writes them, unless
// the storing thread already waits for the file: then it is handed over as it is (that work
// is done when stored, as without a second thread), and a busy second core (or a bind slower
// than the store) never makes the load slower. Into a relation that has facts already, what
// was made is not used: its rows are those of the facts new to it, known only when stored.
static BoundFile readBindAndPrepare(const bind::RunImport& request, schema::Catalog& catalog,
                                    const std::atomic<bool>& awaited) {
    BoundFile file = readAndBind(request, catalog);
    const bind::ImportResult& bound = file.bound;
    if (!file.readError || !bound.status || !bound.rowErrors.empty() || bound.facts.empty() ||
        awaited)
        return file;
    file.rows = store::prepareRows(bound.facts, 0);
    // Fewer facts get no indexes.
    if (bound.facts.size() >= store::Store::kMinIndexedFacts && !awaited)
        store::prepareIndexes(*file.rows, indexPositions(catalog, request));
    return file;
}

// Below this size a file binds in a few milliseconds: not worth a thread.
constexpr std::uintmax_t kMinBytesAhead = 256 << 10;

bool ImportAhead::worthIt(const bind::RunImport& next, int threads) {
    if (!next.createType.empty() || threads == 1) return false;
    // As closures choose their threads: a busy machine has no core for it (measured: at load
    // 5 on two cores, binding ahead made loads no faster).
    if (threads == 0 && freeCores() < 2) return false;
    std::error_code error;
    std::uintmax_t bytes = std::filesystem::file_size(next.path, error);
    return !error && bytes >= kMinBytesAhead;
}

void ImportAhead::start(const bind::RunImport& next, schema::Catalog& catalog) {
    wait();
    try {
        awaited_ = false;
        bound_ = std::async(std::launch::async, [&next, &catalog, this] {
            return readBindAndPrepare(next, catalog, awaited_);
        });
        next_ = &next;
    } catch (const std::system_error&) { // no thread to be had: the file is bound when reached
    }
}

std::optional<BoundFile> ImportAhead::take(const bind::RunImport& request) {
    if (next_ != &request || !bound_.valid()) {
        wait();
        return std::nullopt;
    }
    next_ = nullptr;
    awaited_ = true;
    return bound_.get();
}

void ImportAhead::wait() {
    awaited_ = true; // dropped: no more work on it than binding
    if (bound_.valid()) bound_.wait();
    bound_ = {};
    next_ = nullptr;
}

} // namespace chipgraph::engine
