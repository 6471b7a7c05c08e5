#pragma once
// Status and Result<T>: errors as values (g++ 12 has no std::expected). No exception crosses a
// module boundary; call sites test ok() and return early.
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace chipgraph {

class Status {
public:
    Status() = default;
    static Status ok() { return Status(); }
    static Status error(std::string message) { return Status(std::move(message)); }

    bool isOk() const { return !message_.has_value(); }
    explicit operator bool() const { return isOk(); }
    // The error message; empty for success.
    const std::string& message() const {
        static const std::string kEmpty;
        return message_ ? *message_ : kEmpty;
    }

private:
    explicit Status(std::string message) : message_(std::move(message)) {}
    std::optional<std::string> message_;
};

// Holds either a value or an error Status. value() requires isOk().
template <typename T> class Result {
public:
    Result(T value) : data_(std::move(value)) {}
    Result(Status status) : data_(std::move(status)) { assert(!std::get<Status>(data_).isOk()); }

    bool isOk() const { return std::holds_alternative<T>(data_); }
    explicit operator bool() const { return isOk(); }
    T& value() & { return std::get<T>(data_); }
    const T& value() const& { return std::get<T>(data_); }
    T&& value() && { return std::get<T>(std::move(data_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    Status status() const { return isOk() ? Status::ok() : std::get<Status>(data_); }

private:
    std::variant<T, Status> data_;
};

} // namespace chipgraph

// For programmer errors only; anything user input can reach becomes a Diagnostic.
#define CG_ASSERT(cond) assert(cond)
