// Copyright (c) Cornerstone authors.
#include "engine/storage/parallel.h"

#include <exception>
#include <thread>
#include <vector>

namespace cornerstone::engine {

void RunParts(size_t n, const std::function<void(size_t)>& task) {
  std::vector<std::exception_ptr> errors(n);
  auto run = [&](size_t i) {
    try {
      task(i);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  std::vector<size_t> here;  // parts whose thread did not start
  for (size_t i = 1; i < n; ++i) {
    try {
      threads.emplace_back(run, i);
    } catch (...) {
      here.push_back(i);
    }
  }
  if (n > 0) run(0);
  for (size_t i : here) run(i);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

void RunTogether(std::initializer_list<std::function<void()>> tasks) {
  RunParts(tasks.size(), [&](size_t i) { tasks.begin()[i](); });
}

int DefaultThreads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

}  // namespace cornerstone::engine
