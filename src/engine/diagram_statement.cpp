#include "engine/diagram_statement.h"

#include "common/text.h"

#include <cctype>

namespace chipgraph::engine {

namespace {

// A relation name, a date or a layout engine as typed when it is a plain word (letters,
// digits, '_', '-'; any non-ASCII letter), else quoted: never a '.' that would end the
// statement.
std::string word(const std::string& value) {
    bool plain = !value.empty();
    for (unsigned char c : value)
        plain = plain && (std::isalnum(c) || c == '_' || c == '-' || c >= 0x80);
    return plain ? value : text::quoteString(value);
}

int columnOf(const std::string& text) {
    int column = 1;
    for (unsigned char c : text)
        column += (c & 0xC0) != 0x80;
    return column;
}

class StatementText {
public:
    void add(const std::string& part) { text_ += part; }
    // A clause whose errors are usage errors.
    void addUsage(const std::string& part) {
        int begin = columnOf(text_);
        text_ += part;
        usage_.push_back({begin, columnOf(text_)});
    }
    DiagramStatement finish() { return {text_ + ".", std::move(usage_)}; }

private:
    std::string text_;
    std::vector<std::pair<int, int>> usage_;
};

// The query as typed, on one line, without its final '.'.
std::string queryText(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r') c = ' ';
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '.'))
        text.pop_back();
    return text;
}

void addTarget(const DiagramClauses& o, StatementText& s) {
    s.add("diagram");
    if (!o.query.empty()) {
        s.add(" " + queryText(o.query));
        return;
    }
    for (size_t i = 0; i < o.relations.size(); ++i)
        s.add((i ? ", " : " ") + word(o.relations[i]));
    if (!o.chain.empty()) {
        s.add(" chain of " + text::quoteString(o.chain));
        s.addUsage(" within " + std::to_string(o.hops));
    }
}

void addDates(const DiagramClauses& o, StatementText& s) {
    if (!o.asOf.empty()) {
        size_t dots = o.asOf.find("..");
        if (dots == std::string::npos)
            s.addUsage(" as of " + word(o.asOf));
        else
            s.addUsage(" during " + word(o.asOf.substr(0, dots)) + ".." +
                       word(o.asOf.substr(dots + 2)));
    }
    if (!o.knownAt.empty()) s.addUsage(" known at " + word(o.knownAt));
    if (!o.diff.empty()) {
        size_t dots = o.diff.find("..");
        std::string range =
            dots == std::string::npos
                ? word(o.diff)
                : word(o.diff.substr(0, dots)) + ".." +
                      (dots + 2 < o.diff.size() ? word(o.diff.substr(dots + 2)) : std::string());
        s.addUsage(std::string(" diff ") + (o.diffBy == "valid" ? "as of " : "") + range);
    }
}

} // namespace

DiagramStatement diagramStatement(const DiagramClauses& o) {
    StatementText s;
    addTarget(o, s);
    if (!o.entity.empty()) s.add(" where owner = " + text::quoteString(o.entity));
    addDates(o, s);
    if (o.preferLatest) s.add(" prefer latest");
    for (size_t i = 0; i < o.under.size(); ++i)
        s.addUsage((i ? ", " : " under ") + word(o.under[i]));
    if (o.layout != "dot") s.addUsage(" layout " + word(o.layout));
    if (!o.title.empty()) s.add(" title " + text::quoteString(o.title));
    if (o.legend) s.add(" with legend");
    if (o.roles) s.add(" with roles");
    if (o.nativeNames) s.add(" with native names");
    return s.finish();
}

std::shared_ptr<const DrawnDiagram> drawStatement(Engine& engine, const DiagramStatement& statement,
                                                  Outcome& outcome) {
    const std::string name = "<diagram>";
    std::vector<Engine::StatementEffect> effects = engine.effectsOf(statement.text, name, outcome);
    if (outcome.ok() && (effects.size() != 1 || effects[0].namesFile)) {
        SourceSpan span = effects.size() > 1 ? effects[1].span : SourceSpan{};
        outcome.diagnostics.push_back(
            makeError(Phase::Bind, "expected one query, as in '? designs(F, C).'", span));
    }
    if (outcome.ok()) outcome = engine.runFiles({{name, statement.text, 1, FileAccess::None}});
    const TextAnswer* answer = outcome.results.size() == 1 ? outcome.results[0].asText() : nullptr;
    if (!outcome.ok() || !answer) return nullptr;
    return answer->drawn;
}

} // namespace chipgraph::engine
