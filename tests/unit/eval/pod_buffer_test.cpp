// PodBuffer: the cells of a TupleTable (growth without zeroing, realloc'd memory).
#include "eval/pod_buffer.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <vector>

using chipgraph::eval::PodBuffer;

TEST_CASE("PodBuffer keeps what was written through growth, shrinking and moves",
          "[eval][pod_buffer]") {
    PodBuffer<uint32_t> buffer;
    CHECK(buffer.size() == 0);
    // Rows of three cells, written after extend(): growth moves the earlier ones intact.
    for (uint32_t row = 0; row < 1000; ++row) {
        uint32_t* cells = buffer.extend(3);
        cells[0] = row, cells[1] = row * 2, cells[2] = row * 3;
    }
    REQUIRE(buffer.size() == 3000);
    CHECK(buffer.capacity() >= 3000);
    bool intact = true;
    for (uint32_t row = 0; row < 1000; ++row)
        intact = intact && buffer[3 * row] == row && buffer[3 * row + 1] == row * 2 &&
                 buffer[3 * row + 2] == row * 3;
    CHECK(intact);

    std::vector<uint32_t> more(500);
    std::iota(more.begin(), more.end(), 7);
    buffer.append(more.data(), more.data() + more.size());
    REQUIRE(buffer.size() == 3500);
    CHECK(buffer[3000] == 7);
    CHECK(buffer[3499] == 506);

    buffer.shrinkToFit();
    CHECK(buffer.capacity() == 3500);
    CHECK(buffer[2997] == 999);

    PodBuffer<uint32_t> moved(std::move(buffer));
    CHECK(moved.size() == 3500);
    CHECK(moved[3499] == 506);
    CHECK(buffer.size() == 0); // NOLINT(bugprone-use-after-move): the moved-from state is empty
    buffer = std::move(moved);
    CHECK(buffer[1] == 0);
    CHECK(buffer[4] == 2);

    buffer.clear();
    CHECK(buffer.size() == 0);
    buffer.reserve(10);
    CHECK(buffer.capacity() >= 3500); // clear keeps the memory
    buffer.shrinkToFit();
    CHECK(buffer.capacity() == 0);
    CHECK(buffer.data() == nullptr);
}
