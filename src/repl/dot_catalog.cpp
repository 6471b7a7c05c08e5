// Dot-commands that list the catalog. Listings of names print as tables in the current
// `.mode`, so `.mode csv` then `.entities` gives CSV; the schema prints as source text.
#include "common/text.h"
#include "repl/dot_commands.h"
#include "repl/session.h"

#include <algorithm>

namespace chipgraph::repl {

namespace {

std::string columnText(const schema::Catalog& catalog, const schema::Column& column) {
    switch (column.kind) {
    case schema::ColumnKind::Text:
        return column.name + ": text";
    case schema::ColumnKind::Number:
        return column.name + ": number";
    case schema::ColumnKind::Entity:
        for (const schema::TypeInfo* type : catalog.types()) // never throws on an unknown id
            if (type->id == column.type) return column.name + ": " + type->name;
        break;
    case schema::ColumnKind::Unknown:
        break;
    }
    return column.name;
}

std::string columnList(const schema::Catalog& catalog, const std::vector<schema::Column>& columns) {
    std::string out;
    for (size_t i = 0; i < columns.size(); ++i)
        out += (i ? ", " : "") + columnText(catalog, columns[i]);
    return out;
}

// A relation as it is declared: `relation designs(firm: DesignFirm, chip: Chip) { role: text }.`
std::string relationText(const schema::Catalog& catalog, const schema::RelationInfo& relation) {
    std::string out =
        "relation " + relation.name + "(" + columnList(catalog, relation.columns) + ")";
    if (!relation.qualifiers.empty())
        out += " { " + columnList(catalog, relation.qualifiers) + " }";
    return out + ".\n";
}

std::string typeText(const schema::Catalog& catalog, const schema::TypeInfo& type) {
    std::string out = "type " + text::quoteNameIfNeeded(type.name);
    if (type.parent != kNoId)
        out += " <: " + text::quoteNameIfNeeded(catalog.type(type.parent).name);
    return out + ".\n";
}

// The rules that define `relation` (every rule for kNoId): a derived relation's declaration.
std::string rulesOf(const schema::Catalog& catalog, RelationId relation) {
    std::string out;
    for (const schema::RuleInfo& rule : catalog.rules())
        if (relation == kNoId || rule.relation == relation) out += rule.text + "\n";
    return out;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
        out += (i ? ", " : "") + items[i];
    return out;
}

DotError unknown(const std::string& what, const std::string& name,
                 const std::vector<std::string>& known) {
    std::string hint = text::didYouMean(name, known);
    return DotError{"unknown " + what + " '" + name + "'" + (hint.empty() ? "" : "; " + hint), 0};
}

} // namespace

DotResult dotSchema(Session& session, const DotCall& call) {
    const schema::Catalog& catalog = session.engine().catalog();
    if (!call.args.empty()) {
        const std::string& name = call.args[0].text;
        if (const schema::RelationInfo* relation = catalog.findRelation(name)) {
            session.print(relation->derived ? rulesOf(catalog, relation->id)
                                            : relationText(catalog, *relation));
            return {};
        }
        return unknown("relation", name, catalog.relationNames());
    }
    std::string out;
    for (const schema::TypeInfo* type : catalog.types())
        out += typeText(catalog, *type);
    for (const schema::RelationInfo* relation : catalog.relations())
        if (!relation->derived) out += relationText(catalog, *relation);
    out += rulesOf(catalog, kNoId);
    session.print(out);
    return {};
}

DotResult dotEntities(Session& session, const DotCall& call) {
    const schema::Catalog& catalog = session.engine().catalog();
    std::vector<const schema::EntityInfo*> entities;
    if (call.args.empty()) {
        entities = catalog.entities();
        std::sort(entities.begin(), entities.end(),
                  [](const auto* a, const auto* b) { return a->name < b->name; });
    } else {
        const schema::TypeInfo* type = catalog.findType(call.args[0].text);
        if (!type) return unknown("type", call.args[0].text, catalog.typeNames());
        for (EntityId id : catalog.entitiesOfType(type->id))
            entities.push_back(&catalog.entity(id));
    }
    Table table{{"entity", "type", "aliases"}, {}};
    for (const schema::EntityInfo* e : entities)
        table.rows.push_back({Cell::ofText(e->name), Cell::ofText(catalog.type(e->type).name),
                              Cell::ofText(joined(e->aliases))});
    session.printTable(table);
    return {};
}

DotResult dotAliases(Session& session, const DotCall& call) {
    const schema::Catalog& catalog = session.engine().catalog();
    const schema::EntityInfo* entity = catalog.findEntity(call.args[0].text);
    if (!entity) return unknown("entity", call.args[0].text, catalog.entityNamesAndAliases());
    // Each alias with its dates (docs/time.md, "Names over time"): when it names the entity
    // and the source that introduced it; empty when it has none.
    Table table{{"entity", "alias", "valid", "per"}, {}};
    for (size_t i = 0; i < entity->aliases.size(); ++i) {
        const schema::NameTerms& terms = entity->aliasTerms[i];
        std::string valid = terms.valid.isAlways() ? "" : formatInterval(terms.valid);
        std::string per = terms.source == kNoId ? "" : catalog.source(terms.source).name;
        table.rows.push_back({Cell::ofText(entity->name), Cell::ofText(entity->aliases[i]),
                              valid.empty() ? Cell::null() : Cell::ofText(valid),
                              per.empty() ? Cell::null() : Cell::ofText(per)});
    }
    session.printTable(table);
    return {};
}

DotResult dotSources(Session& session, const DotCall&) {
    const schema::Catalog& catalog = session.engine().catalog();
    Table table{{"source", "published", "title", "author", "url"}, {}};
    for (const schema::SourceInfo* s : catalog.sources())
        table.rows.push_back({Cell::ofText(s->name),
                              s->published ? Cell::ofText(s->published->toString()) : Cell::null(),
                              Cell::ofText(s->title), Cell::ofText(s->author),
                              Cell::ofText(s->url)});
    session.printTable(table);
    return {};
}

std::string describeRules(const engine::Engine& engine) {
    const std::vector<schema::RuleInfo>& rules = engine.catalog().rules();
    if (rules.empty()) return "no rules\n";
    std::string out;
    for (const schema::RuleInfo& rule : rules)
        out += rule.text + "\n";
    return out;
}

DotResult dotRules(Session& session, const DotCall&) {
    session.print(describeRules(session.engine()));
    return {};
}

} // namespace chipgraph::repl
