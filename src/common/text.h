#pragma once
// Text helpers shared by every layer: case folding for names, UTF-8 widths for tables and
// carets, and "did you mean" suggestions.
#include <string>
#include <string_view>
#include <vector>

namespace chipgraph::text {

// Folds ASCII letters to lowercase; other code points (Chinese included) are kept as they are.
std::string foldCase(std::string_view s);

// Decodes UTF-8 into code points; invalid bytes become U+FFFD.
std::u32string decodeUtf8(std::string_view s);

// The byte offset of the first byte that is not valid UTF-8 (a stray continuation byte, a
// truncated or overlong sequence, a surrogate, beyond U+10FFFF), or npos when all is valid.
size_t invalidUtf8Offset(std::string_view s);

// `s` with each invalid UTF-8 byte replaced by U+FFFD, for display.
std::string sanitizeUtf8(std::string_view s);

// Terminal columns the string occupies (East Asian wide characters count 2).
int displayWidth(std::string_view s);

// Byte offset of the given 1-based code-point column in `line` (clamped to its size).
size_t byteOffsetOfColumn(std::string_view line, int column);

// Levenshtein distance over code points, case-insensitive.
int editDistance(std::string_view a, std::string_view b);

// The candidate closest to `name` if it is close enough to be a plausible typo, else "".
std::string nearestName(std::string_view name, const std::vector<std::string>& candidates);

// `did you mean 'X'?` or "" when there is no plausible candidate.
std::string didYouMean(std::string_view name, const std::vector<std::string>& candidates);

// The items of a `separator`-separated list, each without surrounding spaces; empty items are
// dropped ("a, b,,c" -> a, b, c).
std::vector<std::string> splitList(std::string_view s, char separator);

// Quotes a name for display in source syntax when it is not a bare identifier.
std::string quoteNameIfNeeded(std::string_view name);

// Escapes a string as a language string literal (with the surrounding quotes).
std::string quoteString(std::string_view s);

} // namespace chipgraph::text
