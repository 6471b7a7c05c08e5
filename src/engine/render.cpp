#include "engine/render.h"

#include "export/derivation_format.h"

namespace chipgraph::engine {

std::string renderResult(const QueryResult& result, exporter::Format format, bool showPlan) {
    if (result.why)
        return format == exporter::Format::Json
                   ? exporter::renderDerivationsJson(result.derivations)
                   : exporter::renderDerivationsText(result.derivations);
    if (result.text) return *result.text;
    std::string out;
    if (showPlan || result.explain) out += "plan:\n" + result.plan;
    return out + exporter::render(result.table, format);
}

std::string renderResults(const std::vector<QueryResult>& results, exporter::Format format,
                          bool showPlan) {
    std::string out;
    for (size_t i = 0; i < results.size(); ++i) {
        if (i > 0 && format != exporter::Format::Json) out += "\n";
        out += renderResult(results[i], format, showPlan);
    }
    return out;
}

} // namespace chipgraph::engine
