#include "bind/binder_impl.h"

#include "bind/phrase_forms.h"
#include "common/text.h"

#include <algorithm>
#include <cctype>

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

// The relation a phrase names: its verb, or the first of the form's candidates whose name
// column can hold the name's entity (`made on N3`: fabbed_on; `made by TSMC`: foundry_of).
const schema::RelationInfo* Binder::phraseRelation(const PhraseMatch& match, int nameColumn) {
    if (match.form->relations.empty()) {
        ast::Name verb{match.verb->text, false, match.verb->span};
        return resolveVerb(verb);
    }
    const schema::EntityInfo* entity = catalog_.findEntity(match.name->text);
    const schema::RelationInfo* first = nullptr;
    std::string_view rest = match.form->relations;
    while (!rest.empty()) {
        size_t bar = rest.find('|');
        const schema::RelationInfo* r = catalog_.findRelation(rest.substr(0, bar));
        rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
        if (!r || static_cast<int>(r->columns.size()) <= nameColumn) continue;
        if (!first) first = r;
        const schema::Column& column = r->columns[nameColumn];
        if (entity && column.kind == schema::ColumnKind::Entity &&
            catalog_.isSubtype(entity->type, column.type))
            return r;
    }
    if (!first)
        error("this question needs the relation '" + std::string(match.form->relations) +
                  "', which is not declared",
              match.name->span);
    return first;
}

// The Datalog a phrase stands for, for hints: `? designs(Firm, "Maia 200").`.
static std::string datalogOf(const schema::RelationInfo& relation, int nameColumn,
                             const std::string& name) {
    std::string out = "? " + relation.name + "(";
    for (size_t i = 0; i < relation.columns.size(); ++i) {
        std::string variable = relation.columns[i].name;
        variable[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(variable[0])));
        out += (i ? ", " : "") +
               (static_cast<int>(i) == nameColumn ? text::quoteNameIfNeeded(name) : variable);
    }
    return out + ").";
}

// The first word of a question, when it is a misspelt question word (`whoo`).
static std::string misspeltQuestionWord(const ast::PhraseWord& first) {
    static const std::vector<std::string> kWords = {"who", "what", "which", "when", "how"};
    std::string word = text::foldCase(first.text);
    if (first.quoted || std::find(kWords.begin(), kWords.end(), word) != kWords.end()) return "";
    return text::nearestName(word, kWords);
}

// No form reads the question: suggest the query when a relation is named in it (with the
// known name in it in its column), else list the forms.
void Binder::reportUnreadPhrase(const ast::PhraseQuery& phrase) {
    if (std::string guess = misspeltQuestionWord(phrase.words.front()); !guess.empty()) {
        error("unknown question word '" + phrase.words.front().text + "'",
              phrase.words.front().span, "did you mean '" + guess + "'?");
        return;
    }
    PhraseScan scan = scanPhrase(phrase.words, catalog_.entityNamesAndAliases());
    const schema::EntityInfo* entity = scan.name ? catalog_.findEntity(scan.name->text) : nullptr;
    std::string query;
    for (const std::string& word : scan.verbs) {
        const schema::RelationInfo* relation = nullptr;
        for (const std::string& form : inflections(word))
            if (!relation) relation = catalog_.findRelation(form);
        if (!relation) continue;
        int column = -1;
        for (size_t i = 0; entity && column < 0 && i < relation->columns.size(); ++i)
            if (relation->columns[i].kind == schema::ColumnKind::Entity &&
                catalog_.isSubtype(entity->type, relation->columns[i].type))
                column = static_cast<int>(i);
        query = datalogOf(*relation, column, entity ? entity->name : "");
        if (column >= 0) break;
    }
    error("no phrase question reads this", phraseSpan(phrase.words),
          query.empty() ? "phrase questions read: who R X?, what does X R?, which Ts does X R?, "
                          "when was X R?, which Ts are made on X?, how many units does X ship?, "
                          "谁R X?, X由谁R? (docs/language.md, \"Phrase questions\")"
                        : "ask it as a query: " + query);
}

// Binds a question that a form of phrase_forms.cpp reads: the name becomes a constant (never
// a variable: `what does Rivos design?` must not ask about everything), the asked columns
// variables named after the columns, and `2026年` a window.
void Binder::bindPhrase(const ast::PhraseQuery& phrase, const SourceSpan& span) {
    std::optional<PhraseMatch> match = matchPhrase(phrase.words, catalog_.entityNamesAndAliases());
    if (!match) {
        reportUnreadPhrase(phrase);
        return;
    }
    if (!match->form->teach.empty()) {
        std::string hint(match->form->teach);
        for (auto [slot, value] : {std::pair{"{name}", &match->name}, {"{verb}", &match->verb}})
            if (size_t at = hint.find(slot); at != std::string::npos && *value)
                hint.replace(at, std::string(slot).size(), (*value)->text);
        error("this question does not read as asked",
              (match->verb ? match->verb : match->name)->span, hint);
        return;
    }
    bool askSubject = match->form->ask == PhraseAsk::Subject;
    int nameColumn = askSubject ? 1 : 0;
    const schema::RelationInfo* relation = phraseRelation(*match, nameColumn);
    if (!relation) return;
    size_t arity = relation->columns.size();
    if (match->form->ask != PhraseAsk::Rest && arity != 2) {
        error("'" + relation->name + "' has " + std::to_string(arity) +
                  " columns; this phrase question needs a relation with two",
              match->verb ? match->verb->span : match->name->span,
              "ask with a query instead: " + datalogOf(*relation, nameColumn, match->name->text));
        return;
    }
    const schema::TypeInfo* type = nullptr;
    if (match->type) {
        ast::Name word{match->type->text, false, match->type->span};
        if (!(type = resolveTypeWord(word))) return;
    }
    int asked = askSubject ? 0 : 1;
    if (type && !checkAskedType(*type, *relation, asked, match->type->span)) return;

    BoundQuery query;
    query.span = span;
    query.explain = phrase.explain;
    BoundAtom atom;
    atom.relation = relation->id;
    atom.span = span;
    atom.args.resize(arity);
    ast::Term subject;
    subject.name = {match->name->text, match->name->quoted, match->name->span};
    subject.span = match->name->span;
    auto given = bindConstant(subject, relation->columns[nameColumn], *relation);
    if (!given) return;
    atom.args[nameColumn].kind = BoundTerm::Kind::Constant;
    atom.args[nameColumn].value = *given;
    atom.args[nameColumn].span = subject.span;
    for (size_t i = 0; i < arity; ++i) {
        if (static_cast<int>(i) == nameColumn) continue;
        const schema::Column& column = relation->columns[i];
        BoundTerm term;
        term.kind = BoundTerm::Kind::Variable;
        term.span = span;
        term.variable = variableIndex(column.name, column.kind, span, query);
        if (term.variable < 0) return;
        if (type && static_cast<int>(i) == asked)
            query.variables[term.variable].requiredType = type->id;
        atom.args[i] = term;
    }
    query.atoms.push_back(std::move(atom));
    ast::Modifiers modifiers = phrase.modifiers;
    if (match->year) {
        if (modifiers.window) {
            error("a time window is given twice", modifiers.window->span,
                  "the question already says " + match->year->text + "年");
            return;
        }
        modifiers.window = ast::TimeWindow{
            {match->year->text, match->year->span}, std::nullopt, match->year->span};
    }
    bool ok = bindQueryProvenance(modifiers.provenance, query);
    if (bindModifiers(modifiers, query) && ok) emit(RunQuery{std::move(query)}, span);
}

// `which Ts ...`: T must be able to be the asked column's entity.
bool Binder::checkAskedType(const schema::TypeInfo& type, const schema::RelationInfo& relation,
                            int asked, const SourceSpan& span) {
    const schema::Column& column = relation.columns[asked];
    if (column.kind != schema::ColumnKind::Entity || catalog_.isSubtype(type.id, column.type) ||
        catalog_.isSubtype(column.type, type.id))
        return true;
    error("a " + type.name + " cannot be the '" + column.name + "' of '" + relation.name + "'",
          span, "'" + column.name + "' is a " + catalog_.type(column.type).name);
    return false;
}

} // namespace chipgraph::bind
