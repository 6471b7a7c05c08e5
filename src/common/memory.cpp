#include "common/memory.h"

#include <cstdio>
#include <unistd.h>

namespace chipgraph {

size_t residentMemoryBytes() {
    // statm's second field is the resident set in pages; a read costs a few microseconds, so
    // callers poll it now and then, not per row.
    std::FILE* file = std::fopen("/proc/self/statm", "r");
    if (!file) return 0;
    unsigned long long size = 0, resident = 0;
    int read = std::fscanf(file, "%llu %llu", &size, &resident);
    std::fclose(file);
    long page = sysconf(_SC_PAGESIZE);
    return read == 2 && page > 0 ? static_cast<size_t>(resident) * static_cast<size_t>(page) : 0;
}

size_t physicalMemoryBytes() {
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    return pages > 0 && page > 0 ? static_cast<size_t>(pages) * static_cast<size_t>(page) : 0;
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
