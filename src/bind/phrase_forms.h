#pragma once
// Phrase questions as data: a table of sentence forms, English and Chinese, each naming the
// query it stands for, and a matcher that reads a question's words against it. The matcher
// knows entity names only as a list of strings (the catalog's names and aliases), so it can
// pick the longest name that fits (`Maia 200`, not `Maia`) with or without spaces around it.
#include "ast/ast.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::bind {

// Where a form's name goes and which columns it asks for.
enum class PhraseAsk {
    Subject, // who R X?         -> ? R(Asked, X).   (two columns)
    Object,  // what does X R?   -> ? R(X, Asked).   (two columns)
    Rest,    // when was X R?    -> ? R(X, Asked...). (every other column)
};

struct PhraseForm {
    // Literal words and slots: {name} an entity (longest known name or alias, else any words,
    // which the binder then reports as unknown), {verb} an English word naming a relation
    // (inflected: design, designs), {type} an English type word (chips), {zhverb} / {zhtype} a
    // Chinese verb or type word from the lexicons below, {year} four digits (a window `in Y`).
    // Spaces separate English words; Chinese needs none.
    std::string_view pattern;
    // "" when {verb} or {zhverb} names the relation; else candidates tried in order, the first
    // whose name column fits the name's type winning ("fabbed_on|foundry_of": a node or a
    // foundry).
    std::string_view relations;
    PhraseAsk ask = PhraseAsk::Subject;
    // A common mistake rather than a form: the error's hint, with {name} and {verb} filled in.
    std::string_view teach = {};
};

// Every form, most specific first.
const std::vector<PhraseForm>& phraseForms();

// A slot's reading: what was written (or, for {zhverb}/{zhtype}, the relation or type it
// stands for) and where.
struct PhraseSlot {
    std::string text;
    bool quoted = false;
    bool known = true; // {name}: a known entity name or alias (or a quoted name)
    SourceSpan span;
};

struct PhraseMatch {
    const PhraseForm* form = nullptr;
    std::optional<PhraseSlot> name, verb, type, year;
};

// The first form that reads all of `words` with a known name; else the first that reads them
// taking some words as an (unknown) name; nullopt when no form reads them. `knownNames` are
// entity names and aliases (compared ignoring ASCII case).
std::optional<PhraseMatch> matchPhrase(const std::vector<ast::PhraseWord>& words,
                                       const std::vector<std::string>& knownNames);

// For a question no form reads: the first known name in it (longest at the earliest place),
// and every word that might be a verb (English words; Chinese verbs of the lexicon, as the
// relation they stand for), so that the error can suggest the query.
struct PhraseScan {
    std::optional<PhraseSlot> name;
    std::vector<std::string> verbs;
};
PhraseScan scanPhrase(const std::vector<ast::PhraseWord>& words,
                      const std::vector<std::string>& knownNames);

// The span from the first word to the last.
SourceSpan phraseSpan(const std::vector<ast::PhraseWord>& words);

} // namespace chipgraph::bind
