// chipgraph_snapshot OUT.db ROOT FILE.kg...: loads the files (named relative to ROOT, as the
// bundled graph names them) into a new database OUT.db, in one unit. The build embeds it in the
// chipgraph executable as the bundled graph's snapshot (cmake/EmbedSnapshot.cmake,
// engine/bundled_graph.h). Exit code 1, with the diagnostics, if the files do not load.
#include "engine/engine.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;
using namespace chipgraph;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: chipgraph_snapshot OUT.db ROOT FILE.kg...\n";
        return 2;
    }
    std::string out = argv[1];
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(out + suffix);
    std::vector<engine::SourceFile> files;
    for (int i = 3; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        files.push_back({fs::relative(argv[i], argv[2]).generic_string(), text.str(), 1});
    }
    engine::Outcome outcome;
    {
        auto engine = engine::Engine::open(out);
        if (!engine) {
            std::cerr << "chipgraph_snapshot: " << engine.status().message() << "\n";
            return 1;
        }
        outcome = engine.value()->runFiles(files);
    }
    if (!outcome.ok()) {
        std::cerr << outcome.renderDiagnostics();
        fs::remove(out);
        return 1;
    }
    return 0;
}
