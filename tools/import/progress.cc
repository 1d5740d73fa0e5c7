// Copyright (c) Cornerstone authors.
#include "progress.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace cornerstone::tools {
namespace {

std::string Rate(double per_s) {
  char buf[32];
  if (per_s >= 1e6) {
    snprintf(buf, sizeof(buf), "%.1fM", per_s / 1e6);
  } else if (per_s >= 1e3) {
    snprintf(buf, sizeof(buf), "%.0fk", per_s / 1e3);
  } else {
    snprintf(buf, sizeof(buf), "%.0f", per_s);
  }
  return buf;
}

}  // namespace

void ProgressBar::Update(const ImportProgress& p) {
  if (!enabled_ || p.seconds < 1.0 || p.seconds - last_draw_ < 0.1) return;
  last_draw_ = p.seconds;
  double frac = p.total_bytes > 0 ? std::min(1.0, double(p.bytes) / p.total_bytes) : 0;
  constexpr int kWidth = 24;
  int filled = static_cast<int>(frac * kWidth);
  std::string bar(filled, '#');
  bar.append(kWidth - filled, '.');
  double eta = frac > 0 ? p.seconds * (1 - frac) / frac : 0;
  fprintf(stderr, "\r[%s] %3.0f%%  %.0f/%.0f MB  %s rows/s  ETA %.0fs \033[K", bar.c_str(),
          frac * 100, p.bytes / 1048576.0, p.total_bytes / 1048576.0,
          Rate(p.rows / p.seconds).c_str(), eta);
  fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (!drawn_) return;
  fprintf(stderr, "\r\033[K");
  fflush(stderr);
  drawn_ = false;
}

}  // namespace cornerstone::tools
