#include "common/text.h"

#include <catch2/catch.hpp>

using namespace chipgraph;

TEST_CASE("foldCase lowers ASCII letters only", "[text]") {
    CHECK(text::foldCase("TrAiNiUm3") == "trainium3");
    CHECK(text::foldCase("谷歌ABC") == "谷歌abc");
    CHECK(text::foldCase("Ä") == "Ä");
    CHECK(text::foldCase("") == "");
    CHECK(text::foldCase("_x-Y.9") == "_x-y.9");
}

TEST_CASE("decodeUtf8 yields code points", "[text]") {
    CHECK(text::decodeUtf8("a谷") == U"a谷");
    CHECK(text::decodeUtf8("海外算力") == U"海外算力");
    CHECK(text::decodeUtf8("\xF0\x9F\x9A\x80") == U"\U0001F680");
    CHECK(text::decodeUtf8("") == U"");
}

TEST_CASE("decodeUtf8 turns invalid bytes into U+FFFD", "[text][error]") {
    CHECK(text::decodeUtf8("\xff") == U"\uFFFD");
    CHECK(text::decodeUtf8("a\x80"
                           "b") == U"a\uFFFDb");
    // A truncated three-byte sequence: the lead byte and the orphan continuation byte.
    CHECK(text::decodeUtf8("\xe8\xb0") == U"\uFFFD\uFFFD");
    // A lead byte followed by ASCII is invalid, and the ASCII survives.
    CHECK(text::decodeUtf8("\xe8"
                           "ab") == U"\uFFFDab");
}

TEST_CASE("displayWidth counts East Asian wide characters twice", "[text]") {
    CHECK(text::displayWidth("") == 0);
    CHECK(text::displayWidth("abc") == 3);
    CHECK(text::displayWidth("谷歌") == 4);
    CHECK(text::displayWidth("海外算力ASIC") == 12);
    CHECK(text::displayWidth("世芯-KY") == 7);
    CHECK(text::displayWidth("\xF0\x9F\x9A\x80") == 2);
    CHECK(text::displayWidth("é") == 1);
}

TEST_CASE("byteOffsetOfColumn walks code points and clamps", "[text]") {
    CHECK(text::byteOffsetOfColumn("a谷b", 1) == 0);
    CHECK(text::byteOffsetOfColumn("a谷b", 2) == 1);
    CHECK(text::byteOffsetOfColumn("a谷b", 3) == 4);
    CHECK(text::byteOffsetOfColumn("a谷b", 4) == 5);
    CHECK(text::byteOffsetOfColumn("a谷b", 40) == 5);
    CHECK(text::byteOffsetOfColumn("", 3) == 0);
}

TEST_CASE("editDistance is case-insensitive Levenshtein over code points", "[text]") {
    CHECK(text::editDistance("designs", "designs") == 0);
    CHECK(text::editDistance("Trainium3", "trainium3") == 0);
    CHECK(text::editDistance("desings", "designs") == 2);
    CHECK(text::editDistance("entiy", "entity") == 1);
    CHECK(text::editDistance("谷歌", "谷哥") == 1);
    CHECK(text::editDistance("", "abc") == 3);
    CHECK(text::editDistance("abc", "") == 3);
    CHECK(text::editDistance("kitten", "sitting") == 3);
}

TEST_CASE("nearestName accepts a typo of at most a third of the name", "[text]") {
    std::vector<std::string> relations = {"designs", "develops", "fabbed_on"};
    CHECK(text::nearestName("desings", relations) == "designs");
    CHECK(text::nearestName("DESIGNS", relations) == "designs");
    CHECK(text::nearestName("develop", relations) == "develops");
    CHECK(text::nearestName("xyz", relations) == "");
    CHECK(text::nearestName("supplies", relations) == "");
    CHECK(text::nearestName("designs", {}) == "");
    // Short names still allow one edit.
    CHECK(text::nearestName("ab", {"ac"}) == "ac");
    CHECK(text::nearestName("ab", {"cd"}) == "");
}

TEST_CASE("nearestName breaks ties by name, whatever the candidate order", "[text]") {
    CHECK(text::nearestName("cat", {"cot", "bat"}) == "bat");
    CHECK(text::nearestName("cat", {"bat", "cot"}) == "bat");
    // A closer candidate wins over an alphabetically smaller one.
    CHECK(text::nearestName("cat", {"bat", "cat"}) == "cat");
}

TEST_CASE("didYouMean phrases the suggestion or stays silent", "[text]") {
    CHECK(text::didYouMean("desings", {"designs", "develops"}) == "did you mean 'designs'?");
    CHECK(text::didYouMean("Tranium3", {"Trainium3", "TPU v7"}) == "did you mean 'Trainium3'?");
    CHECK(text::didYouMean("谷哥", {"谷歌", "Google"}) == "did you mean '谷歌'?");
    CHECK(text::didYouMean("completely", {"designs"}) == "");
}

TEST_CASE("quoteNameIfNeeded leaves identifiers bare", "[text]") {
    CHECK(text::quoteNameIfNeeded("Trainium3") == "Trainium3");
    CHECK(text::quoteNameIfNeeded("_x") == "_x");
    CHECK(text::quoteNameIfNeeded("谷歌") == "谷歌");
    CHECK(text::quoteNameIfNeeded("TPU v7") == "\"TPU v7\"");
    CHECK(text::quoteNameIfNeeded("3661.TW") == "\"3661.TW\"");
    CHECK(text::quoteNameIfNeeded("世芯-KY") == "\"世芯-KY\"");
    CHECK(text::quoteNameIfNeeded("") == "\"\"");
}

TEST_CASE("quoteString escapes quotes, backslashes, newlines and tabs", "[text]") {
    CHECK(text::quoteString("plain") == "\"plain\"");
    CHECK(text::quoteString("say \"hi\"") == "\"say \\\"hi\\\"\"");
    CHECK(text::quoteString("a\\b") == "\"a\\\\b\"");
    CHECK(text::quoteString("line1\nline2") == "\"line1\\nline2\"");
    CHECK(text::quoteString("a\tb") == "\"a\\tb\"");
    CHECK(text::quoteString("海外算力ASIC:需求或提速") == "\"海外算力ASIC:需求或提速\"");
}

TEST_CASE("decodeUtf8 rejects impossible lead bytes and stray continuations", "[text][error]") {
    CHECK(text::decodeUtf8("\xF8\x88") == U"\uFFFD\uFFFD");
    CHECK(text::decodeUtf8("\xBF") == U"\uFFFD");
    CHECK(text::decodeUtf8("\xF0\x9F\x9A") == U"\uFFFD\uFFFD\uFFFD");
}

TEST_CASE("invalid bytes take one display column each", "[text][error]") {
    CHECK(text::displayWidth("\xff\xfe") == 2);
    CHECK(text::displayWidth("a\xe8") == 2);
}

TEST_CASE("nearestName gives nothing when every candidate is too far", "[text][error]") {
    CHECK(text::nearestName("abcdef", {"abcxyz"}) == "");
    CHECK(text::nearestName("Trainium3", {"TPU v7", "Maia 200"}) == "");
}

TEST_CASE("didYouMean is silent without candidates", "[text][error]") {
    CHECK(text::didYouMean("desings", {}) == "");
    CHECK(text::didYouMean("", {}) == "");
}

TEST_CASE("names with spaces, punctuation or a leading digit are quoted", "[text][error]") {
    CHECK(text::quoteNameIfNeeded("9nm") == "\"9nm\"");
    CHECK(text::quoteNameIfNeeded("a.b") == "\"a.b\"");
    CHECK(text::quoteNameIfNeeded("a b") == "\"a b\"");
    CHECK(text::quoteNameIfNeeded("say \"hi\"") == "\"say \\\"hi\\\"\"");
}

// Issue 14, items 1 and 16: invalid UTF-8 is found where it is, never thrown on.
TEST_CASE("invalidUtf8Offset finds the first byte that is not UTF-8", "[text][utf8][issue14]") {
    constexpr size_t kNone = std::string_view::npos;
    CHECK(text::invalidUtf8Offset("") == kNone);
    CHECK(text::invalidUtf8Offset("ascii and 谷歌 and \xF0\x9F\x9A\x80") == kNone);
    CHECK(text::invalidUtf8Offset("\xff") == 0);
    CHECK(text::invalidUtf8Offset("caf\xe9") == 3);                  // Latin-1
    CHECK(text::invalidUtf8Offset("ab\x80") == 2);                   // a stray continuation byte
    CHECK(text::invalidUtf8Offset("\xe8\xb0") == 0);                 // truncated
    CHECK(text::invalidUtf8Offset("\xc0\xaf") == 0);                 // overlong
    CHECK(text::invalidUtf8Offset("\xed\xa0\x80") == 0);             // a surrogate
    CHECK(text::invalidUtf8Offset("\xf4\x90\x80\x80") == 0);         // beyond U+10FFFF
    CHECK(text::invalidUtf8Offset(std::string("a\0b", 3)) == kNone); // NUL is UTF-8
}

TEST_CASE("sanitizeUtf8 replaces each invalid byte for display", "[text][utf8][issue14]") {
    CHECK(text::sanitizeUtf8("谷歌") == "谷歌");
    CHECK(text::sanitizeUtf8("a\xff\xfe") == "a\xEF\xBF\xBD\xEF\xBF\xBD");
}

// Issue 14, item 8: a 100,000-character name and a misspelt copy took 23 s.
TEST_CASE("no suggestion is looked for past 64 characters", "[text][issue14]") {
    std::string name(100000, 'a');
    std::string typo = name.substr(1) + "b";
    CHECK(text::nearestName(typo, {name, "Trainium3"}).empty());
    CHECK(text::nearestName(std::string(64, 'a') + "x", {std::string(65, 'a')}).empty());
    CHECK(text::nearestName(std::string(63, 'a') + "x", {std::string(64, 'a')}) ==
          std::string(64, 'a'));
}
