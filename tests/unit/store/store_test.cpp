// The SQLite store, always in memory: catalog and facts round-trip, duplicates are ignored,
// transactions roll back completely, and a database of another schema version is refused.
#include "store/schema_sql.h"
#include "store/store.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <limits>

using namespace chipgraph;
using store::Store;
using store::Transaction;

namespace {

std::unique_ptr<Store> openMemory(const std::string& path = ":memory:") {
    Result<std::unique_ptr<Store>> opened = Store::open(path);
    INFO(opened.status().message());
    REQUIRE(opened.isOk());
    return std::move(opened).value();
}

// Named in-memory databases are URI filenames: make sure SQLite reads them as URIs (and never
// as file names) whatever its compile options, before any connection is opened.
const bool kUriFilenames = sqlite3_config(SQLITE_CONFIG_URI, 1) == SQLITE_OK;

// A named in-memory database shared by connections of this process (SQLite URI filename), so
// a test can tamper with it through the C API while a store has it open.
std::string sharedMemory(const std::string& name) {
    REQUIRE(kUriFilenames);
    return "file:" + name + "?mode=memory&cache=shared";
}

struct RawConnection {
    sqlite3* db = nullptr;
    explicit RawConnection(const std::string& uri) {
        REQUIRE(sqlite3_open_v2(uri.c_str(), &db,
                                SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI,
                                nullptr) == SQLITE_OK);
    }
    ~RawConnection() { sqlite3_close(db); }
    void exec(const char* sql) {
        char* error = nullptr;
        int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
        INFO((error ? error : ""));
        sqlite3_free(error);
        REQUIRE(rc == SQLITE_OK);
    }
};

// The catalog every round-trip test saves: a type tree, a relation with entity, text and number
// columns and qualifiers, entities with (Chinese) aliases, sources with and without a date.
struct Saved {
    schema::Catalog catalog;
    TypeId company, vendor, chip;
    RelationId shipments, designs;
    EntityId google, trainium;
    SourceId seed, undated;

    Saved() {
        company = catalog.addType("Company", kNoId);
        vendor = catalog.addType("Vendor", company);
        chip = catalog.addType("Chip", kNoId);
        schema::RelationInfo s;
        s.name = "shipments";
        s.columns = {{"owner", schema::ColumnKind::Entity, vendor},
                     {"units", schema::ColumnKind::Number, kNoId}};
        s.qualifiers = {{"scope", schema::ColumnKind::Text, kNoId},
                        {"low", schema::ColumnKind::Number, kNoId},
                        {"chip", schema::ColumnKind::Entity, chip}};
        shipments = catalog.addRelation(s);
        schema::RelationInfo d;
        d.name = "designs";
        d.columns = {{"firm", schema::ColumnKind::Entity, company},
                     {"chip", schema::ColumnKind::Entity, chip}};
        designs = catalog.addRelation(d);
        google = catalog.addEntity("Google", vendor);
        catalog.addAlias(google, "Alphabet");
        catalog.addAlias(google, "谷歌");
        trainium = catalog.addEntity("Trainium3", chip);
        schema::SourceInfo seedInfo;
        seedInfo.name = "seed2025";
        seedInfo.title = "海外算力ASIC:需求或提速";
        seedInfo.author = "AI李子";
        seedInfo.url = "https://xueqiu.com/7946831154/339168057";
        seedInfo.published = PartialDate{DatePrecision::Half, 2025, 2, 0};
        seed = catalog.addSource(seedInfo);
        schema::SourceInfo undatedInfo;
        undatedInfo.name = "wccftech_hbm";
        undated = catalog.addSource(undatedInfo);
    }

    void saveCatalog(Store& store) const {
        for (const schema::TypeInfo* t : catalog.types())
            REQUIRE(store.saveType(*t).isOk());
        for (const schema::RelationInfo* r : catalog.relations())
            REQUIRE(store.saveRelation(*r).isOk());
        for (const schema::EntityInfo* e : catalog.entities()) {
            REQUIRE(store.saveEntity(*e).isOk());
            for (size_t i = 0; i < e->aliases.size(); ++i)
                REQUIRE(store.saveAlias(e->id, e->aliases[i], static_cast<int>(i)).isOk());
        }
        for (const schema::SourceInfo* s : catalog.sources())
            REQUIRE(store.saveSource(*s).isOk());
    }

    schema::Fact shipment(Number units) const {
        schema::Fact f;
        f.relation = shipments;
        f.args = {Value::entity(google), Value::number(units)};
        f.qualifiers = {std::nullopt, std::nullopt, std::nullopt};
        return f;
    }
};

std::vector<schema::Fact> loadAll(Store& store, const schema::Catalog& catalog) {
    std::vector<schema::Fact> facts;
    REQUIRE(
        store.loadFacts(catalog, [&](schema::Fact f) { facts.push_back(std::move(f)); }).isOk());
    return facts;
}

schema::Catalog loadCatalog(Store& store) {
    schema::Catalog catalog;
    Status status = store.loadCatalog(catalog);
    INFO(status.message());
    REQUIRE(status.isOk());
    return catalog;
}

DayNumber day(int y, int m, int d) {
    return daysFromCivil(y, m, d);
}

} // namespace

// ---- opening -----------------------------------------------------------------------------

TEST_CASE("a new in-memory store is empty", "[store]") {
    auto store = openMemory();
    CHECK(store->factCount() == 0);
    schema::Catalog catalog = loadCatalog(*store);
    CHECK(catalog.types().empty());
    CHECK(catalog.entities().empty());
    CHECK(loadAll(*store, catalog).empty());
}

TEST_CASE("two :memory: stores are independent", "[store]") {
    auto a = openMemory();
    auto b = openMemory();
    REQUIRE(a->saveType({1, "Chip", kNoId}).isOk());
    CHECK(loadCatalog(*a).types().size() == 1);
    CHECK(loadCatalog(*b).types().empty());
}

TEST_CASE("reopening a database sees what was committed", "[store]") {
    std::string uri = sharedMemory("cg_store_reopen");
    RawConnection keepAlive(uri); // a shared in-memory database lives while a connection does
    {
        auto store = openMemory(uri);
        REQUIRE(store->saveType({1, "Chip", kNoId}).isOk());
    }
    auto reopened = openMemory(uri);
    CHECK(loadCatalog(*reopened).findType("chip") != nullptr);
}

// Databases are not upgraded in place: one of another version names the chipgraph that made
// it and the way to bring it over (dump with that one, load with this one).
TEST_CASE("a database of another schema version is refused", "[store][error]") {
    std::string uri = sharedMemory("cg_store_version");
    RawConnection raw(uri);
    { auto store = openMemory(uri); }
    std::string current = std::to_string(store::kSchemaVersion);
    std::string advice = ", and this chipgraph " CHIPGRAPH_TEST_VERSION " reads schema v" +
                         current +
                         "; re-create it with 'chipgraph dump' from that version, then "
                         "'chipgraph load'";
    auto refusal = [&](bool readOnly) {
        Result<std::unique_ptr<Store>> reopened = Store::open(uri, readOnly);
        REQUIRE_FALSE(reopened.isOk());
        return reopened.status().message();
    };
    SECTION("newer, naming its maker") {
        raw.exec("UPDATE meta SET value = '99' WHERE key = 'schema_version';"
                 "UPDATE meta SET value = 'chipgraph 7.0.0' WHERE key = 'made_by'");
        CHECK(refusal(false) == "'" + uri + "': made by chipgraph 7.0.0 (schema v99)" + advice);
        CHECK(refusal(true) == "'" + uri + "': made by chipgraph 7.0.0 (schema v99)" + advice);
    }
    SECTION("older, from before databases named their maker") {
        raw.exec("UPDATE meta SET value = '7' WHERE key = 'schema_version';"
                 "DELETE FROM meta WHERE key = 'made_by'");
        CHECK(refusal(false) == "'" + uri + "': made by an earlier chipgraph (schema v7)" + advice);
    }
    SECTION("newer, without its maker") {
        raw.exec("UPDATE meta SET value = '12' WHERE key = 'schema_version';"
                 "DELETE FROM meta WHERE key = 'made_by'");
        CHECK(refusal(false) == "'" + uri + "': made by another chipgraph (schema v12)" + advice);
    }
}

TEST_CASE("a new database names the chipgraph that made it", "[store]") {
    std::string uri = sharedMemory("cg_store_made_by");
    RawConnection raw(uri);
    { auto store = openMemory(uri); }
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw.db, "SELECT value FROM meta WHERE key = 'made_by'", -1, &stmt,
                               nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) ==
          "chipgraph " CHIPGRAPH_TEST_VERSION);
    sqlite3_finalize(stmt);
}

TEST_CASE("a database that is not chipgraph's is refused", "[store][error]") {
    std::string uri = sharedMemory("cg_store_foreign");
    RawConnection raw(uri);
    raw.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
    Result<std::unique_ptr<Store>> opened = Store::open(uri);
    REQUIRE_FALSE(opened.isOk());
    CHECK(opened.status().message() ==
          "'" + uri + "': not a chipgraph database (it has no 'meta' table)");
}

TEST_CASE("a meta table without a schema version is refused", "[store][error]") {
    std::string uri = sharedMemory("cg_store_noversion");
    RawConnection raw(uri);
    raw.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    Result<std::unique_ptr<Store>> opened = Store::open(uri);
    REQUIRE_FALSE(opened.isOk());
    CHECK(opened.status().message() ==
          "'" + uri + "': not a chipgraph database (no schema version)");
}

// ---- catalog round trip ------------------------------------------------------------------

TEST_CASE("types, relations, entities, aliases and sources round-trip", "[store]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    schema::Catalog loaded = loadCatalog(*store);

    REQUIRE(loaded.types().size() == 3);
    CHECK(loaded.type(s.vendor).name == "Vendor");
    CHECK(loaded.type(s.vendor).parent == s.company);
    CHECK(loaded.type(s.company).parent == kNoId);
    CHECK(loaded.isSubtype(s.vendor, s.company));

    const schema::RelationInfo& r = loaded.relation(s.shipments);
    CHECK(r.name == "shipments");
    REQUIRE(r.columns.size() == 2);
    CHECK(r.columns[0].name == "owner");
    CHECK(r.columns[0].kind == schema::ColumnKind::Entity);
    CHECK(r.columns[0].type == s.vendor);
    CHECK(r.columns[1].kind == schema::ColumnKind::Number);
    CHECK(r.columns[1].type == kNoId);
    REQUIRE(r.qualifiers.size() == 3);
    CHECK(r.qualifiers[0].name == "scope");
    CHECK(r.qualifiers[0].kind == schema::ColumnKind::Text);
    CHECK(r.qualifiers[1].kind == schema::ColumnKind::Number);
    CHECK(r.qualifiers[2].kind == schema::ColumnKind::Entity);
    CHECK(r.qualifiers[2].type == s.chip);
    CHECK(loaded.relation(s.designs).qualifiers.empty());

    CHECK(loaded.findEntity("谷歌")->id == s.google);
    CHECK(loaded.findEntity("ALPHABET")->id == s.google);
    CHECK(loaded.entity(s.google).aliases == std::vector<std::string>{"Alphabet", "谷歌"});
    CHECK(loaded.entity(s.trainium).type == s.chip);

    const schema::SourceInfo& seed = loaded.source(s.seed);
    CHECK(seed.name == "seed2025");
    CHECK(seed.title == "海外算力ASIC:需求或提速");
    CHECK(seed.author == "AI李子");
    CHECK(seed.url == "https://xueqiu.com/7946831154/339168057");
    CHECK(seed.published ==
          std::optional<PartialDate>(PartialDate{DatePrecision::Half, 2025, 2, 0}));
    CHECK_FALSE(loaded.source(s.undated).published);
    CHECK(loaded.source(s.undated).title.empty());
}

TEST_CASE("loaded ids continue where the saved ones end", "[store]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    schema::Catalog loaded = loadCatalog(*store);
    CHECK(loaded.addType("Foundry", s.company) == 4);
    CHECK(loaded.addEntity("Broadcom", s.company) == 3);
}

TEST_CASE("aliases load in their declared position order", "[store]") {
    auto store = openMemory();
    REQUIRE(store->saveType({1, "Vendor", kNoId}).isOk());
    REQUIRE(store->saveEntity({1, "Google", 1, {}}).isOk());
    REQUIRE(store->saveAlias(1, "GOOGL", 2).isOk());
    REQUIRE(store->saveAlias(1, "Alphabet", 0).isOk());
    REQUIRE(store->saveAlias(1, "谷歌", 1).isOk());
    CHECK(loadCatalog(*store).entity(1).aliases ==
          std::vector<std::string>{"Alphabet", "谷歌", "GOOGL"});
}

TEST_CASE("a name taken twice is refused by the database", "[store][error]") {
    auto store = openMemory();
    REQUIRE(store->saveType({1, "Chip", kNoId}).isOk());
    Status again = store->saveType({2, "CHIP", kNoId});
    CHECK_FALSE(again.isOk());
    CHECK(again.message() == "database error: UNIQUE constraint failed: types.name_key");
    REQUIRE(store->saveEntity({1, "Google", 1, {}}).isOk());
    REQUIRE(store->saveEntity({2, "Alphabet Inc", 1, {}}).isOk());
    REQUIRE(store->saveAlias(1, "Alphabet", 0).isOk());
    CHECK_FALSE(store->saveAlias(2, "alphabet", 0).isOk());
}

TEST_CASE("references to missing rows are refused", "[store][error]") {
    auto store = openMemory();
    Status orphanType = store->saveType({1, "Vendor", 42});
    CHECK(orphanType.message() == "database error: FOREIGN KEY constraint failed");
    Status orphanEntity = store->saveEntity({1, "Google", 7, {}});
    CHECK_FALSE(orphanEntity.isOk());
    schema::Fact f;
    f.relation = 9;
    Result<bool> orphanFact = store->saveFact(f);
    CHECK_FALSE(orphanFact.isOk());
    CHECK(store->factCount() == 0);
}

// ---- facts -------------------------------------------------------------------------------

TEST_CASE("numbers of every kind round-trip with their bounds", "[store]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    const Number numbers[] = {Number::exact(4614),     Number::exact(4.9),
                              Number::approx(2000000), Number::greater(3000000),
                              Number::less(50000),     Number::range(10000, 50000),
                              Number::exact(-2.5),     Number::exact(1e15)};
    for (const Number& n : numbers)
        REQUIRE(store->saveFact(s.shipment(n)).value());
    std::vector<schema::Fact> loaded = loadAll(*store, s.catalog);
    REQUIRE(loaded.size() == std::size(numbers));
    for (size_t i = 0; i < loaded.size(); ++i) {
        INFO(numbers[i].toString());
        REQUIRE(loaded[i].args[1].isNumber());
        const Number& n = loaded[i].args[1].numberValue();
        CHECK(n == numbers[i]);
        CHECK(n.toString() == numbers[i].toString());
        CHECK(loaded[i].key() == s.shipment(numbers[i]).key());
    }
    const Number& greater = loaded[3].args[1].numberValue();
    CHECK(greater.hi == std::numeric_limits<double>::infinity());
    const Number& less = loaded[4].args[1].numberValue();
    CHECK(less.lo == -std::numeric_limits<double>::infinity());
}

TEST_CASE("qualifiers round-trip, absent ones stay absent", "[store]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    schema::Fact f = s.shipment(Number::approx(2000000));
    f.qualifiers[0] = Value::text("all Trainium incl. Trainium3");
    f.qualifiers[2] = Value::entity(s.trainium);
    schema::Fact emptyText = s.shipment(Number::exact(1));
    emptyText.qualifiers[0] = Value::text("");
    REQUIRE(store->saveFact(f).value());
    REQUIRE(store->saveFact(emptyText).value());
    std::vector<schema::Fact> loaded = loadAll(*store, s.catalog);
    REQUIRE(loaded.size() == 2);
    REQUIRE(loaded[0].qualifiers.size() == 3);
    CHECK(loaded[0].qualifiers[0] ==
          std::optional<Value>(Value::text("all Trainium incl. Trainium3")));
    CHECK_FALSE(loaded[0].qualifiers[1]);
    CHECK(loaded[0].qualifiers[2] == std::optional<Value>(Value::entity(s.trainium)));
    CHECK(loaded[0].key() == f.key());
    CHECK(loaded[1].qualifiers[0] == std::optional<Value>(Value::text("")));
    CHECK(loaded[1].key() == emptyText.key());
}

TEST_CASE("validity, source and status round-trip", "[store]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    std::vector<schema::Fact> saved;
    schema::Fact always = s.shipment(Number::exact(1));
    saved.push_back(always);
    schema::Fact bounded = s.shipment(Number::exact(2));
    bounded.valid = {day(2026, 1, 1), day(2027, 1, 1)};
    bounded.source = s.seed;
    bounded.status = schema::FactStatus::Forecast;
    saved.push_back(bounded);
    schema::Fact from = s.shipment(Number::exact(3));
    from.valid = {day(2025, 7, 1), kMaxDay};
    from.status = schema::FactStatus::View;
    saved.push_back(from);
    schema::Fact until = s.shipment(Number::exact(4));
    until.valid = {kMinDay, day(2025, 7, 1)};
    until.source = s.undated;
    until.status = schema::FactStatus::Rumored;
    saved.push_back(until);
    for (const schema::Fact& f : saved)
        REQUIRE(store->saveFact(f).value());

    std::vector<schema::Fact> loaded = loadAll(*store, s.catalog);
    REQUIRE(loaded.size() == saved.size());
    for (size_t i = 0; i < saved.size(); ++i) {
        CHECK(loaded[i].valid == saved[i].valid);
        CHECK(loaded[i].source == saved[i].source);
        CHECK(loaded[i].status == saved[i].status);
        CHECK(loaded[i].key() == saved[i].key());
    }
    CHECK(loaded[0].valid.isAlways());
}

TEST_CASE("facts load in the order they were saved", "[store]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    for (int i = 5; i > 0; --i)
        REQUIRE(store->saveFact(s.shipment(Number::exact(i))).value());
    std::vector<schema::Fact> loaded = loadAll(*store, s.catalog);
    REQUIRE(loaded.size() == 5);
    CHECK(loaded.front().args[1].numberValue() == Number::exact(5));
    CHECK(loaded.back().args[1].numberValue() == Number::exact(1));
}

TEST_CASE("saving the same fact twice stores it once", "[store][error]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    schema::Fact f = s.shipment(Number::greater(3000000));
    f.source = s.seed;
    Result<bool> first = store->saveFact(f);
    Result<bool> second = store->saveFact(f);
    REQUIRE(first.isOk());
    REQUIRE(second.isOk());
    CHECK(first.value());
    CHECK_FALSE(second.value());
    CHECK(store->factCount() == 1);
    CHECK(loadAll(*store, s.catalog).size() == 1);
}

TEST_CASE("facts differing in any part are stored separately", "[store]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    schema::Fact a = s.shipment(Number::exact(3000000));
    schema::Fact b = s.shipment(Number::greater(3000000));
    schema::Fact c = a;
    c.source = s.seed;
    schema::Fact d = a;
    d.status = schema::FactStatus::Expected;
    for (const schema::Fact& f : {a, b, c, d})
        REQUIRE(store->saveFact(f).value());
    CHECK(store->factCount() == 4);
}

// A log entry to retract facts under (retractions name the entry that made them).
static int64_t openEntry(Store& store) {
    Store::LogEntry entry{0, "2026-12-07T00:00:00Z", "test", "retract", "test"};
    REQUIRE(store.openLogEntry(entry).isOk());
    return entry.id;
}

TEST_CASE("retracting a fact removes it from the stored facts", "[store]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    schema::Fact keep = s.shipment(Number::exact(1));
    schema::Fact doomed = s.shipment(Number::exact(2));
    doomed.qualifiers[0] = Value::text("gone");
    REQUIRE(store->saveFact(keep).value());
    REQUIRE(store->saveFact(doomed).value());
    REQUIRE(store->retractFact(doomed, openEntry(*store)).isOk());
    CHECK(store->factCount() == 1);
    std::vector<schema::Fact> loaded = loadAll(*store, s.catalog);
    REQUIRE(loaded.size() == 1);
    CHECK(loaded[0].key() == keep.key());
    // Saving it again works: nothing of it was left behind.
    CHECK(store->saveFact(doomed).value());
    CHECK(loadAll(*store, s.catalog).size() == 2);
}

TEST_CASE("retracting a fact that is not stored changes nothing", "[store][error]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    REQUIRE(store->saveFact(s.shipment(Number::exact(1))).value());
    CHECK(store->retractFact(s.shipment(Number::exact(9)), openEntry(*store)).isOk());
    CHECK(store->factCount() == 1);
}

// ---- transactions ------------------------------------------------------------------------

TEST_CASE("a transaction that is not committed leaves nothing", "[store][error]") {
    Saved s;
    auto store = openMemory();
    {
        Transaction transaction(*store);
        REQUIRE(transaction.status().isOk());
        s.saveCatalog(*store);
        REQUIRE(store->saveFact(s.shipment(Number::exact(1))).value());
        CHECK(store->factCount() == 1);
    }
    CHECK(store->factCount() == 0);
    schema::Catalog loaded = loadCatalog(*store);
    CHECK(loaded.types().empty());
    CHECK(loaded.relations().empty());
    CHECK(loaded.entities().empty());
    CHECK(loaded.sources().empty());
    CHECK(loaded.findEntity("谷歌") == nullptr);
}

TEST_CASE("a committed transaction keeps everything", "[store]") {
    Saved s;
    auto store = openMemory();
    {
        Transaction transaction(*store);
        s.saveCatalog(*store);
        REQUIRE(store->saveFact(s.shipment(Number::exact(1))).value());
        REQUIRE(transaction.commit().isOk());
    }
    CHECK(store->factCount() == 1);
    CHECK(loadCatalog(*store).entities().size() == 2);
}

TEST_CASE("a failed statement inside a transaction rolls back the earlier ones", "[store][error]") {
    auto store = openMemory();
    {
        Transaction transaction(*store);
        REQUIRE(store->saveType({1, "Chip", kNoId}).isOk());
        REQUIRE_FALSE(store->saveType({2, "chip", kNoId}).isOk());
    }
    CHECK(loadCatalog(*store).types().empty());
}

TEST_CASE("a second transaction cannot begin inside the first", "[store][error]") {
    auto store = openMemory();
    Transaction outer(*store);
    REQUIRE(outer.status().isOk());
    {
        Transaction inner(*store);
        CHECK_FALSE(inner.status().isOk());
        CHECK(inner.status().message() ==
              "database error: cannot start a transaction within a transaction");
    }
    // The failed inner transaction did not roll back the outer one.
    REQUIRE(store->saveType({1, "Chip", kNoId}).isOk());
    REQUIRE(outer.commit().isOk());
    CHECK(loadCatalog(*store).types().size() == 1);
}

// ---- more refusals -----------------------------------------------------------------------

TEST_CASE("a corrupt publication date is reported and the rest still loads", "[store][error]") {
    std::string uri = sharedMemory("cg_store_corrupt_date");
    RawConnection raw(uri);
    auto store = openMemory(uri);
    Saved s;
    s.saveCatalog(*store);
    raw.exec("UPDATE sources SET published = '2025-13' WHERE name = 'seed2025'");
    schema::Catalog loaded;
    Status status = store->loadCatalog(loaded);
    CHECK(status.message() == "source 'seed2025' has a corrupt date");
    CHECK(loaded.findEntity("谷歌") != nullptr);
    REQUIRE(loaded.findSource("seed2025") != nullptr);
    CHECK_FALSE(loaded.findSource("seed2025")->published);
}

TEST_CASE("commit without a transaction fails, rollback is harmless", "[store][error]") {
    auto store = openMemory();
    Status commit = store->commit();
    CHECK(commit.message() == "database error: cannot commit - no transaction is active");
    store->rollback();
    REQUIRE(store->saveType({1, "Chip", kNoId}).isOk());
    CHECK(loadCatalog(*store).types().size() == 1);
}

TEST_CASE("a relation, entity or source saved twice is refused", "[store][error]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    CHECK_FALSE(store->saveRelation(s.catalog.relation(s.designs)).isOk());
    CHECK_FALSE(store->saveEntity(s.catalog.entity(s.google)).isOk());
    CHECK_FALSE(store->saveSource(s.catalog.source(s.seed)).isOk());
    CHECK(loadCatalog(*store).relations().size() == 2);
}

TEST_CASE("an alias of a missing entity is refused", "[store][error]") {
    auto store = openMemory();
    Status status = store->saveAlias(5, "ghost", 0);
    CHECK(status.message() == "database error: FOREIGN KEY constraint failed");
    CHECK(loadCatalog(*store).entityNamesAndAliases().empty());
}

TEST_CASE("a fact naming a missing entity is refused", "[store][error]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    schema::Fact f = s.shipment(Number::exact(1));
    f.args[0] = Value::entity(99);
    {
        Transaction transaction(*store);
        Result<bool> saved = store->saveFact(f);
        CHECK_FALSE(saved.isOk());
    }
    CHECK(store->factCount() == 0);
}

TEST_CASE("a retraction inside a rolled-back transaction keeps the fact", "[store][error]") {
    Saved s;
    auto store = openMemory();
    s.saveCatalog(*store);
    schema::Fact f = s.shipment(Number::range(10000, 50000));
    REQUIRE(store->saveFact(f).value());
    {
        Transaction transaction(*store);
        REQUIRE(store->retractFact(f, openEntry(*store)).isOk());
        CHECK(store->factCount() == 0);
    }
    CHECK(store->factCount() == 1);
    std::vector<schema::Fact> loaded = loadAll(*store, s.catalog);
    REQUIRE(loaded.size() == 1);
    CHECK(loaded[0].args[1].numberValue() == Number::range(10000, 50000));
}

// Issue 15, item 6: a catalog reads its entities on demand, as they stood when it was loaded
// (entities and aliases are never changed once stored: later ones are left out by id/rowid).
// More than 1,024 of them: fewer are read at once when the catalog is loaded.
TEST_CASE("entities read on demand are those of the state the catalog was loaded from",
          "[store][lazy]") {
    std::string uri = sharedMemory("cg_store_lazy_entities");
    RawConnection keepAlive(uri);
    auto writer = openMemory(uri);
    REQUIRE(writer->saveType({1, "Company", kNoId}).isOk());
    REQUIRE(writer->saveEntity({1, "Acme", 1, {}}).isOk());
    REQUIRE(writer->saveEntity({2, "Beta", 1, {}}).isOk());
    for (EntityId id = 3; id <= 1100; ++id)
        REQUIRE(writer->saveEntity({id, "Filler " + std::to_string(id), 1, {}}).isOk());
    REQUIRE(writer->saveAlias(1, "ACME Corp", 0).isOk());
    auto reader = openMemory(uri);
    schema::Catalog catalog = loadCatalog(*reader);
    CHECK_FALSE(catalog.holdsAllEntities());
    // Another connection adds an entity, and an alias to one not read yet.
    REQUIRE(writer->saveEntity({1101, "Gamma", 1, {}}).isOk());
    REQUIRE(writer->saveAlias(2, "Beta Inc", 0).isOk());
    CHECK(catalog.findEntity("gamma") == nullptr);
    CHECK(catalog.findEntity("beta inc") == nullptr);
    CHECK(catalog.findEntity("acme corp")->id == 1);
    CHECK(catalog.entity(2).aliases.empty());
    CHECK(catalog.entity(1100).name == "Filler 1100");
    CHECK_FALSE(catalog.hasEntity(1101));
    CHECK_FALSE(catalog.holdsAllEntities());
    CHECK(catalog.entityNamesAndAliases().size() == 1101); // 1,100 names and one alias
    CHECK(catalog.holdsAllEntities());
    CHECK(catalog.findEntity("gamma") == nullptr);
    CHECK(catalog.entityReadError().isOk());
    // Loaded again, the catalog describes the database as it is now.
    schema::Catalog again = loadCatalog(*reader);
    CHECK(again.findEntity("Beta Inc")->id == 2);
    CHECK(again.findEntity("Gamma")->id == 1101);
    CHECK(again.entityNamesAndAliases().size() == 1103);
}
