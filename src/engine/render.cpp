#include "engine/render.h"

#include "export/derivation_format.h"
#include "export/json_document.h"

namespace chipgraph::engine {

namespace {

bool isJson(exporter::Format format) {
    return format == exporter::Format::Json || format == exporter::Format::JsonLines;
}

std::string renderOne(const QueryResult& result, exporter::Format format, bool showPlan,
                      const exporter::RenderOptions& options) {
    if (result.why) return exporter::renderDerivationsText(result.derivations);
    if (result.text) return *result.text;
    std::string out;
    if (showPlan || result.explain) out += "plan:\n" + result.plan;
    return out + exporter::render(result.table, format, options);
}

std::string renderJson(const std::vector<const QueryResult*>& results, exporter::Format format,
                       bool showPlan) {
    std::vector<exporter::JsonAnswer> answers;
    for (const QueryResult* r : results) {
        exporter::JsonAnswer& a = answers.emplace_back();
        a.query = r->query;
        if (r->why)
            a.derivations = &r->derivations;
        else if (r->text)
            a.text = r->text;
        else
            a.table = &r->table;
        if ((showPlan || r->explain) && !r->why && !r->text) a.plan = r->plan;
        if (r->basis) {
            auto day = [](const std::optional<DayNumber>& d) {
                return d ? std::optional(formatDay(*d)) : std::nullopt;
            };
            a.basis = exporter::JsonAnswer::Basis{
                day(r->basis->knownAt),
                r->basis->window ? std::optional(formatInterval(*r->basis->window)) : std::nullopt,
                day(r->basis->recordedAt), r->basis->policy, r->basis->fingerprint};
        }
    }
    return exporter::renderJsonDocument(answers, format == exporter::Format::JsonLines);
}

} // namespace

std::string renderResult(const QueryResult& result, exporter::Format format, bool showPlan,
                         const exporter::RenderOptions& options) {
    if (isJson(format)) return renderJson({&result}, format, showPlan);
    return renderOne(result, format, showPlan, options);
}

std::string renderResults(const std::vector<QueryResult>& results, exporter::Format format,
                          bool showPlan, const exporter::RenderOptions& options) {
    if (isJson(format)) {
        std::vector<const QueryResult*> all;
        for (const QueryResult& r : results)
            all.push_back(&r);
        return renderJson(all, format, showPlan);
    }
    std::string out;
    for (size_t i = 0; i < results.size(); ++i)
        out += (i ? "\n" : "") + renderOne(results[i], format, showPlan, options);
    return out;
}

} // namespace chipgraph::engine
