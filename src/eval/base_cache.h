#pragma once
// Base relations as rule evaluation reads them — interned, filtered by a query's window and
// `known at`, with their lookup indexes — kept between the queries of a session. Loading a
// 100 000-fact relation costs far more than a demand-driven query that walks a few hundred of
// its rows, and most sessions ask many questions of unchanged facts. An entry is used only
// while its relation's facts are unchanged (RelationFacts::version).
#include "eval/claim_filter.h"
#include "eval/interner.h"
#include "eval/tuple_table.h"

#include <map>
#include <memory>
#include <optional>

namespace chipgraph::eval {

struct BaseFilter {
    std::optional<Interval> window;
    std::optional<DayNumber> knownAt;
    bool provenance = true;
    auto operator<=>(const BaseFilter&) const = default;
};

class BaseTableCache {
public:
    // Every cached table's values are ids in this interner; rule evaluation interns into it.
    Interner& interner() { return interner_; }

    // A loaded table and the claims its filter left out that a reader must be told of.
    struct Loaded {
        const TupleTable* table = nullptr;
        LeftOutCounts leftOut;
    };
    // The table loaded for (relation, filter) from the facts at `version` (null when none).
    Loaded find(RelationId relation, const BaseFilter& filter, uint64_t version) const;
    Loaded keep(RelationId relation, const BaseFilter& filter, uint64_t version,
                std::unique_ptr<TupleTable> table, const LeftOutCounts& leftOut);

    // A digest of the facts a filter lets through (the answer fingerprint's share of one
    // relation, engine/fingerprint.h), kept the same way: used while the facts are unchanged
    // (names of entities and sources, which it also hashes, never change once made).
    struct Digest {
        uint64_t sum = 0, count = 0;
    };
    std::optional<Digest> digest(RelationId relation, const BaseFilter& filter,
                                 uint64_t version) const;
    void keepDigest(RelationId relation, const BaseFilter& filter, uint64_t version,
                    const Digest& digest);

    // Called before an evaluation starts (never during one: tables and ids must stay put):
    // drops everything once the cache has grown past its budget.
    void trim();

private:
    struct Key {
        RelationId relation;
        BaseFilter filter;
        auto operator<=>(const Key&) const = default;
    };
    struct Entry {
        uint64_t version;
        std::unique_ptr<TupleTable> table;
        LeftOutCounts leftOut;
    };
    Interner interner_;
    std::map<Key, Entry> tables_;
    std::map<Key, std::pair<uint64_t, Digest>> digests_; // by key: version and digest
};

} // namespace chipgraph::eval
