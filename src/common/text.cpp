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
    // A typo is at most a third of the name's length (at least one edit).
    int length = static_cast<int>(decodeUtf8(name).size());
    int limit = std::max(1, length / 3);
    std::string best;
    int bestDistance = limit + 1;
    for (const std::string& candidate : candidates) {
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
    // The escapes the lexer's strings understand: \" \\ \n \t (a raw newline ends a string).
    std::string out = "\"";
    for (char c : s) {
        if (c == '\n' || c == '\t') {
            out += c == '\n' ? "\\n" : "\\t";
            continue;
        }
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

} // namespace chipgraph::text
