#pragma once
// The process's memory, for the memory guard of evaluation (Engine::Limits): a rule or a join
// that grows without end stops with an error before it takes the machine's memory.
#include <cstddef>
#include <string>

namespace chipgraph {

// Bytes of the process resident in memory now (Linux: /proc/self/statm), as read at most a
// millisecond ago; 0 when unknown.
size_t residentMemoryBytes();

// Bytes of physical memory of the machine; 0 when unknown.
size_t physicalMemoryBytes();

// "1.5 GB", "300 MB": a size for messages.
std::string formatBytes(size_t bytes);

// "WHAT stopped: memory use passed 1.5 GB (the limit); ...": the memory guard's error.
std::string memoryLimitMessage(const std::string& what, size_t limit);

} // namespace chipgraph
