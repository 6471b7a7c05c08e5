#pragma once
// The database schema, version kSchemaVersion. Documented in docs/storage.md; a database
// written by another version is refused with a clear message rather than misread.
#include <string>

namespace chipgraph::store {

// 2: rules and derived relations. 3: fact_values WITHOUT ROWID and CHECKs written with OR
// (an IN list made SQLite build an ephemeral b-tree on every insert). 4: one row per fact, its
// values in a compact binary fact_key (fact_codec.h), no fact_values table and no secondary
// indexes on facts (bulk imports write two b-trees per fact instead of 4 + one per argument).
// 5: no entities_type index (never read: the catalog is loaded by a scan in id order; it was
// one more b-tree written per entity an import creates). 6: fact_key is TEXT without zero bytes
// (fact_codec.h; SQLite sorts and compares text keys faster than blobs). 7: facts is a
// WITHOUT ROWID table keyed by fact_key (one b-tree per fact instead of a table and its key
// index; imports insert their rows in key order), `id` a plain column, and the key starts
// with the relation (a relation's facts are one stretch of the table); the entities' name index
// is a named one (droppable for a bulk import). Versions 2 to 6 are migrated on open.
// 8: relations say whether they are timeless or per period. 9: relation keys (`key_columns`)
// and judgements (`deprecate`); not migrated: re-create older databases with `chipgraph dump`.
constexpr int kSchemaVersion = 9;

// Everything but `entities` and `facts` (kEntitiesColumnsSql, kFactsColumnsSql), which the
// upgrades create under other names; schemaSql() is the whole.
inline constexpr const char* kCatalogSchemaSql = R"SQL(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE types (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    name_key  TEXT NOT NULL UNIQUE,              -- case-folded name
    parent_id INTEGER REFERENCES types(id)
);
CREATE TABLE relations (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    derived  INTEGER NOT NULL DEFAULT 0,         -- 1: defined by rules
    timeless INTEGER NOT NULL DEFAULT 0,         -- 1: facts hold independently of time
    per_period INTEGER NOT NULL DEFAULT 0,       -- 1: facts are amounts over their period
    key_columns TEXT NOT NULL DEFAULT ''         -- `key (...)`: column names, ', ' apart
);
CREATE TABLE judgements (                        -- `deprecate FACT because "..." per SOURCE`
    id             INTEGER PRIMARY KEY,
    relation_id    INTEGER NOT NULL REFERENCES relations(id),
    pattern_key    TEXT NOT NULL,                -- the claim's values (fact_codec.h)
    match_validity INTEGER NOT NULL,             -- 1: only claims with this validity
    valid_from     INTEGER,
    valid_to       INTEGER,
    reason         TEXT NOT NULL,
    source_id      INTEGER NOT NULL REFERENCES sources(id)
);
CREATE TABLE rules (
    id          INTEGER PRIMARY KEY,                -- also the order rules are bound in
    relation_id INTEGER NOT NULL REFERENCES relations(id),
    text        TEXT NOT NULL UNIQUE               -- canonical source: `rule head :- body.`
);
CREATE TABLE relation_columns (
    relation_id  INTEGER NOT NULL REFERENCES relations(id),
    is_qualifier INTEGER NOT NULL,               -- 0: argument column, 1: qualifier column
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind = 'entity' OR kind = 'text' OR kind = 'number'),
    type_id      INTEGER REFERENCES types(id),   -- for kind 'entity'
    PRIMARY KEY (relation_id, is_qualifier, position)
);
CREATE TABLE aliases (
    alias_key TEXT PRIMARY KEY,                  -- case-folded alias
    alias     TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    position  INTEGER NOT NULL                   -- order of declaration
);
CREATE INDEX aliases_entity ON aliases(entity_id);
CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    author        TEXT NOT NULL,
    url           TEXT NOT NULL,
    published     TEXT,                          -- partial date as canonical text
    published_day INTEGER                        -- its first day (days since 1970-01-01)
);
)SQL";

// The columns of `entities`, after `CREATE TABLE name`. Names are unique through the named
// index kCreateEntityNameIndexSql, not a column constraint, so that an import creating many
// entities can drop it and build it again afterwards, by one sort (Store::saveEntities).
inline constexpr const char* kEntitiesColumnsSql = R"SQL((
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL,                      -- case-folded name, unique: entities_name
    type_id  INTEGER NOT NULL REFERENCES types(id)
);
)SQL";
inline constexpr const char* kCreateEntityNameIndexSql =
    "CREATE UNIQUE INDEX entities_name ON entities(name_key);";
inline constexpr const char* kDropEntityNameIndexSql = "DROP INDEX entities_name;";
inline std::string createEntitiesTableSql(const std::string& name) {
    return "CREATE TABLE " + name + " " + kEntitiesColumnsSql;
}

// The columns of `facts`, after `CREATE TABLE name`. Keyed by fact_key, so that loading twice
// adds nothing (INSERT OR IGNORE) and a fact is one entry of one b-tree. `id` orders facts as
// they were stored (the loader sorts by it; Store assigns it, max + 1).
inline constexpr const char* kFactsColumnsSql = R"SQL((
    fact_key    TEXT PRIMARY KEY,                -- values + identity (fact_codec.h)
    id          INTEGER NOT NULL,                -- the order facts are loaded in
    relation_id INTEGER NOT NULL REFERENCES relations(id),
    valid_from  INTEGER,                         -- first valid day; NULL: unbounded
    valid_to    INTEGER,                         -- first day no longer valid; NULL: unbounded
    source_id   INTEGER REFERENCES sources(id),
    status      TEXT NOT NULL CHECK (status = 'actual' OR status = 'reported' OR
                  status = 'expected' OR status = 'forecast' OR status = 'rumored' OR
                  status = 'view')               -- not IN (...): see kSchemaVersion
) WITHOUT ROWID;
)SQL";
inline std::string createFactsTableSql(const std::string& name) {
    return "CREATE TABLE " + name + " " + kFactsColumnsSql;
}

// The whole schema of a new database.
inline std::string schemaSql() {
    return std::string(kCatalogSchemaSql) + createEntitiesTableSql("entities") +
           kCreateEntityNameIndexSql + createFactsTableSql("facts");
}

// Version 2 -> 3, run in one transaction with foreign keys off (dropping `facts` would
// otherwise cascade into `fact_values`): the three tables with changed CHECKs or layout are
// rebuilt under their names, rows and ids kept. relation_columns keeps its (equivalent) IN check.
inline constexpr const char* kMigrateV2ToV3Sql = R"SQL(
CREATE TABLE facts_v3 (
    id          INTEGER PRIMARY KEY,
    relation_id INTEGER NOT NULL REFERENCES relations(id),
    valid_from  INTEGER,
    valid_to    INTEGER,
    source_id   INTEGER REFERENCES sources(id),
    status      TEXT NOT NULL CHECK (status = 'actual' OR status = 'reported' OR
                  status = 'expected' OR status = 'forecast' OR status = 'rumored' OR
                  status = 'view'),
    fact_key    TEXT NOT NULL UNIQUE
);
INSERT INTO facts_v3 SELECT id, relation_id, valid_from, valid_to, source_id, status, fact_key
    FROM facts;
CREATE TABLE fact_values_v3 (
    fact_id      INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    is_qualifier INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    entity_id    INTEGER REFERENCES entities(id),
    text_value   TEXT,
    num_kind     TEXT CHECK (num_kind = 'exact' OR num_kind = 'approx' OR num_kind = 'greater' OR
                             num_kind = 'less' OR num_kind = 'range'),
    num_lo       REAL,
    num_hi       REAL,
    PRIMARY KEY (fact_id, is_qualifier, position)
) WITHOUT ROWID;
INSERT INTO fact_values_v3 SELECT fact_id, is_qualifier, position, entity_id, text_value,
    num_kind, num_lo, num_hi FROM fact_values;
DROP TABLE fact_values;
DROP TABLE facts;
ALTER TABLE facts_v3 RENAME TO facts;
ALTER TABLE fact_values_v3 RENAME TO fact_values;
CREATE INDEX facts_relation ON facts(relation_id, valid_from, valid_to);
CREATE INDEX facts_source ON facts(source_id);
CREATE INDEX fact_values_entity ON fact_values(entity_id, position) WHERE entity_id IS NOT NULL;
UPDATE meta SET value = '3' WHERE key = 'schema_version';
)SQL";

// Versions 3 to 6 -> 7, in the same transaction (after 2 -> 3 for a version 2 database):
// `facts_new` (kFactsColumnsSql) is created, Store::migrateFacts fills it in id order (the keys
// are encoded in C++, from v3's fact_values or v4 to v6's keys; distinct old keys give
// distinct new keys, and should two ever coincide, the later fact goes, as a second insert
// would have), then kFinishUpgradeSql swaps it in. Also drops what v4 -> v5 dropped
// (entities_type, with the old table) and v3 -> v4 (fact_values), and rebuilds `entities` as
// `entities_new` (kEntitiesColumnsSql) with its name index named (v2 to v6 had a UNIQUE column,
// whose index cannot be dropped); Store::migrate creates the index after the swap.
inline constexpr const char* kFinishUpgradeSql = R"SQL(
DROP TABLE IF EXISTS fact_values;
DROP TABLE facts;
ALTER TABLE facts_new RENAME TO facts;
INSERT INTO entities_new(id, name, name_key, type_id)
    SELECT id, name, name_key, type_id FROM entities;
DROP TABLE entities;
ALTER TABLE entities_new RENAME TO entities;
UPDATE meta SET value = '7' WHERE key = 'schema_version';
)SQL";

// Version 7 -> 8: relations say whether they are timeless or amounts per period. Run first
// for every older version (the later steps read the catalog as this version stores it).
inline constexpr const char* kMigrateRelationsToV8Sql = R"SQL(
ALTER TABLE relations ADD COLUMN timeless INTEGER NOT NULL DEFAULT 0;
ALTER TABLE relations ADD COLUMN per_period INTEGER NOT NULL DEFAULT 0;
)SQL";

// Versions 2 to 7 end at version 9 (keys and judgements), so that their upgrades keep working
// until `chipgraph dump` replaces them; a version 8 database is refused (re-create it).
inline constexpr const char* kMigrateToV9Sql = R"SQL(
ALTER TABLE relations ADD COLUMN key_columns TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS judgements (
    id             INTEGER PRIMARY KEY,
    relation_id    INTEGER NOT NULL REFERENCES relations(id),
    pattern_key    TEXT NOT NULL,
    match_validity INTEGER NOT NULL,
    valid_from     INTEGER,
    valid_to       INTEGER,
    reason         TEXT NOT NULL,
    source_id      INTEGER NOT NULL REFERENCES sources(id)
);
)SQL";

} // namespace chipgraph::store
