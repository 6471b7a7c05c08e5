#pragma once
// The JSON API of `chipgraph serve`, apart from HTTP: each function takes one request's
// parameters and an engine, and returns the reply (status, content type, body). The server
// (server.cpp) decides which engine a request gets; these functions never see httplib, so the
// unit tests call them directly too. docs/serve.md documents every endpoint.
#include "engine/engine.h"

#include <cstddef>
#include <map>
#include <string>

namespace chipgraph::serve {

struct Reply {
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
};

// A request's named parameters: the query string of a GET, the JSON object of a POST.
using Params = std::map<std::string, std::string>;

// Parses a POST body: a JSON object whose values are strings (numbers and booleans become
// their text). Returns nullopt-like false with `error` set when the body is not such an object.
bool parseJsonParams(const std::string& body, Params& params, std::string& error);

// 4xx/5xx with {"error": message, "hint": hint, "diagnostics": []}.
Reply errorReply(int status, const std::string& message, const std::string& hint = "");

// 400 with every diagnostic of `outcome`: {"error", "hint", "diagnostics": [{severity, message,
// hint, file, line, column, end_line, end_column, rendered}], "rendered"} where `rendered` is
// the text `chipgraph query` prints on stderr (source line and carets).
Reply diagnosticsReply(const engine::Outcome& outcome);

// POST /api/query {text, format?, as_of?, known_at?, policy?}: runs the statements and returns
// exactly what `chipgraph query --format FORMAT` prints (default json). Statements that store
// anything or name a file are refused (400, pointing at them); `as_of` / `known_at` apply to
// questions that give none. The engine's session defaults are restored afterwards.
Reply runQuery(engine::Engine& engine, const Params& params);

// GET /api/catalog: types (name, parent), relations (name, columns with kind and type,
// qualifiers, derived), entities (name, type, aliases), sources (name, title, publisher,
// published, url), the dates that facts are reported at (for the time sliders) and keywords.
Reply catalog(const engine::Engine& engine);

// GET /api/diagram?entity=|chain=&hops=|query=|relations=a,b&as_of=&known_at=&policy=latest&
// legend=1&diff=FROM..TO&under=a,b...: the engine's diagram as SVG (as `chipgraph diagram -f
// svg`), from one `diagram` statement made of the parameters (engine/diagram_statement.h), so
// its errors are the parser's and binder's, with carets.
Reply diagram(engine::Engine& engine, const Params& params);

// POST /api/load {text}: loads .kg statements (all or nothing, as `chipgraph load`); the reply
// counts what was added. Only with --allow-writes; files named by statements are refused.
Reply load(engine::Engine& engine, const Params& params);

// POST /api/import {relation, csv, create?}: a CSV import (as `chipgraph import`), all rows or
// none. Only with --allow-writes.
Reply importCsv(engine::Engine& engine, const Params& params);

} // namespace chipgraph::serve
