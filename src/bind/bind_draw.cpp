// `draw type T as LOOK { label: "..." }.` and `draw relation R as PART { key: c, role: q }.`:
// how diagrams draw the graph (schema/drawing.h, docs/diagrams.md). Bound declarations go into
// the catalog at once, so that a diagram later in the same input sees them.
#include "bind/binder_impl.h"

#include "ast/printer.h"
#include "common/text.h"

#include <algorithm>

namespace chipgraph::bind {

namespace {

bool isEntityColumn(const schema::RelationInfo& relation, size_t column) {
    return column < relation.columns.size() &&
           relation.columns[column].kind == schema::ColumnKind::Entity;
}

// The first two entity columns: the ends of an edge.
std::vector<size_t> edgeColumns(const schema::RelationInfo& relation) {
    std::vector<size_t> ends;
    for (size_t c = 0; c < relation.columns.size() && ends.size() < 2; ++c)
        if (isEntityColumn(relation, c)) ends.push_back(c);
    return ends;
}

// What a part needs of a relation's columns; "" when it has it.
std::string missingColumns(const schema::RelationInfo& relation, schema::RelationPart part) {
    using schema::RelationPart;
    switch (part) {
    case RelationPart::Owner:
    case RelationPart::Successor:
        if (isEntityColumn(relation, 0) && isEntityColumn(relation, 1)) return "";
        return "its first two columns must be entities";
    case RelationPart::Edge:
        if (edgeColumns(relation).size() == 2) return "";
        return "an edge needs two entity columns";
    case RelationPart::Event:
        if (isEntityColumn(relation, 0)) return "";
        return "its first column must be an entity";
    }
    return "";
}

std::string optionText(const ast::Qualifier& option) {
    return option.value.kind == ast::Term::Kind::Name ? option.value.name.text : "";
}

} // namespace

void Binder::bindDraw(const ast::DrawDecl& decl, const SourceSpan& span) {
    if (decl.noSubject) {
        const ast::Name& first = decl.names.front();
        bool isType = catalog_.findType(first.text) != nullptr;
        error("say what '" + first.text + "' is: 'draw type' or 'draw relation'", first.span,
              std::string("e.g. draw ") + (isType ? "type " : "relation ") + first.text + " as " +
                  decl.as.text + ".");
        return;
    }
    schema::Drawing out;
    out.text = ast::print(ast::Statement{decl, span});
    bool ok = decl.relations ? bindDrawRelations(decl, out) : bindDrawTypes(decl, out);
    if (!ok) return;
    catalog_.addDrawing(out);
    emit(DeclareDrawing{std::move(out)}, span);
}

bool Binder::bindDrawTypes(const ast::DrawDecl& decl, schema::Drawing& out) {
    out.subject = schema::Drawing::Subject::Type;
    bool ok = true;
    for (const ast::Name& n : decl.names) {
        const schema::TypeInfo* type = catalog_.findType(n.text);
        if (!type) {
            std::string hint = text::didYouMean(n.text, catalog_.typeNames());
            error("unknown type '" + n.text + "'", n.span,
                  hint.empty() ? "declare it first: type " + n.text + "." : hint);
            ok = false;
            continue;
        }
        out.ids.push_back(type->id);
    }
    std::optional<schema::TypeLook> look = schema::typeLookNamed(decl.as.text);
    if (!look) {
        error("unknown look '" + decl.as.text + "' for a type", decl.as.span,
              "one of: " + schema::typeLookWords());
        ok = false;
    }
    out.look = look.value_or(schema::TypeLook::Plain);
    for (const ast::Qualifier& option : decl.options) {
        if (text::foldCase(option.key.text) != "label") {
            error("unknown option '" + option.key.text + "' for a type's drawing", option.key.span,
                  "a type takes { label: \"legend text\" }");
            ok = false;
        } else if (option.value.kind != ast::Term::Kind::Name || !option.value.name.quoted) {
            error("a label is text in double quotes", option.value.span,
                  "e.g. { label: \"AI lab\" }");
            ok = false;
        } else {
            out.label = option.value.name.text;
        }
    }
    return ok;
}

bool Binder::bindDrawRelations(const ast::DrawDecl& decl, schema::Drawing& out) {
    using schema::RelationPart;
    out.subject = schema::Drawing::Subject::Relation;
    std::optional<RelationPart> part = schema::relationPartNamed(decl.as.text);
    if (!part) {
        error("unknown part '" + decl.as.text + "' for a relation", decl.as.span,
              "one of: " + schema::relationPartWords());
        return false;
    }
    out.part = *part;
    bool ok = true;
    std::vector<const schema::RelationInfo*> relations;
    for (const ast::Name& n : decl.names) {
        const schema::RelationInfo* relation = resolveRelation(n);
        if (!relation) {
            ok = false;
            continue;
        }
        if (std::string missing = missingColumns(*relation, *part); !missing.empty()) {
            error("relation '" + relation->name + "' cannot be drawn as " + decl.as.text + ": " +
                      missing,
                  n.span);
            ok = false;
            continue;
        }
        relations.push_back(relation);
        out.ids.push_back(relation->id);
    }
    if (*part == RelationPart::Owner && ok) ok = checkOneOwner(decl, relations);
    for (const ast::Qualifier& option : decl.options)
        ok = bindDrawOption(option, *part, relations, out) && ok;
    return ok;
}

// A graph has one ownership relation: the boxes would otherwise nest and overlap.
bool Binder::checkOneOwner(const ast::DrawDecl& decl,
                           const std::vector<const schema::RelationInfo*>& relations) {
    if (relations.size() > 1) {
        error("one relation is drawn as owner", decl.names[1].span,
              "declare the others as edges: draw relation " + relations[1]->name + " as edge.");
        return false;
    }
    for (const schema::Drawing& d : catalog_.drawings()) {
        if (d.subject != schema::Drawing::Subject::Relation ||
            d.part != schema::RelationPart::Owner || d.ids.front() == relations[0]->id)
            continue;
        error("'" + catalog_.relation(d.ids.front()).name + "' is already drawn as owner",
              decl.names[0].span, "a graph has one owner relation");
        return false;
    }
    return true;
}

bool Binder::bindDrawOption(const ast::Qualifier& option, schema::RelationPart part,
                            const std::vector<const schema::RelationInfo*>& relations,
                            schema::Drawing& out) {
    std::string key = text::foldCase(option.key.text);
    bool edgeLike = part == schema::RelationPart::Owner || part == schema::RelationPart::Edge;
    if ((key != "key" && key != "role") || !edgeLike) {
        error("unknown option '" + option.key.text + "' for a relation drawn as " +
                  schema::relationPartName(part),
              option.key.span,
              edgeLike ? "the options are { key: COLUMN, role: QUALIFIER }"
                       : "only owner and edge relations take options");
        return false;
    }
    std::string value = optionText(option);
    for (const schema::RelationInfo* relation : relations) {
        if (key == "key") {
            std::vector<size_t> ends = edgeColumns(*relation);
            auto named = std::find_if(ends.begin(), ends.end(), [&](size_t c) {
                return text::foldCase(relation->columns[c].name) == text::foldCase(value);
            });
            if (named != ends.end()) continue;
            error("conflict key '" + value + "' is not one of the two entity columns of '" +
                      relation->name + "'",
                  option.value.span,
                  "one of: " + relation->columns[ends[0]].name + ", " +
                      relation->columns[ends[1]].name);
            return false;
        }
        int q = relation->qualifierIndex(value);
        if (q >= 0 && relation->qualifiers[q].kind == schema::ColumnKind::Text) continue;
        std::vector<std::string> names;
        for (const schema::Column& c : relation->qualifiers)
            if (c.kind == schema::ColumnKind::Text) names.push_back(c.name);
        std::string hint = text::didYouMean(value, names);
        error("'" + relation->name + "' has no text qualifier '" + value + "' to show as the role",
              option.value.span, hint);
        return false;
    }
    (key == "key" ? out.keyColumn : out.roleQualifier) = value;
    return true;
}

} // namespace chipgraph::bind
