// The session's defaults (`.asof`, `.knownat`, `.prefer` in the shell): each change counts, so
// that questions cached under the old defaults are bound again.
#include "engine/engine.h"

#include "common/text.h"

namespace chipgraph::engine {

static Result<PartialDate> parseSessionDate(const std::string& text) {
    Result<PartialDate> date = PartialDate::parse(text);
    if (!date) return Status::error("invalid date '" + text + "': " + date.status().message());
    return date;
}

// Keeps `value` as the new default; a change keys the question cache anew (serve sets every
// default before each request, mostly to what it was).
template <class T> void Engine::changeDefault(T& field, T value) {
    if (field == value) return;
    field = std::move(value);
    ++defaultsGeneration_;
}

Status Engine::setDefaultAsOf(const std::optional<std::string>& date) {
    std::optional<Interval> window;
    if (date) {
        Result<PartialDate> parsed = parseSessionDate(*date);
        if (!parsed) return parsed.status();
        window = Interval::of(parsed.value());
    }
    changeDefault(defaults_.window, window);
    return Status::ok();
}

Status Engine::setDefaultKnownAt(const std::optional<std::string>& date) {
    std::optional<DayNumber> knownAt;
    if (date) {
        Result<PartialDate> parsed = parseSessionDate(*date);
        if (!parsed) return parsed.status();
        knownAt = parsed.value().lastDay();
    }
    changeDefault(defaults_.knownAt, knownAt);
    return Status::ok();
}

Status Engine::setDefaultPolicy(const std::optional<std::string>& policy) {
    bind::Policy parsed;
    std::vector<std::string> words = text::splitList(policy.value_or("all"), ',');
    std::string first = words.empty() ? "all" : text::foldCase(words[0]);
    if (words.size() == 1 && first == "latest") {
        parsed.kind = bind::Policy::Kind::Latest;
    } else if (words.size() > 1 || first != "all") {
        parsed.kind = bind::Policy::Kind::Ranking;
        for (const std::string& name : words) {
            const schema::SourceInfo* source = catalog_.findSource(name);
            if (!source)
                return Status::error(Phase::Bind, "unknown policy or source '" + name + "'", {},
                                     "choose all, latest, or declared sources separated by "
                                     "commas (a ranking, best first)");
            parsed.ranking.push_back(source->id);
        }
    }
    changeDefault(defaults_.policy.kind, parsed.kind);
    changeDefault(defaults_.policy.ranking, std::move(parsed.ranking));
    return Status::ok();
}

} // namespace chipgraph::engine
