// Copyright (c) Cornerstone authors.
// Temporal values of Cypher: DATE, LOCAL TIME, TIME, LOCAL DATETIME,
// DATETIME and DURATION, with nanosecond precision. Points in time keep
// their local (wall-clock) fields; zoned ones add an offset and optionally
// an IANA zone name. Calendar arithmetic is proleptic Gregorian over
// int64 years, so years beyond +-999,999,999 are representable.
#ifndef CORNERSTONE_ENGINE_VALUE_TEMPORAL_H_
#define CORNERSTONE_ENGINE_VALUE_TEMPORAL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cornerstone::engine {

enum class TemporalType : uint8_t {
  kDate,
  kLocalTime,
  kTime,
  kLocalDateTime,
  kDateTime,
  kDuration,
};

inline constexpr int64_t kNanosPerSecond = 1000000000;
inline constexpr int64_t kNanosPerDay = 86400 * kNanosPerSecond;

struct Temporal {
  TemporalType type = TemporalType::kDate;
  // Points: local date (days since 1970-01-01) and local time of day.
  int64_t epoch_day = 0;
  int64_t nanos_of_day = 0;
  int32_t offset = 0;  // seconds east of UTC (TIME, DATETIME)
  std::string zone;    // IANA zone name (DATETIME); empty: fixed offset
  // Durations: nanos in [0, 1e9), seconds floored.
  int64_t months = 0;
  int64_t days = 0;
  int64_t seconds = 0;
  int64_t nanos = 0;

  bool has_date() const {
    return type == TemporalType::kDate || type == TemporalType::kLocalDateTime ||
           type == TemporalType::kDateTime;
  }
  bool has_time() const {
    return type == TemporalType::kLocalTime || type == TemporalType::kTime ||
           type == TemporalType::kLocalDateTime || type == TemporalType::kDateTime;
  }
  bool has_offset() const {
    return type == TemporalType::kTime || type == TemporalType::kDateTime;
  }
  bool is_duration() const { return type == TemporalType::kDuration; }
};

// The type for a point with the given parts.
TemporalType PointType(bool date, bool time, bool zoned);

// ---- calendar ----
bool IsLeapYear(int64_t y);
int DaysInMonth(int64_t y, int m);
int64_t DaysFromCivil(int64_t y, int m, int d);
void CivilFromDays(int64_t days, int64_t* y, int* m, int* d);
// ISO day of week, Monday = 1 .. Sunday = 7.
int DayOfWeek(int64_t epoch_day);
// Epoch day of Monday of ISO week 1 of `week_year`.
int64_t WeekYearStart(int64_t week_year);
// ISO week-based year and week of a day.
void IsoWeek(int64_t epoch_day, int64_t* week_year, int* week);
// Adds months to a date, clamping the day to the month's length.
int64_t PlusMonths(int64_t epoch_day, int64_t months);

// ---- time zones ----
// True when `name` is a zone the system knows.
bool KnownZone(const std::string& name);
// Offset of `zone` at an instant (seconds since the epoch).
int32_t ZoneOffsetAt(const std::string& zone, int64_t epoch_second);
// Offset of `zone` for a local date-time; gaps resolve after the gap,
// overlaps to the earlier offset unless `prefer` is valid there.
int32_t ZoneOffsetForLocal(const std::string& zone, int64_t epoch_day, int64_t nanos_of_day,
                           std::optional<int32_t> prefer = std::nullopt);
// Sets the offset of a zoned point from its local fields (named zone).
// For a gap the local time moves forward by the gap's length.
void ResolveZone(Temporal* t, std::optional<int32_t> prefer = std::nullopt);
// Seconds since the epoch of a point with date and time (offset applied).
int64_t EpochSecond(const Temporal& t);
// Re-expresses a zoned point at the same instant in another zone/offset.
void ToZone(Temporal* t, const std::string& zone, int32_t offset);

// ---- durations ----
// A duration from whole components (nanos may be any value).
Temporal MakeDuration(int64_t months, int64_t days, int64_t seconds, int64_t nanos);
// A duration from fractional components: fractions of months cascade into
// days (average month), of days into seconds, of seconds into nanos.
Temporal ApproximateDuration(long double months, long double days, long double seconds,
                             long double nanos);

// ---- text ----
std::string FormatOffset(int32_t offset, bool z_for_zero);
std::string TemporalToString(const Temporal& t);
// Parses a temporal of `type` from its ISO 8601 text; nullopt when invalid.
std::optional<Temporal> ParseTemporal(TemporalType type, std::string_view text);
// Parses a zone given as an offset ("+01:00", "Z") or name; nullopt if bad.
bool ParseZone(std::string_view text, int32_t* offset, std::string* zone);

// ---- comparison ----
// Equality: false for different types; durations by normalized components.
bool TemporalEquals(const Temporal& a, const Temporal& b);
// Sign of a - b for same-type points; 2 when not comparable.
int TemporalCompare(const Temporal& a, const Temporal& b);
// Total order for ORDER BY: by type, then value.
int TemporalOrder(const Temporal& a, const Temporal& b);
size_t TemporalHash(const Temporal& t);
// "DATE", "LOCAL TIME", "TIME", "LOCAL DATETIME", "DATETIME", "DURATION".
const char* TemporalTypeName(TemporalType type);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_VALUE_TEMPORAL_H_
