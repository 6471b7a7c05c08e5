// Reads a phrase question's words against the forms of phrase_forms.cpp. The words become one
// stream of characters (a single space where the question had whitespace, a quoted name as
// one cell), so that a form matches the same way whether or not words are spaced: `谁设计
// Trainium3` and `谁设计Trainium3` alike, and `Maia 200` across two words.
#include "bind/phrase_forms.h"
#include "bind/phrase_lexicon.h"

#include "common/text.h"

#include <algorithm>
#include <functional>

namespace chipgraph::bind {

namespace {

constexpr char32_t kQuotedCell = 0xFFFFFFFF;

struct Cell {
    char32_t ch; // ASCII folded to lowercase; kQuotedCell for a quoted word; ' ' between words
    std::string written;
    size_t word;
    int line, column, endColumn;
};

char32_t fold(char32_t c) {
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}
bool isWordChar(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (c >= 'A' && c <= 'Z');
}

std::string encodeUtf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

std::vector<Cell> cellsOf(const std::vector<ast::PhraseWord>& words) {
    std::vector<Cell> cells;
    for (size_t i = 0; i < words.size(); ++i) {
        const ast::PhraseWord& w = words[i];
        if (i && w.spaceBefore) cells.push_back({' ', " ", i, w.span.line, 0, 0});
        if (w.quoted) {
            cells.push_back({kQuotedCell, w.text, i, w.span.line, w.span.column, w.span.endColumn});
            continue;
        }
        int column = w.span.column;
        for (char32_t c : text::decodeUtf8(w.text)) {
            cells.push_back({fold(c), encodeUtf8(c), i, w.span.line, column, column + 1});
            ++column;
        }
    }
    return cells;
}

// One piece of a form's pattern: a literal (no spaces) or a slot.
struct Element {
    std::u32string literal;
    std::string slot; // "name", "verb", ... or "" for a literal
};

std::vector<Element> elementsOf(std::string_view pattern) {
    std::vector<Element> out;
    std::string literal;
    auto flush = [&] {
        if (!literal.empty()) out.push_back({text::decodeUtf8(literal), ""});
        literal.clear();
    };
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            flush();
            size_t close = pattern.find('}', i);
            out.push_back({U"", std::string(pattern.substr(i + 1, close - i - 1))});
            i = close;
        } else if (pattern[i] == ' ') {
            flush();
        } else {
            literal += pattern[i];
        }
    }
    flush();
    return out;
}

class Matcher {
public:
    Matcher(const std::vector<Cell>& cells, const std::vector<std::u32string>& names,
            std::shared_ptr<const std::string> file)
        : cells_(cells), names_(names), file_(std::move(file)) {}

    // Whether `elements` read all the cells; `fallback` lets {name} take unknown words.
    bool match(const std::vector<Element>& elements, bool fallback, PhraseMatch& out) {
        fallback_ = fallback;
        out_ = &out;
        return step(elements, 0, 0);
    }

    // The end of `text` read at `pos` (ASCII case ignored), or npos; English words must not
    // be cut (`Maia 200` does not read the start of `Maia 2000`).
    size_t read(size_t pos, const std::u32string& wanted) const {
        if (wanted.empty() || pos + wanted.size() > cells_.size()) return npos;
        for (size_t i = 0; i < wanted.size(); ++i)
            if (cells_[pos + i].ch != fold(wanted[i])) return npos;
        size_t end = pos + wanted.size();
        return cutsWord(pos) || cutsWord(end) ? npos : end;
    }

    size_t skipSpace(size_t pos) const {
        while (pos < cells_.size() && cells_[pos].ch == ' ')
            ++pos;
        return pos;
    }

    // The known names read at `pos`, longest first.
    std::vector<size_t> knownNameEnds(size_t pos) const {
        std::vector<size_t> ends;
        for (const std::u32string& name : names_)
            if (size_t end = read(pos, name); end != npos) ends.push_back(end);
        std::sort(ends.rbegin(), ends.rend());
        ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
        return ends;
    }

    PhraseSlot slot(size_t from, size_t to, bool known = true) const {
        PhraseSlot s;
        s.known = known;
        s.quoted = cells_[from].ch == kQuotedCell;
        for (size_t i = from; i < to; ++i)
            s.text += cells_[i].written;
        s.span = spanOf(from, to);
        return s;
    }

    static constexpr size_t npos = std::string::npos;

private:
    SourceSpan spanOf(size_t from, size_t to) const {
        SourceSpan s;
        s.file = file_;
        s.line = cells_[from].line;
        s.column = cells_[from].column;
        s.endLine = cells_[to - 1].line;
        s.endColumn = cells_[to - 1].endColumn;
        return s;
    }

    // Whether a boundary at `pos` falls inside an English word or number.
    bool cutsWord(size_t pos) const {
        return pos > 0 && pos < cells_.size() && isWordChar(cells_[pos - 1].ch) &&
               isWordChar(cells_[pos].ch);
    }

    bool step(const std::vector<Element>& elements, size_t index, size_t pos) {
        pos = skipSpace(pos);
        if (index == elements.size()) return pos == cells_.size();
        if (pos == cells_.size()) return false;
        const Element& e = elements[index];
        auto next = [&](size_t end) { return step(elements, index + 1, end); };
        if (e.slot.empty()) {
            size_t end = read(pos, e.literal);
            return end != npos && next(end);
        }
        if (e.slot == "name") return readName(pos, next);
        if (e.slot == "verb" || e.slot == "type") {
            size_t end = pos;
            while (end < cells_.size() && isWordChar(cells_[end].ch))
                ++end;
            if (end == pos || cutsWord(pos)) return false;
            (e.slot == "verb" ? out_->verb : out_->type) = slot(pos, end);
            return next(end);
        }
        if (e.slot == "year") {
            size_t end = pos;
            while (end < cells_.size() && cells_[end].ch >= '0' && cells_[end].ch <= '9')
                ++end;
            if (end - pos != 4 || cutsWord(pos)) return false;
            out_->year = slot(pos, end);
            return next(end);
        }
        bool verb = e.slot == "zhverb";
        for (const LexiconEntry& entry : verb ? chineseVerbs() : chineseTypes()) {
            size_t end = read(pos, text::decodeUtf8(entry.word));
            if (end == npos) continue;
            PhraseSlot s = slot(pos, end);
            s.text = std::string(entry.meaning);
            (verb ? out_->verb : out_->type) = s;
            if (next(end)) return true;
        }
        return false;
    }

    bool readName(size_t pos, const std::function<bool(size_t)>& next) {
        if (cells_[pos].ch == kQuotedCell) {
            out_->name = slot(pos, pos + 1);
            return next(pos + 1);
        }
        for (size_t end : knownNameEnds(pos)) {
            out_->name = slot(pos, end);
            if (next(end)) return true;
        }
        if (!fallback_) return false;
        // Any words as an unknown name (longest first), never a quoted one nor half a word.
        for (size_t end = cells_.size(); end > pos; --end) {
            bool quotedInside = false;
            for (size_t i = pos; i < end; ++i)
                quotedInside = quotedInside || cells_[i].ch == kQuotedCell;
            if (quotedInside || cells_[end - 1].ch == ' ' || cutsWord(end)) continue;
            out_->name = slot(pos, end, false);
            if (next(end)) return true;
        }
        return false;
    }

    const std::vector<Cell>& cells_;
    const std::vector<std::u32string>& names_;
    std::shared_ptr<const std::string> file_;
    bool fallback_ = false;
    PhraseMatch* out_ = nullptr;
};

std::vector<std::u32string> decodeAll(const std::vector<std::string>& names) {
    std::vector<std::u32string> out;
    for (const std::string& n : names)
        out.push_back(text::decodeUtf8(n));
    return out;
}

} // namespace

std::optional<PhraseMatch> matchPhrase(const std::vector<ast::PhraseWord>& words,
                                       const std::vector<std::string>& knownNames) {
    std::vector<Cell> cells = cellsOf(words);
    std::vector<std::u32string> names = decodeAll(knownNames);
    for (bool fallback : {false, true}) {
        Matcher matcher(cells, names, words.front().span.file);
        for (const PhraseForm& form : phraseForms()) {
            PhraseMatch match;
            match.form = &form;
            if (matcher.match(elementsOf(form.pattern), fallback, match)) return match;
        }
    }
    return std::nullopt;
}

PhraseScan scanPhrase(const std::vector<ast::PhraseWord>& words,
                      const std::vector<std::string>& knownNames) {
    std::vector<Cell> cells = cellsOf(words);
    std::vector<std::u32string> names = decodeAll(knownNames);
    Matcher matcher(cells, names, words.front().span.file);
    PhraseScan scan;
    for (size_t pos = 0; pos < cells.size(); ++pos) {
        if (!scan.name && cells[pos].ch == kQuotedCell) scan.name = matcher.slot(pos, pos + 1);
        if (!scan.name)
            if (std::vector<size_t> ends = matcher.knownNameEnds(pos); !ends.empty())
                scan.name = matcher.slot(pos, ends.front());
        for (const LexiconEntry& entry : chineseVerbs())
            if (matcher.read(pos, text::decodeUtf8(entry.word)) != Matcher::npos)
                scan.verbs.emplace_back(entry.meaning);
        if (isWordChar(cells[pos].ch) && (pos == 0 || !isWordChar(cells[pos - 1].ch))) {
            std::string word;
            for (size_t i = pos; i < cells.size() && isWordChar(cells[i].ch); ++i)
                word += cells[i].written;
            scan.verbs.push_back(word);
        }
    }
    return scan;
}

SourceSpan phraseSpan(const std::vector<ast::PhraseWord>& words) {
    SourceSpan s = words.front().span;
    s.endLine = words.back().span.endLine;
    s.endColumn = words.back().span.endColumn;
    return s;
}

} // namespace chipgraph::bind
