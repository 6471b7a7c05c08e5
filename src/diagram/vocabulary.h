#pragma once
// What a graph's `draw` declarations (schema/drawing.h) tell the diagram builder, read once per
// diagram: which relations are drawn when none is named, which one makes owners' boxes, the
// conflict key and role qualifier of each, the generation and event relations that place
// nodes, and each type's look. Nothing here names a relation or type of a particular graph;
// without declarations the defaults are neutral (every relation with two entity columns drawn,
// no owners, no conflicts, every node plain).
#include "diagram/model.h"
#include "schema/catalog.h"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace chipgraph::diagram {

struct RelationDrawing {
    schema::RelationPart part = schema::RelationPart::Edge;
    std::string keyColumn;     // "" for none
    std::string roleQualifier; // "" for none
};

struct Vocabulary {
    // Drawn when a request names no relation, in declaration order (which fixes colours).
    std::vector<std::string> defaultRelations;
    const schema::RelationInfo* owner = nullptr;         // its first column owns its second
    std::vector<const schema::RelationInfo*> successors; // first column after the second
    std::vector<const schema::RelationInfo*> events;     // dated events of the first column
    std::unordered_map<RelationId, RelationDrawing> relations;
    // Relation name -> conflict key column, for those declared with one.
    std::map<std::string, std::string> conflictKeys;
    // Index of the relation's role qualifier, or -1.
    int roleIndex(const schema::RelationInfo& relation) const;
};

Vocabulary readVocabulary(const schema::Catalog& catalog);

// How an entity is drawn: the look of its type's nearest declared ancestor (itself first), and
// the legend's word for it (the declared label, else the declaring type's name in words:
// DesignFirm -> "design firm"); Plain and "other" when no ancestor is declared.
struct NodeDrawing {
    NodeKind kind = NodeKind::Plain;
    std::string label = "other";
};
NodeDrawing nodeDrawingOf(const schema::Catalog& catalog, EntityId entity);

} // namespace chipgraph::diagram
