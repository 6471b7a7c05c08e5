#pragma once
// Small helpers shared by the benchmark: clocks, medians, the generator's manifest.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace chipgraph::bench {

// One measurement: wall-clock seconds and CPU seconds of the process that did the work.
struct Sample {
    double wall = 0, cpu = 0;
};

inline double cpuSecondsOfThisProcess() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

inline double wallSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Times `work` in this process.
template <typename F> Sample timeHere(F&& work) {
    double wall0 = wallSeconds(), cpu0 = cpuSecondsOfThisProcess();
    work();
    return {wallSeconds() - wall0, cpuSecondsOfThisProcess() - cpu0};
}

inline double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The medians of wall and CPU time over runs (each taken separately).
inline Sample medianOf(const std::vector<Sample>& samples) {
    std::vector<double> wall, cpu;
    for (const Sample& s : samples) {
        wall.push_back(s.wall);
        cpu.push_back(s.cpu);
    }
    return {median(wall), median(cpu)};
}

// manifest.txt: key=value lines written by gen_supply_chain. Empty map if unreadable.
inline std::map<std::string, std::string> readManifest(const std::string& path) {
    std::map<std::string, std::string> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        size_t eq = line.find('=');
        if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return out;
}

} // namespace chipgraph::bench
