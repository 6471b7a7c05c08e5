#pragma once
// Internal to query evaluation: the answers a join produces (query_eval.cpp) and the display
// table built from them (query_table.cpp). Stored flat — every answer's values in one pool,
// each distinct set of sources once — so a query with 100 000 answers does not allocate per
// answer.
#include "bind/bound.h"
#include "eval/query_eval.h"
#include "schema/catalog.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <vector>

namespace chipgraph::eval {

// Distinct sorted sets of source ids, each stored once (answers share a handful); 0 is the
// empty set.
class SourceSets {
public:
    SourceSets() : sets_(1) { ids_.emplace(std::vector<SourceId>{}, 0); }
    // The id of `ids` (sorted, unique).
    uint32_t intern(const std::vector<SourceId>& ids) {
        if (sets_[last_] == ids) return last_; // answers in a row mostly share their sources
        auto [it, fresh] = ids_.try_emplace(ids, static_cast<uint32_t>(sets_.size()));
        if (fresh) sets_.push_back(ids);
        return last_ = it->second;
    }
    // The id of the union of set `id` and `more` (sorted, unique).
    uint32_t unite(uint32_t id, const std::vector<SourceId>& more) {
        const std::vector<SourceId>& set = sets_[id];
        if (std::includes(set.begin(), set.end(), more.begin(), more.end())) return id;
        std::vector<SourceId> both;
        std::set_union(set.begin(), set.end(), more.begin(), more.end(), std::back_inserter(both));
        return intern(both);
    }
    const std::vector<SourceId>& at(uint32_t id) const { return sets_[id]; }
    size_t size() const { return sets_.size(); }

private:
    std::vector<std::vector<SourceId>> sets_;
    std::map<std::vector<SourceId>, uint32_t> ids_;
    uint32_t last_ = 0; // the set interned last
};

// One answer: its variables' values, when and how strongly it holds, and its provenance.
// Derivations that agree on values, validity and status merge into one answer.
struct Answer {
    size_t hash;      // of the values, validity and status
    uint32_t values;  // offset of the first value in Answers::values
    uint32_t sources; // in Answers::sources
    // Offset of its first per-atom source set (ids in Answers::sources, one per positive atom,
    // in the query's atom order) in Answers::atomSources; unused for a one-atom query.
    uint32_t atomSources;
    Interval valid;
    schema::FactStatus status;
    // When the answer was first known: the earliest derivation's latest report date.
    std::optional<PartialDate> reported;
};

struct Answers {
    size_t width = 0;          // values per answer: one per query variable
    std::vector<Value> values; // the answers' values, `width` each
    std::vector<Answer> answers;
    SourceSets sources;
    // The sources behind each positive atom, per answer (`atoms` each; `--provenance full`),
    // kept only when the query has several atoms: with one, they are the answer's sources.
    size_t atoms = 0;
    std::vector<uint32_t> atomSources;

    const Value* valuesOf(const Answer& a) const { return values.data() + a.values; }
    // The source set of atom `atom` of answer `a`.
    uint32_t atomSourcesOf(const Answer& a, size_t atom) const {
        return atoms > 1 ? atomSources[a.atomSources + atom] : a.sources;
    }
};

// Sorts the answers (requested keys, then every column, so the order is total), applies the
// limit and builds the display table and, when `withBindings`, row for row the variables'
// values.
QueryAnswers tabulate(const bind::BoundQuery& query, Answers answers,
                      const schema::Catalog& catalog, bool withBindings);

} // namespace chipgraph::eval
