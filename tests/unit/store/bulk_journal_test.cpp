// The journal of a bulk transaction (docs/storage.md, "Mode"): a new database is written with
// a rollback journal and left in WAL mode; one that another connection has open stays in WAL;
// a crash in the middle of the commit leaves the database as it was. These need a file (a
// journal mode is a file's), so they write to a fresh temporary folder.
#include "store/store.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace chipgraph;
using store::Store;
using store::Transaction;
namespace fs = std::filesystem;

namespace {

struct TempDatabase {
    fs::path folder;
    std::string path;
    TempDatabase() {
        std::string pattern = (fs::temp_directory_path() / "cg_journal_XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        folder = pattern;
        path = (folder / "kb.db").string();
    }
    ~TempDatabase() { fs::remove_all(folder); }
    bool exists(const char* suffix) const { return fs::exists(path + suffix); }
    // The file header's write and read versions: 2 in WAL mode, 1 with a rollback journal.
    std::pair<int, int> headerVersions() const {
        std::ifstream in(path, std::ios::binary);
        char header[20] = {};
        in.read(header, sizeof header);
        return {header[18], header[19]};
    }
};

std::unique_ptr<Store> openStore(const std::string& path) {
    Result<std::unique_ptr<Store>> opened = Store::open(path);
    REQUIRE(opened.isOk());
    return std::move(opened).value();
}

// A type and `count` entities of it, saved in one bulk transaction left open.
void saveEntities(Store& store, schema::Catalog& catalog, int count) {
    TypeId thing = catalog.addType("Thing", kNoId);
    REQUIRE(store.saveType(catalog.type(thing)).isOk());
    std::vector<const schema::EntityInfo*> entities;
    for (int i = 0; i < count; ++i)
        entities.push_back(&catalog.entity(catalog.addEntity("e" + std::to_string(i), thing)));
    REQUIRE(store.saveEntities(entities).isOk());
}

int64_t storedEntities(const std::string& path) {
    std::unique_ptr<Store> store = openStore(path); // the catalog reads its entities from it
    schema::Catalog catalog;
    REQUIRE(store->loadCatalog(catalog).isOk());
    return static_cast<int64_t>(catalog.entities().size());
}

// The default VFS, except that deleting a rollback journal ends the process (exit code 42):
// the commit has written every page to the database and not yet made it final.
sqlite3_vfs crashingVfs;
int (*realDelete)(sqlite3_vfs*, const char*, int) = nullptr;
int deleteOrCrash(sqlite3_vfs* vfs, const char* name, int syncDir) {
    std::string_view file(name);
    if (file.size() > 8 && file.substr(file.size() - 8) == "-journal") _exit(42);
    return realDelete(vfs, name, syncDir);
}

} // namespace

TEST_CASE("a bulk transaction into a new database writes a rollback journal, then WAL again",
          "[store][bulk]") {
    TempDatabase db;
    auto store = openStore(db.path);
    schema::Catalog catalog;
    {
        Transaction transaction(*store, Transaction::Kind::Bulk);
        REQUIRE(transaction.status().isOk());
        saveEntities(*store, catalog, 2000);
        CHECK(db.exists("-journal"));
        CHECK_FALSE(db.exists("-wal"));
        REQUIRE(transaction.commit().isOk());
    }
    CHECK_FALSE(db.exists("-journal"));
    CHECK(db.headerVersions() == std::pair{2, 2});
    CHECK(storedEntities(db.path) == 2000);
    // It holds entities now: the next bulk transaction uses the WAL.
    Transaction again(*store, Transaction::Kind::Bulk);
    REQUIRE(again.status().isOk());
    REQUIRE(store->saveEntity(catalog.entity(catalog.addEntity("late", 1))).isOk());
    CHECK_FALSE(db.exists("-journal"));
    CHECK(db.exists("-wal"));
}

TEST_CASE("a bulk transaction into a database another connection has open uses the WAL",
          "[store][bulk]") {
    TempDatabase db;
    auto store = openStore(db.path);
    auto reader = openStore(db.path);
    schema::Catalog catalog;
    Transaction transaction(*store, Transaction::Kind::Bulk);
    REQUIRE(transaction.status().isOk());
    saveEntities(*store, catalog, 2000);
    CHECK_FALSE(db.exists("-journal"));
    schema::Catalog seen; // the reader reads the state before the transaction meanwhile
    REQUIRE(reader->loadCatalog(seen).isOk());
    CHECK(seen.entities().empty());
    REQUIRE(transaction.commit().isOk());
    CHECK(db.headerVersions() == std::pair{2, 2});
}

TEST_CASE("a crash while a bulk transaction commits leaves the new database empty",
          "[store][bulk]") {
    TempDatabase db;
    openStore(db.path); // the schema, committed
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
        crashingVfs = *real;
        crashingVfs.zName = "crashing";
        realDelete = real->xDelete;
        crashingVfs.xDelete = deleteOrCrash;
        sqlite3_vfs_register(&crashingVfs, 1);
        Result<std::unique_ptr<Store>> store = Store::open(db.path);
        if (!store) _exit(1);
        schema::Catalog catalog;
        Transaction transaction(*store.value(), Transaction::Kind::Bulk);
        saveEntities(*store.value(), catalog, 5000);
        (void)transaction.commit();
        _exit(2); // not reached: the commit deletes the journal
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 42);
    REQUIRE(db.exists("-journal")); // hot: the pages were written, the commit not made final
    CHECK(storedEntities(db.path) == 0);
    CHECK_FALSE(db.exists("-journal"));
    CHECK(db.headerVersions() == std::pair{2, 2});
}
