// libFuzzer target: CSV import, as `chipgraph import --db DB RELATION FILE [--create TYPE]
// [--skip-bad REPORT]` runs it, into a database holding the bundled knowledge base. An input is
// a first line `RELATION [TYPE|-] [skip]` followed by the CSV text (make_seeds.sh writes seeds
// in this form). Beyond the sanitizers it checks that a failed import changes nothing and a
// successful one adds exactly the facts it reports.
#include "fuzz_engine.h"
#include "fuzz_guard.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

namespace {

using chipgraph::engine::Engine;

// The request the first line asks for; false when there is no CSV after it (an empty text
// would make importCsv read the file named by the path).
bool parseRequest(std::string_view input, Engine::ImportRequest& request) {
    size_t end = input.find('\n');
    if (end == std::string_view::npos || end + 1 == input.size()) return false;
    std::istringstream words{std::string(input.substr(0, end))};
    std::string createType, skip;
    words >> request.relation >> createType >> skip;
    if (createType != "-") request.createType = createType;
    request.skipBad = skip == "skip";
    request.path = "<fuzz>.csv";
    request.text = std::string(input.substr(end + 1));
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace chipgraph;
    static fuzz::BundledEngines engines("fuzz_import");
    if (size > fuzz::kMaxInput) return -1;
    Engine::ImportRequest request;
    if (!parseRequest(std::string_view(reinterpret_cast<const char*>(data), size), request))
        return -1;

    Engine& engine = engines.current();
    size_t factsBefore = engine.factCount();
    Engine::ImportOutcome result = engine.importCsv(request);
    std::string shown = result.outcome.renderDiagnostics();
    for (const Diagnostic& error : result.rowErrors)
        shown += error.message;
    size_t factsAfter = engine.factCount();
    size_t expected =
        result.outcome.ok() ? factsBefore + size_t(result.outcome.stats.factsAdded) : factsBefore;
    if (factsAfter != expected) {
        std::fprintf(stderr, "fuzz_import: %zu facts before, %zu after, %zu expected\n%s",
                     factsBefore, factsAfter, expected, shown.c_str());
        std::abort();
    }
    // Each input must reproduce on its own: an import that added anything leaves the engine.
    if (result.outcome.ok() && (factsAfter != factsBefore || result.outcome.stats.entities > 0))
        engines.discard();
    return 0;
}
