// Copyright (c) Cornerstone authors.
// Running a few tasks at the same time: the bulk load's linking passes and
// the fused aggregation's scan (relational_operators.cc) split their work
// in a handful of parts, one thread each, and wait for all of them. No pool:
// the parts are long (milliseconds or more) next to starting a thread.
#ifndef CORNERSTONE_ENGINE_STORAGE_PARALLEL_H_
#define CORNERSTONE_ENGINE_STORAGE_PARALLEL_H_

#include <cstddef>
#include <functional>
#include <initializer_list>

namespace cornerstone::engine {

// Runs task(0) .. task(n - 1) at the same time (task(0) on this thread),
// waits for all of them, then rethrows the first exception one threw
// (bad_alloc, say), so that a failure surfaces as it would on one thread
// instead of terminating the process. A thread that cannot start runs its
// part here, after the others started.
void RunParts(size_t n, const std::function<void(size_t)>& task);

// RunParts over a fixed list of different tasks.
void RunTogether(std::initializer_list<std::function<void()>> tasks);

// The threads a statement may use when DatabaseOptions::threads is 0: the
// machine's cores (at least 1).
int DefaultThreads();

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_STORAGE_PARALLEL_H_
