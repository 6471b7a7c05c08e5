#include "common/input_file.h"

#include <filesystem>
#include <fstream>

namespace chipgraph {

namespace fs = std::filesystem;

static Status tooLarge(const std::string& name, size_t maxBytes) {
    return Status::error("'" + name + "' is larger than " + std::to_string(maxBytes >> 20) +
                         " MB (the limit for a script); load bulk data with 'chipgraph import'");
}

Result<std::string> readInputFile(const std::string& path, size_t maxBytes,
                                  const std::string& what) {
    std::error_code error;
    fs::file_status status = fs::status(path, error); // follows links: their target counts
    if (error || !fs::exists(status)) return Status::error("no " + what + " '" + path + "'");
    if (fs::is_directory(status))
        return Status::error("'" + path + "' is a directory, not a " + what);
    if (!fs::is_regular_file(status))
        return Status::error("'" + path + "' is not a regular file (a device, FIFO or socket)");
    uintmax_t size = fs::file_size(path, error);
    if (error) return Status::error("cannot read '" + path + "': " + error.message());
    if (maxBytes != kNoSizeLimit && size > maxBytes) return tooLarge(path, maxBytes);
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::error("cannot read '" + path + "'");
    std::string text(static_cast<size_t>(size), '\0');
    if (size > 0 && !in.read(text.data(), static_cast<std::streamsize>(size)))
        return Status::error("cannot read '" + path + "'");
    return text;
}

Result<std::string> readInputStream(std::istream& in, const std::string& name, size_t maxBytes) {
    std::string text;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<size_t>(in.gcount()));
        if (maxBytes != kNoSizeLimit && text.size() > maxBytes) return tooLarge(name, maxBytes);
    }
    return text;
}

} // namespace chipgraph
