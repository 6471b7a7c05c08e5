#pragma once
// How diagrams draw a graph, declared in the language (docs/diagrams.md, "How a graph is
// drawn"): `draw type Vendor as owner.` gives a type's nodes a look; `draw relation develops as
// owner { key: chip }.` says what a relation's facts are in a diagram. The diagram layer reads
// these; nothing here knows a particular graph. Without declarations diagrams use neutral
// defaults (every node plain, every relation with two entity columns drawn, no owner boxes).
#include <cstdint>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::schema {

// A node's look, in the legend's order: the words of `draw type T as LOOK`.
enum class TypeLook {
    Owner,
    Product,
    Partner,
    Plant,
    Process,
    Supplier,
    Customer,
    Organization,
    Plain
};

// What a relation's facts are in a diagram: the words of `draw relation R as PART`.
// - Owner: the owner's box around what it owns (first entity column owns the second); drawn
//   when a diagram names no relation. One relation per graph.
// - Edge: arrows, drawn when a diagram names no relation (in declaration order, which also
//   fixes their colours).
// - Successor: generation order for placing nodes (the first column comes after the second).
// - Event: a dated event of its first column's entity, for placing nodes and tooltips.
enum class RelationPart { Owner, Edge, Successor, Event };

struct Drawing {
    enum class Subject { Type, Relation } subject = Subject::Type;
    std::vector<int64_t> ids; // TypeIds or RelationIds, as written
    TypeLook look = TypeLook::Plain;
    RelationPart part = RelationPart::Edge;
    std::string label;         // types: the legend's word ("" makes it from the type's name)
    std::string keyColumn;     // relations: the entity column keying conflicts ("" for none)
    std::string roleQualifier; // relations: the qualifier shown and compared as the role
    std::string text;          // canonical text: stored, dumped and bound again on open
};

// Names of looks and parts as written; nullopt for an unknown word.
std::optional<TypeLook> typeLookNamed(std::string_view word);
std::optional<RelationPart> relationPartNamed(std::string_view word);
const char* typeLookName(TypeLook look);
const char* relationPartName(RelationPart part);
// Every word, for hints: "owner, product, ...".
std::string typeLookWords();
std::string relationPartWords();

} // namespace chipgraph::schema
