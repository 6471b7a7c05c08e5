#include "repl/output.h"

#include <cerrno>
#include <cstring>

namespace chipgraph::repl {

Status Output::redirect(const std::string& path, bool once) {
    auto file = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
    if (!*file) return Status::error("cannot write '" + path + "': " + std::strerror(errno));
    reset();
    file_ = std::move(file);
    path_ = path;
    once_ = once;
    return Status::ok();
}

void Output::reset() {
    if (file_) file_->close();
    file_.reset();
    path_.clear();
    once_ = false;
}

void Output::resultDone() {
    stream().flush();
    if (once_) reset();
}

std::string Output::describe() const {
    if (!file_) return "stdout";
    return path_ + (once_ ? " (once)" : "");
}

} // namespace chipgraph::repl
