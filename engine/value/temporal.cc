// Copyright (c) Cornerstone authors.
// Calendar, time-zone, duration and comparison helpers for temporals.
#include "engine/value/temporal.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <mutex>
#include <tuple>

#include "absl/hash/hash.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace cornerstone::engine {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// Loaded zones, cached: loading reads tzdata files.
bool LoadZone(const std::string& name, absl::TimeZone* tz) {
  static std::mutex mu;
  static std::map<std::string, std::pair<bool, absl::TimeZone>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it == cache.end()) {
    absl::TimeZone z;
    bool ok = absl::LoadTimeZone(name, &z);
    it = cache.emplace(name, std::make_pair(ok, z)).first;
  }
  *tz = it->second.second;
  return it->second.first;
}

int64_t LocalSecond(int64_t epoch_day, int64_t nanos_of_day) {
  return epoch_day * 86400 + nanos_of_day / kNanosPerSecond;
}

// Sets the local fields of `t` from an instant and its offset.
void SetLocal(Temporal* t, int64_t epoch_second, int64_t sub_nanos) {
  int64_t local = epoch_second + t->offset;
  t->epoch_day = FloorDiv(local, 86400);
  t->nanos_of_day = FloorMod(local, 86400) * kNanosPerSecond + sub_nanos;
}

int TypeRank(TemporalType type) {
  switch (type) {
    case TemporalType::kDateTime: return 0;
    case TemporalType::kLocalDateTime: return 1;
    case TemporalType::kDate: return 2;
    case TemporalType::kTime: return 3;
    case TemporalType::kLocalTime: return 4;
    case TemporalType::kDuration: return 5;
  }
  return 6;
}

template <typename T>
int Cmp(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Time of a TIME value in UTC nanos (may leave [0, day)).
int64_t UtcNanos(const Temporal& t) {
  return t.nanos_of_day - static_cast<int64_t>(t.offset) * kNanosPerSecond;
}

}  // namespace

TemporalType PointType(bool date, bool time, bool zoned) {
  if (date && time) return zoned ? TemporalType::kDateTime : TemporalType::kLocalDateTime;
  if (date) return TemporalType::kDate;
  return zoned ? TemporalType::kTime : TemporalType::kLocalTime;
}

bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && IsLeapYear(y)) return 29;
  return kDays[m - 1];
}

// Howard Hinnant's days_from_civil, over int64 years.
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

int DayOfWeek(int64_t epoch_day) { return static_cast<int>(FloorMod(epoch_day + 3, 7)) + 1; }

int64_t WeekYearStart(int64_t week_year) {
  int64_t jan4 = DaysFromCivil(week_year, 1, 4);
  return jan4 - (DayOfWeek(jan4) - 1);
}

void IsoWeek(int64_t epoch_day, int64_t* week_year, int* week) {
  int64_t thursday = epoch_day + (4 - DayOfWeek(epoch_day));
  int m, d;
  CivilFromDays(thursday, week_year, &m, &d);
  *week = static_cast<int>((epoch_day - WeekYearStart(*week_year)) / 7) + 1;
}

int64_t PlusMonths(int64_t epoch_day, int64_t months) {
  int64_t y;
  int m, d;
  CivilFromDays(epoch_day, &y, &m, &d);
  int64_t total = y * 12 + (m - 1) + months;
  y = FloorDiv(total, 12);
  m = static_cast<int>(FloorMod(total, 12)) + 1;
  d = std::min(d, DaysInMonth(y, m));
  return DaysFromCivil(y, m, d);
}

bool KnownZone(const std::string& name) {
  absl::TimeZone tz;
  return LoadZone(name, &tz);
}

int32_t ZoneOffsetAt(const std::string& zone, int64_t epoch_second) {
  absl::TimeZone tz;
  if (!LoadZone(zone, &tz)) return 0;
  return tz.At(absl::FromUnixSeconds(epoch_second)).offset;
}

int32_t ZoneOffsetForLocal(const std::string& zone, int64_t epoch_day, int64_t nanos_of_day,
                           std::optional<int32_t> prefer) {
  absl::TimeZone tz;
  if (!LoadZone(zone, &tz)) return 0;
  int64_t y;
  int m, d;
  CivilFromDays(epoch_day, &y, &m, &d);
  int64_t sec = nanos_of_day / kNanosPerSecond;
  absl::CivilSecond cs(y, m, d, static_cast<int>(sec / 3600), static_cast<int>(sec / 60 % 60),
                       static_cast<int>(sec % 60));
  absl::TimeZone::TimeInfo info = tz.At(cs);
  if (info.kind == absl::TimeZone::TimeInfo::REPEATED && prefer) {
    int32_t pre = tz.At(info.pre).offset;
    int32_t post = tz.At(info.post).offset;
    if (*prefer == pre || *prefer == post) return *prefer;
  }
  return tz.At(info.pre).offset;
}

void ResolveZone(Temporal* t, std::optional<int32_t> prefer) {
  if (t->zone.empty()) return;
  int32_t off = ZoneOffsetForLocal(t->zone, t->epoch_day, t->nanos_of_day, prefer);
  int64_t instant = LocalSecond(t->epoch_day, t->nanos_of_day) - off;
  t->offset = ZoneOffsetAt(t->zone, instant);
  SetLocal(t, instant, t->nanos_of_day % kNanosPerSecond);
}

int64_t EpochSecond(const Temporal& t) {
  return LocalSecond(t.epoch_day, t.nanos_of_day) - t.offset;
}

void ToZone(Temporal* t, const std::string& zone, int32_t offset) {
  int64_t sub = t->nanos_of_day % kNanosPerSecond;
  if (!t->has_date()) {
    t->zone.clear();
    int64_t utc = UtcNanos(*t);
    t->offset = offset;
    t->nanos_of_day = FloorMod(utc + static_cast<int64_t>(offset) * kNanosPerSecond, kNanosPerDay);
    return;
  }
  int64_t instant = EpochSecond(*t);
  t->zone = zone;
  t->offset = zone.empty() ? offset : ZoneOffsetAt(zone, instant);
  SetLocal(t, instant, sub);
}

Temporal MakeDuration(int64_t months, int64_t days, int64_t seconds, int64_t nanos) {
  Temporal t;
  t.type = TemporalType::kDuration;
  t.months = months;
  t.days = days;
  t.seconds = seconds + FloorDiv(nanos, kNanosPerSecond);
  t.nanos = FloorMod(nanos, kNanosPerSecond);
  return t;
}

Temporal ApproximateDuration(long double months, long double days, long double seconds,
                             long double nanos) {
  constexpr long double kDaysPerMonth = 30.436875L;  // 365.2425 / 12
  long double m = std::trunc(months);
  days += (months - m) * kDaysPerMonth;
  long double d = std::trunc(days);
  seconds += (days - d) * 86400.0L;
  long double s = std::trunc(seconds);
  nanos += (seconds - s) * 1e9L;
  // Fractions that should be whole but suffer rounding snap to the integer.
  long double n = std::fabs(nanos) < 9e18L ? std::llround(nanos) : std::trunc(nanos);
  if (std::fabs(nanos - n) > 1e-3L) n = std::trunc(nanos);
  // Absurd durations (duration('P1e30D'), a duration times 1e300) saturate
  // instead of overflowing int64 (undefined behaviour); the bound leaves
  // room for MakeDuration to add the carried seconds.
  auto clamp = [](long double v) -> int64_t {
    constexpr long double kLimit = 4e18L;
    if (std::isnan(v)) return 0;
    return static_cast<int64_t>(std::clamp(v, -kLimit, kLimit));
  };
  return MakeDuration(clamp(m), clamp(d), clamp(s), clamp(n));
}

bool TemporalEquals(const Temporal& a, const Temporal& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case TemporalType::kDuration:
      return a.months == b.months && a.days == b.days && a.seconds == b.seconds &&
             a.nanos == b.nanos;
    case TemporalType::kDateTime:
      return EpochSecond(a) == EpochSecond(b) &&
             a.nanos_of_day % kNanosPerSecond == b.nanos_of_day % kNanosPerSecond &&
             a.offset == b.offset && a.zone == b.zone;
    default:
      return a.epoch_day == b.epoch_day && a.nanos_of_day == b.nanos_of_day &&
             a.offset == b.offset;
  }
}

int TemporalCompare(const Temporal& a, const Temporal& b) {
  if (a.type != b.type) return 2;
  switch (a.type) {
    case TemporalType::kDuration:
      return 2;
    case TemporalType::kDate:
      return Cmp(a.epoch_day, b.epoch_day);
    case TemporalType::kLocalTime:
      return Cmp(a.nanos_of_day, b.nanos_of_day);
    case TemporalType::kTime:
      return Cmp(UtcNanos(a), UtcNanos(b));
    case TemporalType::kLocalDateTime:
      return Cmp(std::make_pair(a.epoch_day, a.nanos_of_day),
                 std::make_pair(b.epoch_day, b.nanos_of_day));
    case TemporalType::kDateTime:
      return Cmp(std::make_pair(EpochSecond(a), a.nanos_of_day % kNanosPerSecond),
                 std::make_pair(EpochSecond(b), b.nanos_of_day % kNanosPerSecond));
  }
  return 2;
}

int TemporalOrder(const Temporal& a, const Temporal& b) {
  int c = Cmp(TypeRank(a.type), TypeRank(b.type));
  if (c != 0) return c;
  if (a.is_duration()) {
    return Cmp(std::make_tuple(a.months, a.days, a.seconds, a.nanos),
               std::make_tuple(b.months, b.days, b.seconds, b.nanos));
  }
  c = TemporalCompare(a, b);
  if (c != 0) return c;
  c = Cmp(a.offset, b.offset);
  return c != 0 ? c : Cmp(a.zone, b.zone);
}

size_t TemporalHash(const Temporal& t) {
  if (t.is_duration()) return absl::HashOf(5, t.months, t.days, t.seconds, t.nanos);
  if (t.type == TemporalType::kDateTime) {
    return absl::HashOf(4, EpochSecond(t), t.nanos_of_day % kNanosPerSecond);
  }
  return absl::HashOf(static_cast<int>(t.type), t.epoch_day, t.nanos_of_day, t.offset);
}

const char* TemporalTypeName(TemporalType type) {
  switch (type) {
    case TemporalType::kDate: return "DATE";
    case TemporalType::kLocalTime: return "LOCAL TIME";
    case TemporalType::kTime: return "TIME";
    case TemporalType::kLocalDateTime: return "LOCAL DATETIME";
    case TemporalType::kDateTime: return "DATETIME";
    case TemporalType::kDuration: return "DURATION";
  }
  return "TEMPORAL";
}

}  // namespace cornerstone::engine
