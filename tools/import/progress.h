// Copyright (c) Cornerstone authors.
// A one-line progress bar on stderr for imports that take over a second:
//   [##########..........]  48%  101/210 MB  1.9M rows/s  ETA 4s
#ifndef CORNERSTONE_TOOLS_IMPORT_PROGRESS_H_
#define CORNERSTONE_TOOLS_IMPORT_PROGRESS_H_

#include "cornerstone/import.h"

namespace cornerstone::tools {

class ProgressBar {
 public:
  // Draws only when `enabled` (stderr is a terminal).
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void Update(const ImportProgress& p);
  // Clears the line if anything was drawn.
  void Finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  double last_draw_ = 0;
};

}  // namespace cornerstone::tools

#endif  // CORNERSTONE_TOOLS_IMPORT_PROGRESS_H_
