#pragma once
// What one benchmark case measures and what each system answered.
#include "bench_util.h"

#include <optional>
#include <string>
#include <vector>

namespace chipgraph::bench {

// One number both systems must agree on (and the generator, when it knows it).
struct Check {
    std::string what;
    std::optional<double> chipgraph, sqlite, expected;
};

// The result of one system on one case.
struct Measured {
    std::vector<Sample> runs;
    std::vector<double> answers; // the case's numbers, in the order of its checks
    std::string error;           // non-empty: the system failed (no time, no answer)
    bool ran() const { return !runs.empty() && error.empty(); }
};

struct Case {
    char id = 'a';
    std::string title; // "(a) upstream of c123, any depth"
    std::vector<std::string> checks;
    std::vector<std::optional<double>> expected; // per check, from the manifest
    Measured chipgraph, sqlite;
};

// The parameters of the generated data (manifest.txt) that the cases use.
struct Dataset {
    std::string dir;
    std::string targetCompany = "c123", targetChip = "chip42";
    int asOfYear = 2012;
    std::map<std::string, std::string> manifest;
    std::optional<double> expected(const std::string& key) const {
        auto it = manifest.find(key);
        if (it == manifest.end()) return std::nullopt;
        return std::stod(it->second);
    }
};

// The CSV files of a dataset, in import order (companies first: they are created by
// `supplies`; chips by `develops`).
struct CsvFile {
    const char* relation;
    const char* file;
    const char* createType;
};
inline const std::vector<CsvFile>& csvFiles() {
    static const std::vector<CsvFile> files = {{"supplies", "supplies.csv", "Company"},
                                               {"develops", "develops.csv", "Chip"},
                                               {"designs", "designs.csv", "Chip"},
                                               {"shipments", "shipments.csv", "Chip"}};
    return files;
}

} // namespace chipgraph::bench
