#include "export/kg_dump.h"

#include "common/text.h"

#include <algorithm>
#include <map>

namespace chipgraph::exporter {

namespace {

// The words the grammar reserves somewhere (grammar/ChipGraph.g4): a relation of that name is
// written in prefix form, where the word cannot be read as a keyword.
bool isKeyword(std::string_view word) {
    static const char* const kKeywords[] = {
        "type",    "timeless", "period",   "rule",   "not",      "why",   "explain", "import",
        "diagram", "chain",    "within",   "where",  "diff",     "to",    "layout",  "with",
        "legend",  "create",   "relation", "entity", "source",   "aka",   "by",      "published",
        "url",     "retract",  "per",      "status", "reported", "in",    "during",  "from",
        "until",   "as",       "of",       "known",  "at",       "order", "limit",   "asc",
        "desc",    "who",      "what",     "which",  "does",     "do",    "draw"};
    return std::any_of(std::begin(kKeywords), std::end(kKeywords),
                       [&](const char* keyword) { return word == keyword; });
}

bool isLowercaseWord(std::string_view word) {
    return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Whether the lexer reads `name` as one IDENT: [a-zA-Z_] or a code point up to U+FFFE first,
// then those or digits. (A lead byte from 0xF0 on starts a code point beyond U+FFFF.)
bool lexesAsIdentifier(std::string_view name) {
    if (name.empty() || name == "_" || (name[0] >= '0' && name[0] <= '9')) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return (byte >= 0x80 && byte < 0xF0) || std::isalnum(byte) || byte == '_';
    });
}

std::string columnType(const schema::Catalog& catalog, const schema::Column& column) {
    switch (column.kind) {
    case schema::ColumnKind::Text:
        return "text";
    case schema::ColumnKind::Number:
        return "number";
    default:
        return catalog.type(column.type).name;
    }
}

std::string columnList(const schema::Catalog& catalog, const std::vector<schema::Column>& columns) {
    std::string out;
    for (size_t i = 0; i < columns.size(); ++i)
        out += (i ? ", " : "") + columns[i].name + ": " + columnType(catalog, columns[i]);
    return out;
}

std::string valueText(const schema::Catalog& catalog, const Value& value) {
    switch (value.kind()) {
    case Value::Kind::Entity:
        return dumpName(catalog.entity(value.entityId()).name);
    case Value::Kind::Text:
        return text::quoteString(value.textValue());
    case Value::Kind::Number:
        return value.numberValue().toString();
    }
    return "";
}

std::string factStatement(const schema::Catalog& catalog, const schema::RelationInfo& relation,
                          const schema::Fact& fact) {
    std::string out;
    // `Broadcom designs "TPU v7"` between two entities, as graph/ writes them; else prefix.
    bool infix = relation.columns.size() == 2 && !isKeyword(relation.name) &&
                 relation.columns[0].kind == schema::ColumnKind::Entity &&
                 relation.columns[1].kind == schema::ColumnKind::Entity;
    if (infix) {
        out = valueText(catalog, fact.args[0]) + " " + relation.name + " " +
              valueText(catalog, fact.args[1]);
    } else {
        out = relation.name + "(";
        for (size_t i = 0; i < fact.args.size(); ++i)
            out += (i ? ", " : "") + valueText(catalog, fact.args[i]);
        out += ")";
    }
    out += validityClause(fact.valid);
    if (fact.source != kNoId) out += " per " + catalog.source(fact.source).name;
    out += std::string(" ") + schema::statusName(fact.status);
    std::string qualifiers;
    for (size_t i = 0; i < fact.qualifiers.size() && i < relation.qualifiers.size(); ++i)
        if (fact.qualifiers[i])
            qualifiers += (qualifiers.empty() ? "" : ", ") + relation.qualifiers[i].name + ": " +
                          valueText(catalog, *fact.qualifiers[i]);
    if (!qualifiers.empty()) out += " { " + qualifiers + " }";
    return out + ".";
}

} // namespace

std::string dumpName(std::string_view name) {
    if (lexesAsIdentifier(name) && !isLowercaseWord(name)) return std::string(name);
    return text::quoteString(name);
}

void writeHeading(std::ostream& out, std::string_view title) {
    std::string line = "-- ---- " + std::string(title) + " ";
    out << "\n" << line << std::string(line.size() < 92 ? 92 - line.size() : 4, '-') << "\n";
}

void writeTypes(std::ostream& out, const DumpInput& input) {
    std::vector<const schema::TypeInfo*> types = input.catalog.types();
    if (types.empty()) return;
    writeHeading(out, "types");
    for (const schema::TypeInfo* type : types) {
        out << "type " << dumpName(type->name);
        if (type->parent != kNoId) out << " <: " << dumpName(input.catalog.type(type->parent).name);
        out << ".\n";
    }
}

// Derived relations are not declared: their rules (writeRules) introduce them again.
void writeRelations(std::ostream& out, const DumpInput& input) {
    bool first = true;
    for (const schema::RelationInfo* relation : input.catalog.relations()) {
        if (relation->derived) continue;
        if (first) writeHeading(out, "relations");
        first = false;
        out << "relation " << relation->name << "(" << columnList(input.catalog, relation->columns)
            << ")";
        if (!relation->qualifiers.empty())
            out << " { " << columnList(input.catalog, relation->qualifiers) << " }";
        if (relation->timeless) out << " timeless";
        if (relation->perPeriod) out << " per period";
        if (relation->keyed()) out << " key (" << relation->keyText() << ")";
        out << ".\n";
    }
}

void writeSources(std::ostream& out, const DumpInput& input) {
    std::vector<const schema::SourceInfo*> sources = input.catalog.sources();
    if (sources.empty()) return;
    writeHeading(out, "sources");
    for (const schema::SourceInfo* source : sources) {
        out << "source " << source->name;
        if (!source->title.empty()) out << " " << text::quoteString(source->title);
        if (!source->author.empty()) out << " by " << text::quoteString(source->author);
        if (source->published) out << " published " << source->published->toString();
        if (!source->url.empty()) out << " url " << text::quoteString(source->url);
        out << ".\n";
    }
}

// A name's own dates as its clauses: ` until 2021-10-28`, ` per wallstreetcn_2025_09`.
std::string nameTermsText(const schema::Catalog& catalog, const schema::NameTerms& terms) {
    std::string out = validityClause(terms.valid);
    if (terms.source != kNoId) out += " per " + catalog.source(terms.source).name;
    return out;
}

// Grouped by type (in the types' order), each group in the order the entities were declared.
void writeEntities(std::ostream& out, const DumpInput& input) {
    std::map<TypeId, std::vector<const schema::EntityInfo*>> byType;
    for (const schema::EntityInfo* entity : input.catalog.entities())
        byType[entity->type].push_back(entity);
    if (byType.empty()) return;
    writeHeading(out, "entities");
    for (const auto& [type, entities] : byType) {
        std::string typeName = dumpName(input.catalog.type(type).name);
        out << "-- " << typeName << "\n"; // quoted and escaped: a comment ends at a newline
        for (const schema::EntityInfo* entity : entities) {
            out << "entity " << dumpName(entity->name)
                << nameTermsText(input.catalog, entity->nameTerms) << ": " << typeName;
            for (size_t i = 0; i < entity->aliases.size(); ++i)
                out << (i ? ", " : " aka ") << dumpName(entity->aliases[i])
                    << nameTermsText(input.catalog, entity->aliasTerms[i]);
            out << ".\n";
        }
    }
}

// Grouped by relation (in the relations' order), each group in the order the facts were stored.
void writeFacts(std::ostream& out, const DumpInput& input) {
    std::map<RelationId, std::vector<const schema::Fact*>> byRelation;
    for (const schema::Fact& fact : input.facts)
        byRelation[fact.relation].push_back(&fact);
    if (byRelation.empty()) return;
    writeHeading(out, "facts");
    for (const auto& [id, facts] : byRelation) {
        const schema::RelationInfo& relation = input.catalog.relation(id);
        out << "-- " << relation.name << "\n";
        for (const schema::Fact* fact : facts)
            out << factStatement(input.catalog, relation, *fact) << "\n";
    }
}

// `deprecate ATOM [validity] because "..." per SOURCE.`, after the facts they judge.
void writeJudgements(std::ostream& out, const DumpInput& input) {
    const std::vector<schema::Judgement>& judgements = input.catalog.judgements();
    if (judgements.empty()) return;
    writeHeading(out, "judgements");
    for (const schema::Judgement& j : judgements) {
        const schema::RelationInfo& relation = input.catalog.relation(j.pattern.relation);
        out << "deprecate " << relation.name << "(";
        for (size_t i = 0; i < j.pattern.args.size(); ++i)
            out << (i ? ", " : "") << valueText(input.catalog, j.pattern.args[i]);
        out << ")" << (j.matchValidity ? validityClause(j.pattern.valid) : "") << " because "
            << text::quoteString(j.reason) << " per " << input.catalog.source(j.source).name
            << ".\n";
    }
}

// In the order they were declared, which is the order they are bound in.
void writeRules(std::ostream& out, const DumpInput& input) {
    const std::vector<schema::RuleInfo>& rules = input.catalog.rules();
    if (rules.empty()) return;
    writeHeading(out, "rules");
    for (const schema::RuleInfo& rule : rules)
        out << rule.text << "\n";
}

void writeScenarios(std::ostream& out, const DumpInput& input) {
    if (input.scenarios.empty()) return;
    writeHeading(out, "scenarios");
    for (const std::string& scenario : input.scenarios)
        out << scenario << "\n";
}

// After the rules: a declaration may name a derived relation.
void writeDrawings(std::ostream& out, const DumpInput& input) {
    const std::vector<schema::Drawing>& drawings = input.catalog.drawings();
    if (drawings.empty()) return;
    writeHeading(out, "how diagrams draw the graph");
    for (const schema::Drawing& drawing : drawings)
        out << drawing.text << "\n";
}

const std::vector<DumpSection>& dumpSections() {
    static const std::vector<DumpSection> kSections = {
        {"types", writeTypes},       {"relations", writeRelations}, {"sources", writeSources},
        {"entities", writeEntities}, {"facts", writeFacts},         {"judgements", writeJudgements},
        {"rules", writeRules},       {"scenarios", writeScenarios}, {"drawings", writeDrawings},
    };
    return kSections;
}

void writeDump(std::ostream& out, const DumpInput& input) {
    out << "-- A chipgraph database, dumped by `chipgraph dump`. Load it into a new database with\n"
           "-- `chipgraph load --db NEW.db FILE.kg`.\n";
    for (const DumpSection& section : dumpSections())
        section.write(out, input);
}

} // namespace chipgraph::exporter
