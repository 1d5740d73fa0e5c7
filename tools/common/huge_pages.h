// Copyright (c) Cornerstone authors.
// Transparent huge pages for glibc's malloc, for the programs in tools/.
//
// An in-memory graph of millions of entities is millions of heap blocks,
// and every fresh 4 KiB page of the heap costs a page fault. On the
// virtual machines Cornerstone is measured on, a fault costs about 20 us
// (tools/bench/RESULTS.md, "Huge pages"): filling 64 MiB of new memory takes
// ~350 ms with 4 KiB pages and ~25 ms with 2 MiB ones, and an SF 1 import
// touches 2 GB. glibc 2.35 and later back malloc's memory with transparent
// huge pages (madvise mode) when the tunable glibc.malloc.hugetlb=1 is set,
// but tunables are read only when a process starts. So a tool's main()
// calls UseHugePages() first: it re-executes the program once, with the
// tunable added to GLIBC_TUNABLES. A host embedding the library sets the
// tunable in its own environment (README, "Embedding").
//
// Does nothing when CORNERSTONE_HUGE_PAGES=0, when GLIBC_TUNABLES already
// mentions the tunable, when the kernel has transparent huge pages off, or
// in sanitizer builds (their allocators ignore glibc's tunables). If the
// exec fails, the program goes on with 4 KiB pages.
#ifndef CORNERSTONE_TOOLS_COMMON_HUGE_PAGES_H_
#define CORNERSTONE_TOOLS_COMMON_HUGE_PAGES_H_

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace cornerstone::tools {

inline constexpr const char kHugePagesTunable[] = "glibc.malloc.hugetlb=1";

inline void UseHugePages(char** argv) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  (void)argv;
#else
  const char* off = std::getenv("CORNERSTONE_HUGE_PAGES");
  if (off != nullptr && std::string(off) == "0") return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  const bool had = tunables != nullptr;
  const std::string before = had ? tunables : "";
  std::string value = before;
  if (value.find("glibc.malloc.hugetlb") != std::string::npos) return;
  std::ifstream thp("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  if (!std::getline(thp, modes) || modes.find("[never]") != std::string::npos) return;
  value = value.empty() ? kHugePagesTunable : value + ":" + kHugePagesTunable;
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // exec failed: carry on with 4 KiB pages, and put GLIBC_TUNABLES back
  // as it was, so that children do not get a setting this process lacks.
  if (had) {
    ::setenv("GLIBC_TUNABLES", before.c_str(), 1);
  } else {
    ::unsetenv("GLIBC_TUNABLES");
  }
#endif
}

}  // namespace cornerstone::tools

#endif  // CORNERSTONE_TOOLS_COMMON_HUGE_PAGES_H_
