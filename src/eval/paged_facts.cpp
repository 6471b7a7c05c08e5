#include "eval/paged_facts.h"

#include "eval/fact_base.h"

#include <algorithm>

namespace chipgraph::eval {

void PagedFacts::describe(RelationId relation, Served served) {
    std::lock_guard<std::mutex> lock(mutex_);
    relations_[relation].served = std::move(served);
}

const PagedFacts::Served* PagedFacts::described(RelationId relation) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = relations_.find(relation);
    return it == relations_.end() || !it->second.served ? nullptr : &*it->second.served;
}

bool PagedFacts::servesLookup(RelationId relation, int position) const {
    const Served* served = described(relation);
    return served && std::find(served->positions.begin(), served->positions.end(), position) !=
                         served->positions.end();
}

size_t PagedFacts::size(RelationId relation) const {
    const Served* served = described(relation);
    return served ? served->facts : 0;
}

size_t PagedFacts::factsRead(RelationId relation) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = relations_.find(relation);
    return it == relations_.end() ? 0 : it->second.factsRead;
}

const std::vector<const schema::Fact*>& PagedFacts::lookup(RelationId relation, int position,
                                                           const Value& value) const {
    static const std::vector<const schema::Fact*> kNone;
    std::lock_guard<std::mutex> lock(mutex_);
    Relation& r = relations_[relation];
    auto& read = r.read[position];
    if (auto found = read.find(value); found != read.end()) return found->second;
    std::vector<schema::Fact> facts;
    if (Status s = load_(relation, position, value, facts); !s) {
        if (error_.isOk()) error_ = s;
        return kNone;
    }
    std::vector<const schema::Fact*> out;
    out.reserve(facts.size());
    for (schema::Fact& fact : facts)
        out.push_back(keep(std::move(fact)));
    r.factsRead += out.size();
    factsRead_ += out.size();
    ++r.reads;
    if (r.served && (r.reads * 64 > r.served->facts || r.factsRead * 16 > r.served->facts))
        r.whole = true;
    return read.emplace(value, std::move(out)).first->second;
}

const schema::Fact* PagedFacts::keep(schema::Fact fact) const {
    size_t hash = identityHash(fact);
    auto [first, last] = keptByHash_.equal_range(hash);
    for (auto it = first; it != last; ++it)
        if (sameIdentity(*it->second, fact)) return it->second;
    const schema::Fact* kept = &kept_.emplace_back(std::move(fact));
    keptByHash_.emplace(hash, kept);
    return kept;
}

bool PagedFacts::readWhole(RelationId relation) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = relations_.find(relation);
    return it != relations_.end() && it->second.whole;
}

Status PagedFacts::takeError() {
    std::lock_guard<std::mutex> lock(mutex_);
    Status error = error_;
    error_ = Status::ok();
    return error;
}

void PagedFacts::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    relations_.clear();
    keptByHash_.clear();
    kept_.clear();
    factsRead_ = 0;
}

} // namespace chipgraph::eval
