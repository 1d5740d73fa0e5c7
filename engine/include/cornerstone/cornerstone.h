// Copyright (c) Cornerstone authors. The one header a host includes.
#ifndef CORNERSTONE_CORNERSTONE_H_
#define CORNERSTONE_CORNERSTONE_H_

#include "cornerstone/database.h"  // IWYU pragma: export
#include "cornerstone/value.h"     // IWYU pragma: export

#endif  // CORNERSTONE_CORNERSTONE_H_
