#include "common/text.h"

#include <algorithm>
#include <cctype>

namespace chipgraph::text {

std::string foldCase(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::u32string decodeUtf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? c : c & (0x7F >> len);
        bool valid = true;
        for (int k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) valid = false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        out.push_back(valid ? cp : 0xFFFD);
        i += valid ? len : 1;
    }
    return out;
}

// The length of the valid UTF-8 sequence at s[i], or 0 (RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF).
static size_t validSequenceAt(std::string_view s, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4
                                          : 0;
    if (len == 0 || i + len > s.size()) return 0;
    for (size_t k = 1; k < len; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    unsigned char second = byte(i + 1);
    if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) ||
        (c == 0xF0 && second < 0x90) || (c == 0xF4 && second > 0x8F))
        return 0;
    return len;
}

size_t invalidUtf8Offset(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        size_t len = validSequenceAt(s, i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::string sanitizeUtf8(std::string_view s) {
    if (invalidUtf8Offset(s) == std::string_view::npos) return std::string(s);
    std::string out;
    for (size_t i = 0; i < s.size();) {
        size_t len = validSequenceAt(s, i);
        out += len == 0 ? std::string_view("\xEF\xBF\xBD") : s.substr(i, len);
        i += len == 0 ? 1 : len;
    }
    return out;
}

static bool isWide(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

int displayWidth(std::string_view s) {
    int width = 0;
    for (char32_t cp : decodeUtf8(s))
        width += isWide(cp) ? 2 : 1;
    return width;
}

size_t byteOffsetOfColumn(std::string_view line, int column) {
    size_t i = 0;
    for (int col = 1; col < column && i < line.size(); ++col) {
        ++i;
        while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80)
            ++i;
    }
    return i;
}

int editDistance(std::string_view a, std::string_view b) {
    std::u32string x = decodeUtf8(foldCase(a)), y = decodeUtf8(foldCase(b));
    std::vector<int> prev(y.size() + 1), cur(y.size() + 1);
    for (size_t j = 0; j <= y.size(); ++j)
        prev[j] = static_cast<int>(j);
    for (size_t i = 1; i <= x.size(); ++i) {
        cur[0] = static_cast<int>(i);
        for (size_t j = 1; j <= y.size(); ++j) {
            int substitution = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitution});
        }
        std::swap(prev, cur);
    }
    return prev[y.size()];
}

std::string nearestName(std::string_view name, const std::vector<std::string>& candidates) {
    // The edit distance costs the product of the lengths: past kMaxSuggestedLength no typo is
    // looked for (a pasted paragraph is not a misspelt name).
    constexpr size_t kMaxSuggestedLength = 64;
    size_t length = decodeUtf8(name).size();
    if (length > kMaxSuggestedLength) return std::string();
    // A typo is at most a third of the name's length (at least one edit).
    int limit = std::max(1, static_cast<int>(length) / 3);
    std::string best;
    int bestDistance = limit + 1;
    for (const std::string& candidate : candidates) {
        // Lengths that differ by more than the limit cannot be within it (bytes bound the
        // code points: at most 4 bytes each).
        if (candidate.size() > 4 * (length + static_cast<size_t>(limit)) ||
            candidate.size() + static_cast<size_t>(limit) < length)
            continue;
        int d = editDistance(name, candidate);
        if (d < bestDistance || (d == bestDistance && !best.empty() && candidate < best)) {
            bestDistance = d;
            best = candidate;
        }
    }
    return bestDistance <= limit ? best : std::string();
}

std::string didYouMean(std::string_view name, const std::vector<std::string>& candidates) {
    std::string best = nearestName(name, candidates);
    return best.empty() ? std::string() : "did you mean '" + best + "'?";
}

static bool isIdentStart(unsigned char c) {
    return std::isalpha(c) || c == '_' || c >= 0x80;
}

std::string quoteNameIfNeeded(std::string_view name) {
    bool bare = !name.empty() && isIdentStart(static_cast<unsigned char>(name[0]));
    for (unsigned char c : name)
        if (!(isIdentStart(c) || std::isdigit(c))) bare = false;
    return bare ? std::string(name) : quoteString(name);
}

std::string quoteString(std::string_view s) {
    // The escapes the lexer's strings understand: \" \\ \n \t \r (a raw line break ends a
    // string, so a text with one, from a CSV field, is written with escapes).
    std::string out = "\"";
    for (char c : s) {
        if (c == '\n' || c == '\t' || c == '\r') {
            out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r";
            continue;
        }
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::vector<std::string> splitList(std::string_view s, char separator) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = std::min(s.find(separator, start), s.size());
        std::string_view item = s.substr(start, end - start);
        size_t first = item.find_first_not_of(" \t");
        if (first != std::string_view::npos)
            items.emplace_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
        start = end + 1;
    }
    return items;
}

} // namespace chipgraph::text
