#pragma once
// Internal to query evaluation: what `per`, `status` and `reported` ask of a fact
// (bind::ProvenanceFilter), and the values they bind — a source's name and its report date,
// as text, made once per source so that bindings can point at them while the query runs.
#include "bind/bound.h"
#include "eval/query_rows.h"
#include "schema/catalog.h"

#include <algorithm>
#include <unordered_map>

namespace chipgraph::eval {

class ProvenanceValues {
public:
    explicit ProvenanceValues(const schema::Catalog& catalog) : catalog_(catalog) {}

    // The source's name as a text value.
    const Value& name(SourceId id) {
        auto [it, fresh] = names_.try_emplace(id);
        if (fresh) it->second = Value::text(catalog_.source(id).name);
        return it->second;
    }
    // The source's publication date as a text value ("2025-12-08", "2026"); null if undated.
    const Value* reportDate(SourceId id) {
        const auto& published = catalog_.source(id).published;
        if (!published) return nullptr;
        auto [it, fresh] = dates_.try_emplace(id);
        if (fresh) it->second = Value::text(published->toString());
        return &it->second;
    }

    // Whether the premise was stated by `source` (a derived row: whether it is among its
    // sources).
    static bool from(const Premise& premise, SourceId source) {
        if (premise.source == source) return true;
        return premise.sources &&
               std::binary_search(premise.sources->begin(), premise.sources->end(), source);
    }

    // Whether the source's report period satisfies every bound for each of its days: `R < D`
    // ends before D starts, `R <= D` ends by D's end, `R > D` starts after D ends, `R >= D`
    // starts on or after D's start, `R = D` lies within D, `R != D` lies outside it.
    bool withinBounds(SourceId id,
                      const std::vector<std::pair<bind::CompareOp, PartialDate>>& bounds) const {
        if (bounds.empty()) return true;
        const auto& published = catalog_.source(id).published;
        if (!published) return false;
        DayNumber first = published->firstDay(), last = published->lastDay();
        for (const auto& [op, date] : bounds) {
            DayNumber from = date.firstDay(), to = date.lastDay();
            bool holds = false;
            switch (op) {
            case bind::CompareOp::Lt:
                holds = last < from;
                break;
            case bind::CompareOp::Le:
                holds = last <= to;
                break;
            case bind::CompareOp::Gt:
                holds = first > to;
                break;
            case bind::CompareOp::Ge:
                holds = first >= from;
                break;
            case bind::CompareOp::Eq:
                holds = first >= from && last <= to;
                break;
            case bind::CompareOp::Ne:
                holds = last < from || first > to;
                break;
            }
            if (!holds) return false;
        }
        return true;
    }

private:
    const schema::Catalog& catalog_;
    // Node-based: a binding points at a value while the query runs.
    std::unordered_map<SourceId, Value> names_, dates_;
};

} // namespace chipgraph::eval
