#pragma once
// Tab completion that knows where the cursor is: dot-commands and their arguments at the start
// of a statement, source names after `per`, relation names after `who`, types after `which` or
// `:`, entities inside an atom's parentheses, file names after `.read`/`.open`/`to "`/`from "`,
// and keywords, relations and entities elsewhere. Pure functions of the text and a vocabulary, so
// they are tested without a terminal; line_editor.cpp applies the result.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::engine {
class Engine;
}

namespace chipgraph::repl {

// The names completion offers, taken from the catalog each time Tab is pressed.
struct Vocabulary {
    std::vector<std::string> relations; // relations of stated facts
    std::vector<std::string> rules;     // relations derived by rules
    std::vector<std::string> entities;  // names and aliases
    std::vector<std::string> sources;
    std::vector<std::string> types;
};

Vocabulary vocabularyOf(const engine::Engine& engine);

// Lists the entries of a directory ("" is the current one): names only, directories with a
// trailing '/'. The default reads the file system; tests pass their own.
using FileLister = std::function<std::vector<std::string>(const std::string& directory)>;
std::vector<std::string> listDirectory(const std::string& directory);

struct Completion {
    size_t start = 0; // byte offset in the line where the word being completed begins
    std::vector<std::string> candidates; // replacements for line[start, cursor), sorted and unique
};

// Completes the word before the cursor. `pending` holds the earlier lines of an unfinished
// statement (empty at the start of one), `line` the current line up to the cursor.
Completion complete(std::string_view pending, std::string_view line, const Vocabulary& vocabulary,
                    const FileLister& files = listDirectory);

// What Tab does with a completion: replace the word (a unique match, or a longer common
// prefix), list the candidates (no progress possible), or nothing (no match).
struct CompletionAction {
    enum class Kind { None, Replace, List };
    Kind kind = Kind::None;
    std::string text; // Kind::Replace: the new word, with a space after a finished one
};
CompletionAction chooseAction(const Completion& completion, std::string_view word);

// The longest common prefix of the strings, cut at a UTF-8 character boundary.
std::string commonPrefix(const std::vector<std::string>& items);

// The items in columns, down then across, to fit `width` terminal columns; each line ends
// with '\n'. At most `limit` items are shown, then "... and N more".
std::string formatColumns(const std::vector<std::string>& items, int width, size_t limit = 200);

// Language keywords and status words offered at the start of a statement.
const std::vector<std::string>& keywords();

} // namespace chipgraph::repl
