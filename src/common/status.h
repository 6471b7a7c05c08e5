#pragma once
// Status and Result<T>: errors as values (g++ 12 has no std::expected). No exception crosses a
// module boundary; call sites test ok() and return early.
#include "common/diagnostic.h"

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

// For programmer errors only; anything user input can reach becomes a Diagnostic.
#define CG_ASSERT(cond) assert(cond)

namespace chipgraph {

class Status {
public:
    Status() = default;
    static Status ok() { return Status(); }
    // An error found while evaluating, at no particular place in the input.
    static Status error(std::string message) { return error(Phase::Eval, std::move(message)); }
    // An error of `phase` at `span` (unknown: the statement that failed), with a hint.
    static Status error(Phase phase, std::string message, SourceSpan span = {},
                        std::string hint = "") {
        Status s;
        s.error_ = Error{phase, std::move(message), std::move(span), std::move(hint), false};
        return s;
    }
    // An error whose diagnostics the caller has already recorded (several at once, such as the
    // bad rows of an import): nothing more to report.
    static Status reported() {
        Status s;
        s.error_ = Error{Phase::Eval, "", {}, "", true};
        return s;
    }

    bool isOk() const { return !error_.has_value(); }
    explicit operator bool() const { return isOk(); }
    // The error message; empty for success.
    const std::string& message() const {
        static const std::string kEmpty;
        return error_ ? error_->message : kEmpty;
    }
    bool alreadyReported() const { return error_ && error_->reported; }
    // The error as a diagnostic, placed at `fallback` when it has no place of its own.
    Diagnostic diagnostic(const SourceSpan& fallback) const {
        CG_ASSERT(error_ && !error_->reported);
        return makeError(error_->phase, error_->message,
                         error_->span.valid() ? error_->span : fallback, error_->hint);
    }

private:
    struct Error {
        Phase phase;
        std::string message;
        SourceSpan span;
        std::string hint;
        bool reported;
    };
    std::optional<Error> error_;
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
