// libFuzzer target: any text, run as `chipgraph query TEXT` / `chipgraph run FILE` run it
// (Engine::run on the bundled knowledge base), answers and errors rendered as the CLI prints
// them. Beyond the sanitizers it checks one promise of the engine: a unit that fails changes
// nothing.
#include "engine/render.h"
#include "fuzz_engine.h"
#include "fuzz_guard.h"
#include "parse/parser.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace chipgraph;
    static fuzz::BundledEngines engines("fuzz_run");
    if (size > fuzz::kMaxInput) return -1;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    parse::ParseResult parsed =
        parse::parseProgram(text, std::make_shared<const std::string>("<query>"));
    if (parsed.ok() && fuzz::leaveOut(parsed.program)) return -1;

    engine::Engine& engine = engines.current();
    (void)engine::Engine::isIncomplete(text); // the REPL asks this of every line
    size_t factsBefore = engine.factCount();
    // As `chipgraph query` runs text: no statement may name a file (the skip above is a second
    // line of defence, not the only one).
    engine::Outcome outcome =
        engine.runFiles({{"<query>", std::string(text), 1, engine::FileAccess::None}});
    std::string shown = outcome.renderDiagnostics();
    for (const engine::StatementResult& result : outcome.results) {
        shown += engine::renderResult(result, exporter::Format::Table, true);
        shown += engine::renderResult(result, exporter::Format::Json, false);
    }
    if (!outcome.ok() && engine.factCount() != factsBefore) {
        std::fprintf(stderr, "fuzz_run: a failed unit changed the facts (%zu -> %zu)\n%s",
                     factsBefore, engine.factCount(), shown.c_str());
        std::abort();
    }
    // Each input must reproduce on its own: a unit that may have changed the engine leaves it.
    if (outcome.ok() && fuzz::changesState(parsed.program)) engines.discard();
    return 0;
}
