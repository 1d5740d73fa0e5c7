// Copyright (c) Cornerstone authors.
// Temporal operations shared by the temporal function files. Failures
// return nullopt with a message in *error (an ArgumentError for callers).
#ifndef CORNERSTONE_ENGINE_EXEC_TEMPORAL_INTERNAL_H_
#define CORNERSTONE_ENGINE_EXEC_TEMPORAL_INTERNAL_H_

#include <optional>
#include <string>
#include <string_view>

#include "engine/value/temporal.h"
#include "engine/value/value.h"

namespace cornerstone::engine::temporal_internal {

// A point of `type` from a map such as {year: 1984, week: 10, dayOfWeek: 3}
// or {date: d, time: t, timezone: 'Europe/Stockholm'}. `base`, when given,
// supplies the components the map leaves out, and a timezone in the map
// then replaces the base's zone without converting (as truncate() does).
std::optional<Temporal> BuildPoint(TemporalType type, const Map& fields, const Temporal* base,
                                   std::string* error);

// A duration from a map such as {days: 1.5, hours: 2}.
std::optional<Temporal> BuildDuration(const Map& fields, std::string* error);

// date(x), localtime(x), ... of another temporal: selects the parts `type`
// has, defaulting a missing time to midnight and a missing zone to UTC.
std::optional<Temporal> SelectPoint(TemporalType type, const Temporal& src, std::string* error);

// X.truncate(unit, src, fields).
std::optional<Temporal> Truncate(TemporalType type, std::string_view unit, const Temporal& src,
                                 const Map& fields, std::string* error);

enum class BetweenUnit { kAll, kMonths, kDays, kSeconds };
// duration.between / inMonths / inDays / inSeconds.
Temporal Between(const Temporal& from, const Temporal& to, BetweenUnit unit);

// point + sign * duration.
Temporal AddDuration(const Temporal& point, const Temporal& duration, int sign);

}  // namespace cornerstone::engine::temporal_internal

#endif  // CORNERSTONE_ENGINE_EXEC_TEMPORAL_INTERNAL_H_
