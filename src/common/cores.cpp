#include "common/cores.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <thread>

namespace chipgraph {

int freeCores() {
    int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    double load = 0;
    if (getloadavg(&load, 1) != 1) return cores;
    return std::clamp(cores - static_cast<int>(std::lround(load)) + 1, 1, cores);
}

} // namespace chipgraph
