#pragma once
// How many cores a second thread could use now: the default thread count of closures
// (eval/stratum_run.cpp) and whether an import binds its next file ahead (engine/import_ahead.h).

namespace chipgraph {

// One per core that is free now (at least one): on a machine busy with other work, threads
// beyond the free cores only wait for one another, and two were slower than one (issue 15).
// The load average counts the calling thread, running.
int freeCores();

} // namespace chipgraph
