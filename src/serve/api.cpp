#include "serve/api.h"

#include "common/text.h"
#include "engine/diagram_statement.h"
#include "engine/diagram_view.h"
#include "engine/render.h"
#include "export/diagram.h"
#include "export/format.h"
#include "schema/fact.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace chipgraph::serve {

using Json = nlohmann::ordered_json;

namespace {

Reply jsonReply(int status, const Json& body) {
    // Invalid UTF-8 in a name must not make the reply fail: replace it.
    return {status, "application/json", body.dump(-1, ' ', false, Json::error_handler_t::replace)};
}

std::string param(const Params& params, const std::string& name) {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

// Session defaults for one request, restored when it ends (engines are reused).
class Defaults {
public:
    explicit Defaults(engine::Engine& engine) : engine_(engine) {}
    ~Defaults() {
        (void)engine_.setDefaultAsOf(std::nullopt);
        (void)engine_.setDefaultKnownAt(std::nullopt);
        (void)engine_.setDefaultPolicy(std::nullopt);
    }
    Defaults(const Defaults&) = delete;
    Defaults& operator=(const Defaults&) = delete;
    Status set(const Params& params) {
        if (std::string asOf = param(params, "as_of"); !asOf.empty())
            if (Status s = engine_.setDefaultAsOf(asOf); !s) return s;
        if (std::string knownAt = param(params, "known_at"); !knownAt.empty())
            if (Status s = engine_.setDefaultKnownAt(knownAt); !s) return s;
        if (std::string policy = param(params, "policy"); !policy.empty())
            if (Status s = engine_.setDefaultPolicy(policy); !s) return s;
        return Status::ok();
    }

private:
    engine::Engine& engine_;
};

// Refuses statements that would store something (unless `writesAllowed`) or name a file: they
// come back as diagnostics pointing at them. Returns true when the text may run.
bool allowed(engine::Engine& engine, const std::string& text, const std::string& name,
             bool writesAllowed, engine::Outcome& outcome) {
    std::vector<engine::Engine::StatementEffect> effects = engine.effectsOf(text, name, outcome);
    if (!outcome.ok()) return false;
    for (const engine::Engine::StatementEffect& e : effects) {
        if (e.namesFile)
            outcome.diagnostics.push_back(
                makeError(Phase::Io, "statements that name a file are refused over HTTP", e.span,
                          "drop the file name to get the answer in the page"));
        else if (e.writes && !writesAllowed)
            outcome.diagnostics.push_back(
                makeError(Phase::Store,
                          "this question would store something; /api/query only "
                          "answers questions",
                          e.span, "load statements with 'chipgraph serve --allow-writes'"));
    }
    return outcome.ok();
}

Json diagnosticJson(const Diagnostic& d, const SourceTexts& sources) {
    return Json{{"severity", d.severity == Severity::Error     ? "error"
                             : d.severity == Severity::Warning ? "warning"
                                                               : "note"},
                {"message", d.message},
                {"hint", d.hint},
                {"file", d.span.valid() ? d.span.fileName() : ""},
                {"line", d.span.line},
                {"column", d.span.column},
                {"end_line", d.span.endLine},
                {"end_column", d.span.endColumn},
                {"rendered", renderDiagnostic(d, sources)}};
}

} // namespace

bool parseJsonParams(const std::string& body, Params& params, std::string& error) {
    Json json = Json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        error = "the body is not a JSON object";
        return false;
    }
    for (auto& [key, value] : json.items()) {
        if (value.is_string())
            params[key] = value.get<std::string>();
        else if (value.is_number() || value.is_boolean())
            params[key] = value.dump();
        else if (!value.is_null()) {
            error = "'" + key + "' must be a string";
            return false;
        }
    }
    return true;
}

Reply errorReply(int status, const std::string& message, const std::string& hint) {
    return jsonReply(
        status, Json{{"error", message},
                     {"hint", hint},
                     {"diagnostics", Json::array()},
                     {"rendered", "error: " + message + (hint.empty() ? "" : "; " + hint) + "\n"}});
}

Reply diagnosticsReply(const engine::Outcome& outcome) {
    Json list = Json::array();
    for (const Diagnostic& d : outcome.diagnostics)
        list.push_back(diagnosticJson(d, outcome.sources));
    std::string first = outcome.diagnostics.empty() ? "error" : outcome.diagnostics[0].message;
    std::string hint = outcome.diagnostics.empty() ? "" : outcome.diagnostics[0].hint;
    return jsonReply(400, Json{{"error", first},
                               {"hint", hint},
                               {"diagnostics", list},
                               {"rendered", outcome.renderDiagnostics()}});
}

Reply runQuery(engine::Engine& engine, const Params& params) {
    std::string text = param(params, "text");
    if (text.empty())
        return errorReply(400, "no question asked",
                          "write a query such as: who designs Trainium3?");
    std::string formatName = param(params, "format");
    Result<exporter::Format> format =
        exporter::parseFormat(formatName.empty() ? "json" : formatName);
    if (!format) return errorReply(400, format.status().message());
    exporter::RenderOptions render; // as `chipgraph query --provenance compact|full`
    std::string provenance = param(params, "provenance");
    if (!provenance.empty() && provenance != "compact" && provenance != "full")
        return errorReply(400, "unknown provenance '" + provenance + "'; choose compact or full");
    render.fullProvenance = provenance == "full";
    Defaults defaults(engine);
    if (Status s = defaults.set(params); !s)
        return errorReply(400, s.message(), s.diagnostic({}).hint);
    engine::Outcome outcome;
    if (!allowed(engine, text, "<query>", false, outcome)) return diagnosticsReply(outcome);
    outcome = engine.runFiles({{"<query>", text, 1, engine::FileAccess::None}});
    if (!outcome.ok()) return diagnosticsReply(outcome);
    if (outcome.results.empty())
        return errorReply(400, "no question asked",
                          "write a query such as: who designs Trainium3?");
    bool json =
        format.value() == exporter::Format::Json || format.value() == exporter::Format::JsonLines;
    return {200, json ? "application/json" : "text/plain; charset=utf-8",
            engine::renderResults(outcome.results, format.value(), false, render)};
}

namespace {

const char* kindName(schema::ColumnKind kind) {
    switch (kind) {
    case schema::ColumnKind::Entity:
        return "entity";
    case schema::ColumnKind::Text:
        return "text";
    case schema::ColumnKind::Number:
        return "number";
    case schema::ColumnKind::Unknown:
        break;
    }
    return "unknown";
}

Json columnsJson(const schema::Catalog& catalog, const std::vector<schema::Column>& columns) {
    Json out = Json::array();
    for (const schema::Column& c : columns)
        out.push_back({{"name", c.name},
                       {"kind", kindName(c.kind)},
                       {"type", c.kind == schema::ColumnKind::Entity && c.type != kNoId
                                    ? catalog.type(c.type).name
                                    : ""}});
    return out;
}

// The words of the language, for completion.
const char* const kKeywords[] = {"who",
                                 "what",
                                 "which",
                                 "does",
                                 "why",
                                 "explain",
                                 "as of",
                                 "known at",
                                 "in",
                                 "during",
                                 "from",
                                 "until",
                                 "order by",
                                 "limit",
                                 "asc",
                                 "desc",
                                 "diagram",
                                 "chain of",
                                 "within",
                                 "where owner =",
                                 "with legend",
                                 "not",
                                 "count",
                                 "sum",
                                 "min",
                                 "max",
                                 "history",
                                 "conflicts",
                                 "changes known at",
                                 "diff known at",
                                 "diff as of",
                                 "prefer latest",
                                 "prefer",
                                 "deprecate",
                                 "because",
                                 "recorded at",
                                 "blame",
                                 "or",
                                 "distinct"};

} // namespace

Reply catalog(const engine::Engine& engine) {
    const schema::Catalog& c = engine.catalog();
    Json types = Json::array(), relations = Json::array(), entities = Json::array(),
         sources = Json::array();
    for (const schema::TypeInfo* t : c.types())
        types.push_back(
            {{"name", t->name}, {"parent", t->parent == kNoId ? "" : c.type(t->parent).name}});
    for (const schema::RelationInfo* r : c.relations())
        relations.push_back({{"name", r->name},
                             {"columns", columnsJson(c, r->columns)},
                             {"qualifiers", columnsJson(c, r->qualifiers)},
                             {"derived", r->derived}});
    for (const schema::EntityInfo* e : c.entities())
        entities.push_back(
            {{"name", e->name}, {"type", c.type(e->type).name}, {"aliases", e->aliases}});
    std::map<DayNumber, std::string> dates; // by the last day they cover
    for (const schema::SourceInfo* s : c.sources()) {
        std::string published = s->published ? s->published->toString() : "";
        sources.push_back({{"name", s->name},
                           {"title", s->title},
                           {"publisher", s->author},
                           {"published", published},
                           {"url", s->url}});
        if (s->published) dates.emplace(s->published->lastDay(), published);
    }
    Json reportDates = Json::array();
    for (const auto& [day, text] : dates)
        reportDates.push_back(text);
    Json keywords = Json::array();
    for (const char* k : kKeywords)
        keywords.push_back(k);
    return jsonReply(200, Json{{"types", types},
                               {"relations", relations},
                               {"entities", entities},
                               {"sources", sources},
                               {"statuses", schema::statusNames()},
                               {"report_dates", reportDates},
                               {"keywords", keywords}});
}

namespace {

// The request's parameters as the clauses of a `diagram` statement. `as_of`, `known_at` and
// `policy` are not clauses: they are the session defaults (Defaults) that any question or
// diagram without its own takes, as for /api/query; `prefer latest` is added for a diagram of
// relations, whose conflicts have their own drawing.
Result<engine::DiagramClauses> diagramClauses(const Params& p) {
    engine::DiagramClauses clauses;
    clauses.relations = text::splitList(param(p, "relations"), ',');
    clauses.query = param(p, "query");
    clauses.entity = param(p, "entity");
    clauses.chain = param(p, "chain");
    if (std::string hops = param(p, "hops"); !hops.empty()) {
        clauses.hops = std::atoi(hops.c_str());
        if (clauses.hops < 1 || clauses.hops > 10)
            return Status::error("hops must be between 1 and 10");
    }
    clauses.diff = param(p, "diff");
    if (std::string by = param(p, "diff_by"); !by.empty()) {
        if (by != "known" && by != "valid")
            return Status::error("unknown diff_by '" + by + "'; choose known or valid");
        clauses.diffBy = by;
    }
    std::string policy = param(p, "policy");
    if (policy == "latest")
        clauses.preferLatest = clauses.query.empty();
    else if (!policy.empty() && policy != "all" && clauses.query.empty())
        return Status::error("a diagram of relations takes policy 'all' or 'latest', not '" +
                             policy + "'");
    clauses.under = text::splitList(param(p, "under"), ',');
    if (std::string layout = param(p, "layout"); !layout.empty()) clauses.layout = layout;
    clauses.title = param(p, "title");
    clauses.legend = param(p, "legend") == "1";
    clauses.roles = param(p, "roles") == "1";
    clauses.nativeNames = param(p, "native_names") == "1";
    return clauses;
}

} // namespace

Reply diagram(engine::Engine& engine, const Params& params) {
    Result<engine::DiagramClauses> clauses = diagramClauses(params);
    if (!clauses) return errorReply(400, clauses.status().message());
    Defaults defaults(engine);
    if (Status s = defaults.set(params); !s)
        return errorReply(400, s.message(), s.diagnostic({}).hint);
    engine::Outcome outcome;
    std::shared_ptr<const engine::DrawnDiagram> drawn =
        engine::drawStatement(engine, engine::diagramStatement(clauses.value()), outcome);
    if (!drawn)
        return outcome.ok() ? errorReply(500, "the statement drew nothing")
                            : diagnosticsReply(outcome);
    Result<std::string> svg =
        exporter::renderDiagram(drawn->model, drawn->style, exporter::DiagramFormat::Svg);
    if (!svg) return errorReply(500, svg.status().message());
    return {200, "image/svg+xml", svg.value()};
}

namespace {

Json statsJson(const engine::LoadStats& s) {
    return Json{{"types", s.types},
                {"relations", s.relations},
                {"entities", s.entities},
                {"aliases", s.aliases},
                {"sources", s.sources},
                {"facts_added", s.factsAdded},
                {"facts_present", s.factsPresent},
                {"facts_retracted", s.factsRetracted},
                {"rules", s.rules}};
}

} // namespace

Reply load(engine::Engine& engine, const Params& params) {
    std::string text = param(params, "text");
    if (text.empty()) return errorReply(400, "nothing to load", "send .kg statements as 'text'");
    engine::Outcome outcome;
    if (!allowed(engine, text, "<load>", true, outcome)) return diagnosticsReply(outcome);
    outcome = engine.runFiles({{"<load>", text, 1, engine::FileAccess::None}});
    if (!outcome.ok()) return diagnosticsReply(outcome);
    Json answers = Json::array();
    for (const engine::StatementResult& r : outcome.results)
        answers.push_back(engine::renderResult(r, exporter::Format::Table, false));
    return jsonReply(200, Json{{"loaded", statsJson(outcome.stats)}, {"answers", answers}});
}

Reply importCsv(engine::Engine& engine, const Params& params) {
    engine::Engine::ImportRequest request;
    request.relation = param(params, "relation");
    request.text = param(params, "csv");
    request.path = "<csv>";
    request.createType = param(params, "create");
    if (request.relation.empty() || request.text.empty())
        return errorReply(400, "an import needs 'relation' and 'csv'");
    engine::Engine::ImportOutcome result = engine.importCsv(request);
    if (!result.outcome.ok()) return diagnosticsReply(result.outcome);
    Json body = statsJson(result.outcome.stats);
    body["rows"] = result.rows;
    return jsonReply(200, Json{{"imported", body}});
}

} // namespace chipgraph::serve
