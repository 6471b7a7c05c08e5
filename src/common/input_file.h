#pragma once
// Reading an input file (a .kg script, a CSV) whole. Only regular files: a directory would
// read as an empty file, /dev/zero never ends and a FIFO may never open, so each is refused
// by name. Scripts also have a size limit (docs/limits.md): a parsed statement costs far more
// memory than its text, and `import` is the path for bulk data.
#include "common/status.h"

#include <cstddef>
#include <istream>
#include <string>

namespace chipgraph {

// The largest .kg script read (a file, or standard input): 8 MiB.
constexpr size_t kMaxScriptBytes = size_t{8} << 20;
// No limit: CSV files, read by `import`, which holds a few bytes per input byte.
constexpr size_t kNoSizeLimit = 0;

// The content of the regular file at `path`, or an error naming it (missing, a directory,
// not a regular file, unreadable, larger than `maxBytes` unless that is kNoSizeLimit).
// `what` names the kind of file in messages ("script", "CSV file").
Result<std::string> readInputFile(const std::string& path, size_t maxBytes,
                                  const std::string& what = "file");

// The whole stream (standard input), or an error past `maxBytes` (unless kNoSizeLimit).
Result<std::string> readInputStream(std::istream& in, const std::string& name, size_t maxBytes);

} // namespace chipgraph
