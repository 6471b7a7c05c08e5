#include "common/memory.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <unistd.h>

namespace chipgraph {

static size_t readResidentMemoryBytes() {
    std::FILE* file = std::fopen("/proc/self/statm", "r");
    if (!file) return 0;
    unsigned long long size = 0, resident = 0;
    int read = std::fscanf(file, "%llu %llu", &size, &resident);
    std::fclose(file);
    long page = sysconf(_SC_PAGESIZE);
    return read == 2 && page > 0 ? static_cast<size_t>(resident) * static_cast<size_t>(page) : 0;
}

size_t residentMemoryBytes() {
    // statm's second field is the resident set in pages. A read costs a few microseconds (an
    // open, a read, a close), and a small question polls several times (each round of a
    // recursive rule): a reading is reused for a millisecond, in which a runaway evaluation
    // grows by a few megabytes at most.
    using Clock = std::chrono::steady_clock;
    constexpr int64_t kReuseTicks =
        std::chrono::duration_cast<Clock::duration>(std::chrono::milliseconds(1)).count();
    static std::atomic<int64_t> readAt{0}; // Clock ticks; 0: never read
    static std::atomic<size_t> bytes{0};
    int64_t now = Clock::now().time_since_epoch().count();
    int64_t last = readAt.load(std::memory_order_acquire);
    if (last != 0 && now - last < kReuseTicks) return bytes.load(std::memory_order_relaxed);
    size_t read = readResidentMemoryBytes();
    bytes.store(read, std::memory_order_relaxed);
    readAt.store(now, std::memory_order_release);
    return read;
}

size_t physicalMemoryBytes() {
    // Asked once per statement (the default memory guard): the machine's memory stays put.
    static const size_t bytes = [] {
        long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
        return pages > 0 && page > 0 ? static_cast<size_t>(pages) * static_cast<size_t>(page)
                                     : size_t{0};
    }();
    return bytes;
}

std::string formatBytes(size_t bytes) {
    constexpr double kMb = 1024.0 * 1024.0;
    char text[32];
    if (bytes >= 1024 * 1024 * 1024)
        std::snprintf(text, sizeof text, "%.1f GB", bytes / (kMb * 1024.0));
    else
        std::snprintf(text, sizeof text, "%.0f MB", bytes / kMb);
    return text;
}

std::string memoryLimitMessage(const std::string& what, size_t limit) {
    return what + " stopped: memory use passed " + formatBytes(limit) +
           " (the limit); narrow the question, or raise the limit with --max-memory MB";
}

} // namespace chipgraph
