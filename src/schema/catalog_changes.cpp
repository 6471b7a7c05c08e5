// Tentative changes to the catalog: an undo log instead of a copy, so that binding a unit of
// input costs what the unit adds, not what the catalog holds.
#include "schema/catalog.h"

#include <algorithm>
#include <atomic>

namespace chipgraph::schema {

void Catalog::beginChanges() {
    changes_.clear();
    logging_ = true;
    int64_t next[6] = {nextTypeId_,   nextRelationId_, nextEntityId_,
                       nextSourceId_, nextRuleId_,     nextJudgementId_};
    std::copy(next, next + 6, savedNext_);
}

void Catalog::commitChanges() {
    changes_.clear();
    logging_ = false;
}

void Catalog::rollbackChanges() {
    changed();
    for (auto it = changes_.rbegin(); it != changes_.rend(); ++it)
        undo(*it);
    changes_.clear();
    logging_ = false;
    nextTypeId_ = savedNext_[0];
    nextRelationId_ = savedNext_[1];
    nextEntityId_ = savedNext_[2];
    nextSourceId_ = savedNext_[3];
    nextRuleId_ = savedNext_[4];
    nextJudgementId_ = savedNext_[5];
}

uint64_t Catalog::nextGeneration() {
    static std::atomic<uint64_t> counter{0};
    return ++counter;
}

// Every mutation passes here, logged or not.
void Catalog::log(Change::Kind kind, int64_t id, std::string nameKey, const NameIndex& byName) {
    changed();
    if (!logging_) return;
    int64_t replaced = byName.find(nameKey);
    changes_.push_back({kind, id, std::move(nameKey), replaced});
}

// Puts a name-map entry back as it was before the change.
static void restoreName(NameIndex& byName, const std::string& key, int64_t replaced) {
    if (replaced == kNoId)
        byName.erase(key);
    else
        byName.set(key, replaced);
}

void Catalog::undo(const Change& c) {
    switch (c.kind) {
    case Change::Kind::Type:
        types_.erase(c.id);
        restoreName(typeByName_, c.nameKey, c.replaced);
        break;
    case Change::Kind::Relation:
        relations_.erase(c.id);
        restoreName(relationByName_, c.nameKey, c.replaced);
        break;
    case Change::Kind::Entity:
        entities_.erase(c.id);
        restoreName(entityByName_, c.nameKey, c.replaced);
        break;
    case Change::Kind::Alias:
        entities_.at(c.id).aliases.pop_back();
        entities_.at(c.id).aliasTerms.pop_back();
        restoreName(entityByName_, c.nameKey, c.replaced);
        break;
    case Change::Kind::Source:
        sources_.erase(c.id);
        restoreName(sourceByName_, c.nameKey, c.replaced);
        break;
    case Change::Kind::Rule:
        rules_.pop_back();
        break;
    case Change::Kind::Judgement:
        judgements_.pop_back();
        break;
    case Change::Kind::Drawing:
        drawings_.pop_back();
        break;
    }
}

} // namespace chipgraph::schema
