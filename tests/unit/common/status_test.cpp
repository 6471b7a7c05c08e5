#include "common/status.h"

#include <catch2/catch.hpp>

#include <memory>

using namespace chipgraph;

TEST_CASE("Status is ok by default and carries an error message otherwise", "[status]") {
    Status ok;
    CHECK(ok.isOk());
    CHECK(static_cast<bool>(ok));
    CHECK(ok.message().empty());
    Status error = Status::error("disk full");
    CHECK_FALSE(error.isOk());
    CHECK_FALSE(static_cast<bool>(error));
    CHECK(error.message() == "disk full");
    CHECK(Status::ok().isOk());
}

TEST_CASE("an error Status with an empty message is still an error", "[status][error]") {
    CHECK_FALSE(Status::error("").isOk());
}

TEST_CASE("Result holds a value or a Status", "[status]") {
    Result<int> value = 42;
    CHECK(value.isOk());
    CHECK(*value == 42);
    CHECK(value.status().isOk());
    Result<int> error = Status::error("bad");
    CHECK_FALSE(error.isOk());
    CHECK(error.status().message() == "bad");
}

TEST_CASE("Result moves a move-only value out", "[status]") {
    Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
    REQUIRE(r.isOk());
    std::unique_ptr<int> p = std::move(r).value();
    REQUIRE(p);
    CHECK(*p == 7);
}
