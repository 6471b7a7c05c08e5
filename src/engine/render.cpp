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

} // namespace chipgraph::engine
