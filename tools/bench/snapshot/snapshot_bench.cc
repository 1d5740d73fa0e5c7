// Copyright (c) Cornerstone authors.
// snapshot_bench: on a graph from ../shared/bench/gen.py, measures snapshot
// save time, open time (read + checksum + deserialize + rebuild of the
// adjacency and indexes), file size, bytes per relationship, and the time
// to read the same bytes from the file (the physical floor). The file is
// in the page cache for both reads: the comparison is CPU work against a
// warm read.
//
//   snapshot_bench [--sf 0.1] [--csv DIR] [--dir DIR] [--runs 3] [--kit DIR]
//     --sf    scale factor for gen.py (1.0 = ~1M nodes, ~10M relationships)
//     --kit   the benchmark kit holding gen.py (default ../shared/bench)
//     --csv   reuse CSVs made by gen.py instead of generating them
//     --dir   where to write the CSVs and the snapshot (default /tmp)
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "engine/storage/fileio.h"
#include "engine/storage/snapshot.h"
#include "engine/storage/store.h"
#include "huge_pages.h"
#include "tools/bench/snapshot/gen_loader.h"

namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Reads the file in 1 MiB chunks; returns seconds (best of `runs`).
double RawRead(const std::string& path, int runs, size_t* bytes) {
  double best = 1e9;
  std::vector<char> buf(1 << 20);
  for (int r = 0; r < runs; ++r) {
    auto start = Clock::now();
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return -1;
    size_t total = 0;
    ssize_t n;
    while ((n = ::read(fd, buf.data(), buf.size())) > 0) total += static_cast<size_t>(n);
    ::close(fd);
    best = std::min(best, Since(start));
    *bytes = total;
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  cornerstone::tools::UseHugePages(argv);
  std::string sf = "0.1", csv, dir = "/tmp", kit = "../shared/bench";
  int runs = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--sf") sf = argv[i + 1];
    else if (flag == "--csv") csv = argv[i + 1];
    else if (flag == "--dir") dir = argv[i + 1];
    else if (flag == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--kit") kit = argv[i + 1];
    else {
      std::cerr << "usage: snapshot_bench [--sf 0.1] [--csv DIR] [--dir DIR] [--runs 3] [--kit DIR]\n";
      return 2;
    }
  }
  if (csv.empty()) {
    csv = dir + "/snapshot_bench_sf" + sf;
    // Each word quoted for the shell: paths may hold spaces or quotes.
    auto quote = [](const std::string& word) {
      std::string q = "'";
      for (char c : word) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
      return q + "'";
    };
    std::string cmd = "python3 " + quote(kit + "/gen.py") + " --sf " + quote(sf) + " --out " +
                      quote(csv) + " > /dev/null";
    std::cout << "generating: " << cmd << "\n";
    if (std::system(cmd.c_str()) != 0) {
      std::cerr << "gen.py failed (pass --kit DIR or --csv DIR)\n";
      return 1;
    }
  }
  cornerstone::engine::Graph g;
  auto start = Clock::now();
  absl::Status s = cornerstone::gen_loader::LoadGenerated(csv, &g);
  if (!s.ok()) {
    std::cerr << s << "\n";
    return 1;
  }
  double load_csv = Since(start);
  const std::string path = dir + "/snapshot_bench.snap";

  double save = 1e9;
  for (int r = 0; r < runs; ++r) {
    start = Clock::now();
    s = cornerstone::engine::SaveSnapshot(g, path);
    save = std::min(save, Since(start));
    if (!s.ok()) {
      std::cerr << s << "\n";
      return 1;
    }
  }
  double open = 1e9, read_part = 1e9, check_part = 1e9;
  for (int r = 0; r < runs; ++r) {
    cornerstone::engine::Graph loaded;
    start = Clock::now();
    s = cornerstone::engine::LoadSnapshot(path, &loaded);
    open = std::min(open, Since(start));
    if (!s.ok() || loaded.rel_count() != g.rel_count() || loaded.node_count() != g.node_count()) {
      std::cerr << "open failed: " << s << "\n";
      return 1;
    }
    // The parts: reading the file into memory, and header + checksum.
    start = Clock::now();
    auto bytes = cornerstone::engine::fileio::ReadFile(path);
    read_part = std::min(read_part, Since(start));
    start = Clock::now();
    auto info = cornerstone::engine::CheckSnapshot(*bytes, path);
    check_part = std::min(check_part, Since(start));
  }
  size_t size = 0;
  double raw = RawRead(path, runs, &size);

  std::printf("graph            %zu nodes, %zu relationships (gen.py output in %s)\n",
              g.node_count(), g.rel_count(), csv.c_str());
  std::printf("load from CSV    %.3f s (direct engine calls, for reference)\n", load_csv);
  std::printf("save             %.3f s (encode + write + fsync + rename)\n", save);
  std::printf("file size        %zu bytes (%.1f MiB)\n", size, size / 1048576.0);
  std::printf("bytes / rel      %.1f (whole file / relationships)\n",
              static_cast<double>(size) / std::max<size_t>(1, g.rel_count()));
  std::printf("open             %.3f s (read %.3f + checksum %.3f + deserialize and rebuild %.3f)\n",
              open, read_part, check_part, open - read_part - check_part);
  std::printf("raw read         %.3f s (same bytes, 1 MiB reads, warm cache)\n", raw);
  std::printf("open / raw read  %.1fx (goal: within 3x)\n", open / raw);
  std::remove(path.c_str());
  return 0;
}
