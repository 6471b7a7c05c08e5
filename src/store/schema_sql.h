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
// is a named one (droppable for a bulk import). 8: relations say whether they are timeless or
// amounts per period. 9: the log (kLogSchemaSql): every writing unit is an entry, and retracted
// facts are kept in `retracted`; relation keys (`key_columns`) and judgements (`deprecate`). A
// database of another version is refused: its upgrade path is `chipgraph dump` with the version
// that made it, then `chipgraph load` (docs/storage.md). 10: names over time (`name_terms`:
// when a name or alias names its entity, and the source that introduced it). 11: on-disk
// indexes for point lookups (`fact_index`, `fact_index_state`: kFactIndexSchemaSql), so that a
// question that looks a few facts up reads those rather than whole relations.
constexpr int kSchemaVersion = 11;

// Everything but `entities` and `facts` (kEntitiesTableSql, kFactsTableSql); schemaSql() is
// the whole.
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
CREATE TABLE name_terms (                        -- a name's own dates (docs/time.md)
    name_key   TEXT PRIMARY KEY,                 -- case-folded entity name or alias
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    valid_from INTEGER NOT NULL,                 -- days since 1970-01-01; the interval's
    valid_to   INTEGER NOT NULL,                 -- end is exclusive (as facts' validity)
    source_id  INTEGER REFERENCES sources(id)    -- the source that introduced the name
);
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

// The log (docs/time.md, "The log"): one entry per unit of input that changed the database,
// never updated once committed. An entry added the facts whose ids run from its `first_fact`
// to the next entry's, and the rules likewise from `first_rule`; the facts it retracted
// moved, whole, from `facts` to `retracted`, which names it.
inline constexpr const char* kLogSchemaSql = R"SQL(
CREATE TABLE log (
    id         INTEGER PRIMARY KEY,              -- the order of entries
    at         TEXT NOT NULL,                    -- UTC, ISO 8601: 2026-11-01T09:30:00Z
    author     TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action = 'load' OR action = 'import' OR
                                    action = 'retract'),
    what       TEXT NOT NULL,                    -- the files or the input it came from
    first_fact INTEGER NOT NULL,                 -- the first fact id it could take
    first_rule INTEGER NOT NULL                  -- the first rule id it could take
);
CREATE TABLE retracted (
    fact_key     TEXT NOT NULL,                  -- as in `facts`
    id           INTEGER PRIMARY KEY,            -- the fact's id while it was in `facts`
    relation_id  INTEGER NOT NULL REFERENCES relations(id),
    valid_from   INTEGER,
    valid_to     INTEGER,
    source_id    INTEGER REFERENCES sources(id),
    status       TEXT NOT NULL,
    retracted_by INTEGER NOT NULL REFERENCES log(id)
);
CREATE TABLE watches (
    name_key   TEXT PRIMARY KEY,                 -- case-folded name
    name       TEXT NOT NULL,
    query      TEXT NOT NULL,                    -- the question as written
    answer     TEXT NOT NULL,                    -- its rows at the last check, one per line
    checked_at TEXT NOT NULL                     -- UTC, ISO 8601
);
)SQL";

// The table `entities`. Names are unique through the named index kCreateEntityNameIndexSql,
// not a column constraint, so that an import creating many entities can drop it and build it
// again afterwards, by one sort (Store::saveEntities).
inline constexpr const char* kEntitiesTableSql = R"SQL(CREATE TABLE entities (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL,                      -- case-folded name, unique: entities_name
    type_id  INTEGER NOT NULL REFERENCES types(id)
);
)SQL";
inline constexpr const char* kCreateEntityNameIndexSql =
    "CREATE UNIQUE INDEX entities_name ON entities(name_key);";
inline constexpr const char* kDropEntityNameIndexSql = "DROP INDEX entities_name;";

// The table `facts`. Keyed by fact_key, so that loading twice adds nothing (INSERT OR IGNORE)
// and a fact is one entry of one b-tree. `id` orders facts as they were stored (the loader
// sorts by it; Store assigns it, max + 1).
inline constexpr const char* kFactsTableSql = R"SQL(CREATE TABLE facts (
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

// Point lookups on disk (fact_index.cpp; docs/storage.md, "Indexes"). A relation's facts are one
// stretch of `facts` in the order of their first argument; for another argument position,
// `fact_index` holds sorted runs of entries (that argument's bytes, then the first argument's,
// both as in fact_key) in chunks, each row keyed by its first entry. `fact_index_state` says
// which are current: position 0's row holds the relation's fact count, and every write of the
// relation's facts removes its rows (and its chunks) until the commit builds them again.
inline constexpr const char* kFactIndexSchemaSql = R"SQL(
CREATE TABLE fact_index (
    relation_id INTEGER NOT NULL,
    position    INTEGER NOT NULL,                -- the argument position (1 or more)
    first_entry TEXT NOT NULL,                   -- the chunk's first entry
    entries     BLOB NOT NULL,                   -- entries, each after its length (a varint)
    PRIMARY KEY (relation_id, position, first_entry)
) WITHOUT ROWID;
CREATE TABLE fact_index_state (
    relation_id INTEGER NOT NULL,
    position    INTEGER NOT NULL,                -- 0: the relation (facts in key order)
    facts       INTEGER NOT NULL,                -- the relation's fact count when built
    PRIMARY KEY (relation_id, position)
) WITHOUT ROWID;
)SQL";

// The whole schema of a new database.
inline std::string schemaSql() {
    return std::string(kCatalogSchemaSql) + kEntitiesTableSql + kCreateEntityNameIndexSql +
           kFactsTableSql + kLogSchemaSql + kFactIndexSchemaSql;
}

} // namespace chipgraph::store
