#include "diagram/vocabulary.h"

#include <algorithm>
#include <cctype>

namespace chipgraph::diagram {

namespace {

bool twoEntityColumns(const schema::RelationInfo& relation) {
    return std::count_if(
               relation.columns.begin(), relation.columns.end(),
               [](const schema::Column& c) { return c.kind == schema::ColumnKind::Entity; }) >= 2;
}

// "DesignFirm" -> "design firm".
std::string typeNameInWords(const std::string& name) {
    std::string words;
    for (size_t i = 0; i < name.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(name[i]);
        if (std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1])))
            words += ' ';
        words += static_cast<char>(std::tolower(c));
    }
    return words;
}

} // namespace

Vocabulary readVocabulary(const schema::Catalog& catalog) {
    Vocabulary v;
    std::vector<RelationId> order; // first declaration first; a later one replaces the values
    bool anyRelation = false;
    for (const schema::Drawing& d : catalog.drawings()) {
        if (d.subject != schema::Drawing::Subject::Relation) continue;
        anyRelation = true;
        for (int64_t id : d.ids) {
            if (!catalog.hasRelation(id)) continue;
            if (!v.relations.count(id)) order.push_back(id);
            v.relations[id] = {d.part, d.keyColumn, d.roleQualifier};
        }
    }
    for (RelationId id : order) {
        const schema::RelationInfo& relation = catalog.relation(id);
        if (!v.relations[id].keyColumn.empty())
            v.conflictKeys[relation.name] = v.relations[id].keyColumn;
        switch (v.relations[id].part) {
        case schema::RelationPart::Owner:
            v.owner = &relation;
            v.defaultRelations.push_back(relation.name);
            break;
        case schema::RelationPart::Edge:
            v.defaultRelations.push_back(relation.name);
            break;
        case schema::RelationPart::Successor:
            v.successors.push_back(&relation);
            break;
        case schema::RelationPart::Event:
            v.events.push_back(&relation);
            break;
        }
    }
    if (!anyRelation)
        for (const schema::RelationInfo* relation : catalog.relations())
            if (twoEntityColumns(*relation)) v.defaultRelations.push_back(relation->name);
    return v;
}

int Vocabulary::roleIndex(const schema::RelationInfo& relation) const {
    auto it = relations.find(relation.id);
    if (it == relations.end() || it->second.roleQualifier.empty()) return -1;
    return relation.qualifierIndex(it->second.roleQualifier);
}

NodeDrawing nodeDrawingOf(const schema::Catalog& catalog, EntityId entity) {
    const std::vector<schema::Drawing>& drawings = catalog.drawings();
    for (TypeId type = catalog.entity(entity).type; type != kNoId && catalog.hasType(type);
         type = catalog.type(type).parent) {
        // The last declaration naming the type wins.
        for (auto d = drawings.rbegin(); d != drawings.rend(); ++d) {
            if (d->subject != schema::Drawing::Subject::Type ||
                std::find(d->ids.begin(), d->ids.end(), type) == d->ids.end())
                continue;
            return {d->look,
                    d->label.empty() ? typeNameInWords(catalog.type(type).name) : d->label};
        }
    }
    return {};
}

} // namespace chipgraph::diagram
