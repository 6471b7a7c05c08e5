#include "engine/render.h"

#include "export/derivation_format.h"
#include "export/json_document.h"

namespace chipgraph::engine {

namespace {

bool isJson(exporter::Format format) {
    return format == exporter::Format::Json || format == exporter::Format::JsonLines;
}

std::string renderOne(const StatementResult& result, exporter::Format format, bool showPlan,
                      const exporter::RenderOptions& options) {
    if (const WhyAnswer* why = result.asWhy())
        return exporter::renderDerivationsText(why->derivations);
    if (const TextAnswer* text = result.asText()) return text->text;
    const TableAnswer& answer = *result.asTable();
    std::string out;
    if (showPlan || answer.explain) out += "plan:\n" + answer.plan;
    return out + exporter::render(answer.table, format, options);
}

std::string renderJson(const std::vector<const StatementResult*>& results, exporter::Format format,
                       bool showPlan) {
    std::vector<exporter::JsonAnswer> answers;
    for (const StatementResult* r : results) {
        exporter::JsonAnswer& a = answers.emplace_back();
        a.query = r->statement;
        if (const WhyAnswer* why = r->asWhy())
            a.derivations = &why->derivations;
        else if (const TextAnswer* text = r->asText())
            a.text = text->text;
        else if (const TableAnswer* table = r->asTable()) {
            a.table = &table->table;
            if (showPlan || table->explain) a.plan = table->plan;
        }
    }
    return exporter::renderJsonDocument(answers, format == exporter::Format::JsonLines);
}

} // namespace

std::string renderResult(const StatementResult& result, exporter::Format format, bool showPlan,
                         const exporter::RenderOptions& options) {
    if (isJson(format)) return renderJson({&result}, format, showPlan);
    return renderOne(result, format, showPlan, options);
}

std::string renderResults(const std::vector<StatementResult>& results, exporter::Format format,
                          bool showPlan, const exporter::RenderOptions& options) {
    if (isJson(format)) {
        std::vector<const StatementResult*> all;
        for (const StatementResult& r : results)
            all.push_back(&r);
        return renderJson(all, format, showPlan);
    }
    std::string out;
    for (size_t i = 0; i < results.size(); ++i)
        out += (i ? "\n" : "") + renderOne(results[i], format, showPlan, options);
    return out;
}

} // namespace chipgraph::engine
