#include "eval/fact_base.h"

#include <algorithm>

namespace chipgraph::eval {

const std::vector<uint32_t>& RelationFacts::lookup(int position, const Value& value) const {
    static const std::vector<uint32_t> kNone;
    auto [it, created] = indexes_.try_emplace(position);
    PositionIndex& index = it->second;
    if (created)
        for (uint32_t i = 0; i < facts_.size(); ++i)
            index[facts_[i].args[position]].push_back(i);
    auto found = index.find(value);
    return found == index.end() ? kNone : found->second;
}

bool FactBase::add(schema::Fact fact) {
    RelationFacts& r = relations_[fact.relation];
    if (!r.keys_.insert(fact.key()).second) return false;
    r.facts_.push_back(std::move(fact));
    r.indexes_.clear();
    return true;
}

bool FactBase::remove(const schema::Fact& fact) {
    auto it = relations_.find(fact.relation);
    if (it == relations_.end()) return false;
    RelationFacts& r = it->second;
    std::string key = fact.key();
    if (!r.keys_.erase(key)) return false;
    r.facts_.erase(std::find_if(r.facts_.begin(), r.facts_.end(),
                                [&](const schema::Fact& f) { return f.key() == key; }));
    r.indexes_.clear();
    return true;
}

const RelationFacts& FactBase::relation(RelationId id) const {
    auto it = relations_.find(id);
    return it == relations_.end() ? empty_ : it->second;
}

size_t FactBase::totalSize() const {
    size_t n = 0;
    for (const auto& [id, r] : relations_)
        n += r.size();
    return n;
}

} // namespace chipgraph::eval
