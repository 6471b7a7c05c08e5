#include "repl/completer.h"

#include "common/text.h"
#include "engine/engine.h"
#include "export/format.h"
#include "repl/dot_commands.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace chipgraph::repl {

const std::vector<std::string>& keywords() {
    static const std::vector<std::string> kKeywords = {
        "type",      "relation",  "entity",   "source",   "retract", "rule",   "not",
        "why",       "explain",   "import",   "diagram",  "chain",   "within", "where",
        "diff",      "to",        "layout",   "with",     "legend",  "create", "who",
        "what",      "which",     "does",     "do",       "aka",     "by",     "published",
        "url",       "per",       "in",       "during",   "from",    "until",  "as",
        "of",        "known",     "at",       "order",    "limit",   "asc",    "desc",
        "actual",    "reported",  "expected", "forecast", "rumored", "view",   "history",
        "conflicts", "deprecate", "because",  "changes",  "prefer",  "latest", "key",
        "blame",     "recorded",  "title",    "or",       "distinct"};
    return kKeywords;
}

Vocabulary vocabularyOf(const engine::Engine& engine) {
    const schema::Catalog& catalog = engine.catalog();
    Vocabulary v;
    for (const schema::RelationInfo* relation : catalog.relations())
        (relation->derived ? v.rules : v.relations).push_back(relation->name);
    v.entities = catalog.entityNamesAndAliases();
    v.sources = catalog.sourceNames();
    v.types = catalog.typeNames();
    return v;
}

std::vector<std::string> listDirectory(const std::string& directory) {
    namespace fs = std::filesystem;
    std::string path = directory.empty() ? "." : directory;
    if (path[0] == '~')
        if (const char* home = std::getenv("HOME")) path = home + path.substr(1);
    std::vector<std::string> names;
    std::error_code error;
    for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
        bool isDirectory = it->is_directory(error);
        names.push_back(it->path().filename().string() + (isDirectory ? "/" : ""));
        if (names.size() >= 5000) break; // a huge folder must not stall the prompt
    }
    return names;
}

namespace {

enum class Want { Nothing, Everything, Relations, Entities, Types, Sources, Files };

bool isWordByte(char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) || c == '_';
}

// The language's reserved words: a name spelt like one must be quoted.
bool isHardKeyword(std::string_view name) {
    static const std::set<std::string, std::less<>> kReserved = {
        "type", "relation", "entity",    "source",  "retract", "rule",   "not",
        "why",  "explain",  "import",    "diagram", "chain",   "within", "where",
        "diff", "to",       "layout",    "with",    "legend",  "create", "per",
        "in",   "during",   "from",      "until",   "who",     "what",   "which",
        "aka",  "by",       "published", "url",     "as",      "of",     "known",
        "at",   "order",    "limit",     "asc",     "desc",    "does",   "do"};
    return kReserved.count(name) > 0;
}

std::string asName(const std::string& name, bool quoted) {
    bool needsQuotes = text::quoteNameIfNeeded(name) != name || isHardKeyword(name);
    return quoted || needsQuotes ? text::quoteString(name) : name;
}

bool startsWithFolded(std::string_view name, std::string_view prefix) {
    return text::foldCase(name).rfind(text::foldCase(prefix), 0) == 0;
}

// Adds the names that start with `typed` (a leading quote is not part of the name).
void addNames(const std::vector<std::string>& names, std::string_view typed,
              std::vector<std::string>& out) {
    bool quoted = !typed.empty() && typed[0] == '"';
    std::string_view prefix = quoted ? typed.substr(1) : typed;
    for (const std::string& name : names)
        if (startsWithFolded(name, prefix)) out.push_back(asName(name, quoted));
}

void addFiles(std::string_view typed, const FileLister& files, std::vector<std::string>& out) {
    bool quoted = !typed.empty() && typed[0] == '"';
    std::string path(quoted ? typed.substr(1) : typed);
    size_t slash = path.rfind('/');
    std::string directory = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    std::string base = path.substr(directory.size());
    for (const std::string& entry : files(directory)) {
        if (entry.rfind(base, 0) != 0 || (entry[0] == '.' && (base.empty() || base[0] != '.')))
            continue;
        std::string full = directory + entry;
        bool isDirectory = full.back() == '/';
        bool quote = quoted || full.find_first_of(" \t\"") != std::string::npos;
        out.push_back(quote ? "\"" + full + (isDirectory ? "" : "\"") : full);
    }
}

// Sorted by the names themselves (quotes and case aside), so "Trainium2 Ultra" lists next to
// Trainium2.
void sortUnique(std::vector<std::string>& items) {
    auto key = [](const std::string& item) {
        return text::foldCase(item[0] == '"' ? std::string_view(item).substr(1) : item);
    };
    std::sort(items.begin(), items.end(), [&](const std::string& a, const std::string& b) {
        std::string ka = key(a), kb = key(b);
        return ka != kb ? ka < kb : a < b;
    });
    items.erase(std::unique(items.begin(), items.end()), items.end());
}

// A rough token stream: enough to know what came before the cursor.
struct Token {
    std::string text;
    bool word = false; // identifier or keyword
};

std::vector<Token> roughTokens(std::string_view s) {
    std::vector<Token> tokens;
    for (size_t i = 0; i < s.size();) {
        char c = s[i];
        if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
            i = s.find('\n', i);
            if (i == std::string_view::npos) break;
        } else if (c == '"') {
            size_t j = i + 1;
            while (j < s.size() && s[j] != '"' && s[j] != '\n')
                j += s[j] == '\\' ? 2 : 1;
            tokens.push_back({std::string(s.substr(i, j + 1 - i)), false});
            i = j + 1;
        } else if (isWordByte(c)) {
            size_t j = i;
            while (j < s.size() && isWordByte(s[j]))
                ++j;
            tokens.push_back({std::string(s.substr(i, j - i)), true});
            i = j;
        } else if (c == '<' && i + 1 < s.size() && s[i + 1] == ':') {
            tokens.push_back({"<:", false});
            i += 2;
        } else {
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') tokens.push_back({{c}, false});
            ++i;
        }
    }
    return tokens;
}

// Whether the statement's last comma-separated words follow `prefer` (a ranking of sources).
bool precededByPrefer(const std::vector<Token>& tokens, size_t start) {
    for (size_t i = tokens.size(); i-- > start;) {
        if (tokens[i].text == "prefer") return true;
        if (tokens[i].text != "," && i + 1 < tokens.size() && tokens[i + 1].text != ",")
            return false;
    }
    return false;
}

// What may stand where the cursor is, judged from the tokens before it.
Want wantAfter(const std::vector<Token>& tokens) {
    size_t start = tokens.size();
    while (start > 0 && tokens[start - 1].text != ".")
        --start;
    int depth = 0;
    for (size_t i = start; i < tokens.size(); ++i)
        depth += tokens[i].text == "(" ? 1 : tokens[i].text == ")" ? -1 : 0;
    if (start == tokens.size()) return Want::Everything;
    const std::string& last = tokens.back().text;
    std::string before = tokens.size() - start >= 2 ? tokens[tokens.size() - 2].text : "";
    if (last == "per" || last == "prefer" ||
        (last == "," && before != "" && depth == 0 && precededByPrefer(tokens, start)))
        return Want::Sources;
    if (last == "who" || last == "diagram" || last == "import" || last == "history" ||
        last == "conflicts" || last == "deprecate")
        return Want::Relations;
    if (last == "which" || last == ":" || last == "<:" || last == "create") return Want::Types;
    if (last == "of" && before == "chain") return Want::Entities;
    if (last == "does" || last == "do") return Want::Entities;
    if (before == "does" || before == "do") return Want::Relations;
    static const std::set<std::string> kBeforeDates = {"of",    "in",     "at",        "from",
                                                       "until", "during", "published", "limit"};
    if (kBeforeDates.count(last)) return Want::Nothing;
    if (depth > 0 && (last == "(" || last == ",")) return Want::Entities;
    return Want::Everything;
}

void addWanted(Want want, std::string_view word, const Vocabulary& v,
               std::vector<std::string>& out) {
    bool everything = want == Want::Everything;
    if (everything || want == Want::Relations) {
        addNames(v.relations, word, out);
        addNames(v.rules, word, out);
    }
    if (everything || want == Want::Entities) addNames(v.entities, word, out);
    if (want == Want::Sources) addNames(v.sources, word, out);
    if (want == Want::Types) addNames(v.types, word, out);
    if (everything && (word.empty() || word[0] != '"'))
        for (const std::string& k : keywords())
            if (k.rfind(text::foldCase(word), 0) == 0) out.push_back(k);
}

// The start of the word before the cursor: an open string from its quote, else the run of
// identifier characters.
size_t statementWordStart(std::string_view line) {
    bool inString = false;
    size_t quote = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        if (inString && line[i] == '\\')
            ++i;
        else if (line[i] == '"')
            inString = !inString, quote = i;
    }
    if (inString) return quote;
    size_t i = line.size();
    while (i > 0 && isWordByte(line[i - 1]))
        --i;
    return i;
}

Completion completeStatement(std::string_view pending, std::string_view line,
                             const Vocabulary& vocabulary, const FileLister& files) {
    Completion result;
    result.start = statementWordStart(line);
    std::string_view word = line.substr(result.start);
    std::vector<Token> tokens =
        roughTokens(std::string(pending) + "\n" + std::string(line.substr(0, result.start)));
    // A string after `to` (a diagram's file) or `from` (an import's CSV) names a file.
    bool inString = !word.empty() && word[0] == '"';
    bool fileString =
        !tokens.empty() && (tokens.back().text == "to" || tokens.back().text == "from");
    if (inString && fileString)
        addFiles(word, files, result.candidates);
    else
        addWanted(wantAfter(tokens), word, vocabulary, result.candidates);
    sortUnique(result.candidates);
    return result;
}

// The start of the dot-command word before the cursor (blank-separated, quotes kept together),
// and how many words come before it.
size_t dotWordStart(std::string_view line, int& wordIndex) {
    bool inString = false;
    size_t start = 0;
    bool inWord = false;
    wordIndex = -1;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (inString) {
            if (c == '\\') ++i;
            if (c == '"') inString = false;
            continue;
        }
        bool blank = c == ' ' || c == '\t';
        if (!blank && !inWord) start = i, ++wordIndex;
        inWord = !blank;
        if (c == '"') inString = true;
    }
    if (!inWord) start = line.size(), ++wordIndex;
    return start;
}

void addArguments(const DotCommand& command, int argIndex, std::string_view word,
                  const Vocabulary& v, const FileLister& files, std::vector<std::string>& out) {
    auto fixed = [&](const std::vector<std::string>& choices) {
        for (const std::string& choice : choices)
            if (startsWithFolded(choice, word)) out.push_back(choice);
    };
    switch (command.args.kind) {
    case ArgKind::File:
        return addFiles(word, files, out);
    case ArgKind::Format:
        return fixed(exporter::formatNames());
    case ArgKind::OnOff:
        return fixed({"on", "off"});
    case ArgKind::ShowWhat:
        return argIndex == 0 ? fixed({"ast", "plan", "provenance"}) : fixed({"on", "off"});
    case ArgKind::Relation:
        addNames(v.relations, word, out);
        return addNames(v.rules, word, out);
    case ArgKind::Type:
        return addNames(v.types, word, out);
    case ArgKind::Entity:
        return addNames(v.entities, word, out);
    case ArgKind::Command:
        for (const std::string& name : dotCommandNames())
            if (startsWithFolded(name.substr(1), word)) out.push_back(name.substr(1));
        return;
    case ArgKind::Off:
        return fixed({"off"});
    case ArgKind::None:
    case ArgKind::Number:
        return;
    }
}

Completion completeDotCommand(std::string_view line, const Vocabulary& vocabulary,
                              const FileLister& files) {
    Completion result;
    int wordIndex = 0;
    result.start = dotWordStart(line, wordIndex);
    std::string_view word = line.substr(result.start);
    if (wordIndex == 0) {
        for (const std::string& name : dotCommandNames())
            if (startsWithFolded(name, word)) result.candidates.push_back(name);
    } else {
        size_t nameStart = line.find('.');
        size_t nameEnd = line.find_first_of(" \t", nameStart);
        const DotCommand* command = findDotCommand(line.substr(nameStart, nameEnd - nameStart));
        int argIndex = wordIndex - 1;
        bool rest = command && command->args.max == DotArgs::kRest;
        if (command && (argIndex < command->args.max || rest))
            addArguments(*command, rest ? 0 : argIndex, word, vocabulary, files, result.candidates);
    }
    sortUnique(result.candidates);
    return result;
}

size_t codePoints(std::string_view s) {
    return text::decodeUtf8(s).size();
}

} // namespace

Completion complete(std::string_view pending, std::string_view line, const Vocabulary& vocabulary,
                    const FileLister& files) {
    size_t first = line.find_first_not_of(" \t");
    bool dotCommand = pending.find_first_not_of(" \t\r\n") == std::string_view::npos &&
                      first != std::string_view::npos && line[first] == '.';
    return dotCommand ? completeDotCommand(line, vocabulary, files)
                      : completeStatement(pending, line, vocabulary, files);
}

CompletionAction chooseAction(const Completion& completion, std::string_view word) {
    const std::vector<std::string>& candidates = completion.candidates;
    if (candidates.empty()) return {};
    if (candidates.size() == 1) {
        const std::string& only = candidates[0];
        bool open = only.back() == '/' || (only[0] == '"' && only.back() != '"') || only == "\"";
        return {CompletionAction::Kind::Replace, open ? only : only + " "};
    }
    // The common part of the names themselves: `Trainium` for Trainium3 and "Trainium3 Lite".
    std::vector<std::string> names;
    bool anyBare = false;
    for (const std::string& c : candidates) {
        bool quoted = c[0] == '"';
        anyBare = anyBare || !quoted;
        names.push_back(quoted ? c.substr(1, c.size() - (c.back() == '"' ? 2 : 1)) : c);
    }
    bool quote = !anyBare || (!word.empty() && word[0] == '"');
    std::string prefix = (quote ? "\"" : "") + commonPrefix(names);
    if (prefix != word && codePoints(prefix) >= codePoints(word))
        return {CompletionAction::Kind::Replace, prefix};
    return {CompletionAction::Kind::List, ""};
}

std::string commonPrefix(const std::vector<std::string>& items) {
    if (items.empty()) return "";
    std::string prefix = items[0];
    for (const std::string& item : items) {
        size_t n = 0;
        while (n < prefix.size() && n < item.size() && prefix[n] == item[n])
            ++n;
        prefix.resize(n);
    }
    // Never split a multi-byte character: back up to the start of the last one if it is cut.
    size_t end = prefix.size();
    size_t lead = end;
    while (lead > 0 && (static_cast<unsigned char>(prefix[lead - 1]) & 0xC0) == 0x80)
        --lead;
    if (lead > 0 && static_cast<unsigned char>(prefix[lead - 1]) >= 0xC0) {
        auto byte = static_cast<unsigned char>(prefix[lead - 1]);
        size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
        if (end - (lead - 1) < length) prefix.resize(lead - 1);
    }
    return prefix;
}

std::string formatColumns(const std::vector<std::string>& items, int width, size_t limit) {
    size_t shown = std::min(items.size(), limit);
    int cell = 1;
    for (size_t i = 0; i < shown; ++i)
        cell = std::max(cell, text::displayWidth(items[i]) + 2);
    size_t columns = static_cast<size_t>(std::max(1, width / cell));
    size_t rows = (shown + columns - 1) / columns;
    std::string out;
    for (size_t r = 0; r < rows; ++r) {
        std::string line;
        for (size_t c = 0; c < columns; ++c) {
            size_t i = c * rows + r;
            if (i >= shown) break;
            line += items[i];
            if ((c + 1) * rows + r < shown)
                line += std::string(static_cast<size_t>(cell - text::displayWidth(items[i])), ' ');
        }
        out += line + "\n";
    }
    if (items.size() > shown) out += "... and " + std::to_string(items.size() - shown) + " more\n";
    return out;
}

} // namespace chipgraph::repl
