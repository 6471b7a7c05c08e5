// Diagrams of a query: the facts that the query's answers bind to. An answer binds each
// positive atom to facts (base or derived); atoms with two entity columns become edges, the
// others annotate their entity. Negated atoms and comparisons only select answers.
#include "diagram/builder_impl.h"

#include <map>
#include <set>

namespace chipgraph::diagram {

namespace {

size_t entityColumns(const schema::RelationInfo& relation) {
    size_t n = 0;
    for (const schema::Column& c : relation.columns)
        n += c.kind == schema::ColumnKind::Entity;
    return n;
}

// An atom's arguments and qualifier constraints as one comparable text, from an answer's
// values (`binding`) or from a fact (`binding` null); wildcards do not take part. Nullopt when
// the fact lacks a constrained qualifier.
std::optional<std::string> atomKey(const bind::BoundAtom& atom, const schema::Fact& fact,
                                   const std::vector<Value>* binding) {
    auto valueOf = [&](const bind::BoundTerm& t, const Value* fromFact) -> const Value* {
        if (t.kind == bind::BoundTerm::Kind::Wildcard) return nullptr;
        if (!binding) return fromFact;
        return t.kind == bind::BoundTerm::Kind::Constant ? &t.value : &(*binding)[t.variable];
    };
    std::string key;
    for (size_t i = 0; i < atom.args.size(); ++i)
        if (const Value* v = valueOf(atom.args[i], i < fact.args.size() ? &fact.args[i] : nullptr))
            key += v->key() + '\x1f';
    for (const auto& [index, term] : atom.qualifiers) {
        const std::optional<Value>* q =
            static_cast<size_t>(index) < fact.qualifiers.size() ? &fact.qualifiers[index] : nullptr;
        if (!binding && !(q && *q)) return std::nullopt;
        if (const Value* v = valueOf(term, q && *q ? &**q : nullptr)) key += v->key() + '\x1f';
    }
    return key;
}

std::string noteLine(const schema::Fact& fact, const schema::RelationInfo& relation, bool timeless,
                     const schema::Catalog& catalog) {
    std::string values;
    for (size_t c = 0; c < relation.columns.size() && c < fact.args.size(); ++c) {
        if (relation.columns[c].kind == schema::ColumnKind::Entity) continue;
        const Value& v = fact.args[c];
        values += (values.empty() ? "" : ", ") + (v.isNumber() ? v.numberValue().toString()
                                                  : v.isText() ? v.textValue()
                                                               : "");
    }
    std::string validity = validityLabel(fact.valid);
    std::string line = relation.name + (values.empty() ? "" : ": " + values) + " · " +
                       schema::statusName(fact.status) + " · " +
                       (validity.empty() ? (timeless ? "always" : "undated") : validity);
    if (fact.source != kNoId) line += " · " + catalog.source(fact.source).name;
    return line;
}

} // namespace

Result<QueryDrawing> drawQuery(const GraphView& graph, const bind::BoundQuery& query) {
    const schema::Catalog& catalog = graph.catalog();
    Result<std::vector<std::vector<Value>>> answers = graph.answerBindings(query);
    if (!answers) return answers.status();
    QueryDrawing out;
    out.answers = answers.value().size();

    // Per relation, the atoms that use it and, per atom, the keys its answers bind it to.
    std::map<RelationId, std::vector<size_t>> atomsOf;
    std::vector<std::set<std::string>> keys(query.atoms.size());
    std::vector<RelationId> order;
    for (size_t a = 0; a < query.atoms.size(); ++a) {
        const bind::BoundAtom& atom = query.atoms[a];
        if (!atomsOf.count(atom.relation)) order.push_back(atom.relation);
        atomsOf[atom.relation].push_back(a);
        for (const std::vector<Value>& binding : answers.value())
            keys[a].insert(*atomKey(atom, schema::Fact{}, &binding));
    }
    std::set<EntityId> nodes;
    for (RelationId id : order) {
        const schema::RelationInfo& relation = catalog.relation(id);
        std::vector<schema::Fact> matched;
        for (schema::Fact& fact : graph.factsOf(id, query.window, query.knownAt)) {
            bool hit = false;
            for (size_t a : atomsOf[id]) {
                std::optional<std::string> key = atomKey(query.atoms[a], fact, nullptr);
                hit = hit || (key && keys[a].count(*key));
            }
            if (hit) matched.push_back(std::move(fact));
        }
        if (entityColumns(relation) >= 2) {
            groupFacts(std::move(matched), out.relations.size(), relation, graph, out.edges);
            out.relations.push_back(&relation);
            continue;
        }
        for (const schema::Fact& fact : matched)
            for (size_t c = 0; c < relation.columns.size() && c < fact.args.size(); ++c)
                if (relation.columns[c].kind == schema::ColumnKind::Entity) {
                    nodes.insert(fact.args[c].entityId());
                    out.notes[fact.args[c].entityId()].push_back(
                        noteLine(fact, relation, graph.isTimeless(id), catalog));
                }
    }
    out.nodes.assign(nodes.begin(), nodes.end());
    return out;
}

} // namespace chipgraph::diagram
