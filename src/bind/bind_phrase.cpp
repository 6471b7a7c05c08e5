#include "bind/binder_impl.h"

#include "common/text.h"

namespace chipgraph::bind {

// Spellings of a word that might name a relation or a type: the word itself, a verb's third
// person ("design" -> "designs", "supply" -> "supplies") and a noun's singular ("chips" -> "chip").
static std::vector<std::string> inflections(const std::string& word) {
    // A multi-word verb inflects its first word: "train_on" -> "trains_on".
    size_t underscore = word.find('_');
    if (underscore != std::string::npos && underscore > 0) {
        std::string tail = word.substr(underscore);
        std::vector<std::string> forms = {word};
        for (const std::string& head : inflections(word.substr(0, underscore)))
            forms.push_back(head + tail);
        return forms;
    }
    std::vector<std::string> forms = {word, word + "s", word + "es"};
    auto endsWith = [&](const std::string& suffix) {
        return word.size() > suffix.size() &&
               word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (endsWith("y")) forms.push_back(word.substr(0, word.size() - 1) + "ies");
    if (endsWith("ies")) forms.push_back(word.substr(0, word.size() - 3) + "y");
    if (endsWith("es")) forms.push_back(word.substr(0, word.size() - 2));
    if (endsWith("s")) forms.push_back(word.substr(0, word.size() - 1));
    return forms;
}

const schema::RelationInfo* Binder::resolveVerb(const ast::Name& verb) {
    for (const std::string& form : inflections(verb.text))
        if (const schema::RelationInfo* r = catalog_.findRelation(form)) return r;
    std::string near;
    for (const std::string& form : inflections(verb.text))
        if (near.empty()) near = text::nearestName(form, catalog_.relationNames());
    error("unknown relation '" + verb.text + "'", verb.span,
          near.empty() ? "" : "did you mean '" + near + "'?");
    return nullptr;
}

const schema::TypeInfo* Binder::resolveTypeWord(const ast::Name& word) {
    for (const std::string& form : inflections(word.text))
        if (const schema::TypeInfo* t = catalog_.findType(form)) return t;
    std::string near;
    for (const std::string& form : inflections(word.text))
        if (near.empty()) near = text::nearestName(form, catalog_.typeNames());
    error("unknown type '" + word.text + "'", word.span,
          near.empty() ? "" : "did you mean '" + text::foldCase(near) + "s'?");
    return nullptr;
}

// who R X?            ->  ? R(<col0>, X).
// what does X R?      ->  ? R(X, <col1>).
// which Ts does X R?  ->  ? R(X, <col1>) with <col1> of type T.
void Binder::bindPhrase(const ast::PhraseQuery& phrase, const SourceSpan& span) {
    const schema::RelationInfo* relation = resolveVerb(phrase.verb);
    if (!relation) return;
    if (relation->columns.size() != 2) {
        error("'" + relation->name + "' has " + std::to_string(relation->columns.size()) +
                  " columns; phrase questions need a relation with two",
              phrase.verb.span, "ask with a query instead: ? " + relation->name + "(...).");
        return;
    }
    const schema::TypeInfo* type = nullptr;
    if (phrase.typeWord && !(type = resolveTypeWord(*phrase.typeWord))) return;

    bool askSubject = phrase.kind == ast::PhraseQuery::Kind::Who;
    int answer = askSubject ? 0 : 1;
    const schema::Column& answerColumn = relation->columns[answer];
    if (type && answerColumn.kind == schema::ColumnKind::Entity &&
        !catalog_.isSubtype(type->id, answerColumn.type) &&
        !catalog_.isSubtype(answerColumn.type, type->id)) {
        error("a " + type->name + " cannot be the '" + answerColumn.name + "' of '" +
                  relation->name + "'",
              phrase.typeWord->span,
              "'" + answerColumn.name + "' is a " + catalog_.type(answerColumn.type).name);
        return;
    }

    BoundQuery query;
    query.span = span;
    query.explain = phrase.explain;
    BoundAtom atom;
    atom.relation = relation->id;
    atom.span = span;
    atom.args.resize(2);
    // The subject of a question is always a constant: `what does Rivos design?` must not turn
    // an unknown name into a variable.
    auto given = bindConstant(phrase.subject, relation->columns[1 - answer], *relation);
    if (!given) return;
    atom.args[1 - answer].kind = BoundTerm::Kind::Constant;
    atom.args[1 - answer].value = *given;
    atom.args[1 - answer].span = phrase.subject.span;
    BoundTerm asked;
    asked.kind = BoundTerm::Kind::Variable;
    asked.span = span;
    asked.variable = variableIndex(answerColumn.name, answerColumn.kind, span, query);
    if (asked.variable < 0) return;
    if (type) query.variables[asked.variable].requiredType = type->id;
    atom.args[answer] = asked;
    query.atoms.push_back(std::move(atom));
    bool ok = bindQueryProvenance(phrase.modifiers.provenance, query);
    if (bindModifiers(phrase.modifiers, query) && ok) emit(RunQuery{std::move(query)}, span);
}

} // namespace chipgraph::bind
