// Copyright (c) Cornerstone authors.
// Temporal points and durations built from maps of components, selected
// from other temporals, and truncated.
#include <cmath>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engine/exec/temporal_internal.h"

namespace cornerstone::engine::temporal_internal {
namespace {

struct Fields {
  std::optional<int64_t> year, month, day, week, day_of_week, quarter, day_of_quarter,
      ordinal_day, hour, minute, second, millisecond, microsecond, nanosecond;
  std::optional<std::string> timezone;
  const Temporal* date = nullptr;
  const Temporal* time = nullptr;
  const Temporal* datetime = nullptr;
};

std::optional<int64_t>* IntField(Fields* f, const std::string& key) {
  if (key == "year") return &f->year;
  if (key == "month") return &f->month;
  if (key == "day") return &f->day;
  if (key == "week") return &f->week;
  if (key == "dayofweek" || key == "weekday") return &f->day_of_week;
  if (key == "quarter") return &f->quarter;
  if (key == "dayofquarter") return &f->day_of_quarter;
  if (key == "ordinalday") return &f->ordinal_day;
  if (key == "hour") return &f->hour;
  if (key == "minute") return &f->minute;
  if (key == "second") return &f->second;
  if (key == "millisecond") return &f->millisecond;
  if (key == "microsecond") return &f->microsecond;
  if (key == "nanosecond") return &f->nanosecond;
  return nullptr;
}

bool ReadFields(const Map& m, Fields* f, std::string* error) {
  for (const auto& [name, v] : m) {
    if (v.is_null()) continue;
    std::string key = absl::AsciiStrToLower(name);
    if (key == "timezone") {
      if (v.kind() != Kind::kString) {
        *error = "timezone must be a string";
        return false;
      }
      f->timezone = v.string_value();
    } else if (key == "date" || key == "time" || key == "datetime") {
      if (v.kind() != Kind::kTemporal || v.temporal_value().is_duration()) {
        *error = absl::StrCat(name, " must be a temporal value");
        return false;
      }
      const Temporal* t = &v.temporal_value();
      (key == "date" ? f->date : key == "time" ? f->time : f->datetime) = t;
    } else if (auto* field = IntField(f, key)) {
      if (v.kind() == Kind::kInt) {
        *field = v.int_value();
      } else if (v.kind() == Kind::kFloat && std::trunc(v.float_value()) == v.float_value() &&
                 v.float_value() >= -9.2233720368547758e18 &&
                 v.float_value() < 9.2233720368547758e18) {  // else no int64 holds it
        *field = static_cast<int64_t>(v.float_value());
      } else {
        *error = absl::StrCat(name, " must be an integer");
        return false;
      }
    } else {
      *error = absl::StrCat("No such field: ", name);
      return false;
    }
  }
  return true;
}

bool InRange(std::optional<int64_t> v, int64_t lo, int64_t hi) { return !v || (*v >= lo && *v <= hi); }

// The date of `f`, with missing components from `base_day` when given.
bool ComputeDate(const Fields& f, std::optional<int64_t> base_day, int64_t* out,
                 std::string* error) {
  int64_t by = 0, bwy = 0;
  int bm = 1, bd = 1, bweek = 1, bdow = 1, bq = 1, bdoq = 1;
  if (base_day) {
    CivilFromDays(*base_day, &by, &bm, &bd);
    IsoWeek(*base_day, &bwy, &bweek);
    bdow = DayOfWeek(*base_day);
    bq = (bm - 1) / 3 + 1;
    bdoq = static_cast<int>(*base_day - DaysFromCivil(by, (bq - 1) * 3 + 1, 1)) + 1;
  }
  if (!f.year && !base_day) {
    *error = "year must be specified";
    return false;
  }
  auto bad = [&]() {
    *error = "Invalid value for a date component";
    return false;
  };
  if (f.week || f.day_of_week) {
    int64_t wy = f.year.value_or(bwy);
    int64_t week = f.week.value_or(bweek);
    int64_t dow = f.day_of_week.value_or(bdow);
    int64_t start = WeekYearStart(wy);
    int64_t weeks = (WeekYearStart(wy + 1) - start) / 7;
    if (week < 1 || week > weeks || dow < 1 || dow > 7) return bad();
    *out = start + (week - 1) * 7 + (dow - 1);
  } else if (f.ordinal_day) {
    int64_t y = f.year.value_or(by);
    if (!InRange(f.ordinal_day, 1, IsLeapYear(y) ? 366 : 365)) return bad();
    *out = DaysFromCivil(y, 1, 1) + *f.ordinal_day - 1;
  } else if (f.quarter || f.day_of_quarter) {
    int64_t y = f.year.value_or(by);
    int64_t q = f.quarter.value_or(bq);
    int64_t doq = f.day_of_quarter.value_or(bdoq);
    if (q < 1 || q > 4) return bad();
    int64_t first = DaysFromCivil(y, static_cast<int>((q - 1) * 3 + 1), 1);
    int64_t next = q == 4 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, static_cast<int>(q * 3 + 1), 1);
    if (doq < 1 || doq > next - first) return bad();
    *out = first + doq - 1;
  } else {
    int64_t y = f.year.value_or(by);
    int64_t m = f.month.value_or(bm);
    int64_t d = f.day.value_or(bd);
    if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, static_cast<int>(m))) return bad();
    *out = DaysFromCivil(y, static_cast<int>(m), static_cast<int>(d));
  }
  return true;
}

bool HasDateFields(const Fields& f) {
  return f.year || f.month || f.day || f.week || f.day_of_week || f.quarter ||
         f.day_of_quarter || f.ordinal_day;
}

bool HasTimeFields(const Fields& f) {
  return f.hour || f.minute || f.second || f.millisecond || f.microsecond || f.nanosecond;
}

// Time of day from `f`, with missing components from `base`.
bool ComputeTime(const Fields& f, int64_t base, int64_t* out, std::string* error) {
  int64_t sec = base / kNanosPerSecond;
  int64_t sub = base % kNanosPerSecond;
  int64_t ms = sub / 1000000, us = sub / 1000 % 1000, ns = sub % 1000;
  // A larger sub-second field covers the smaller units' digits too.
  if (f.microsecond && *f.microsecond >= 1000) ms = 0;
  if (f.nanosecond && *f.nanosecond >= 1000) us = 0;
  if (f.nanosecond && *f.nanosecond >= 1000000) ms = 0;
  int64_t h = f.hour.value_or(sec / 3600);
  int64_t m = f.minute.value_or(sec / 60 % 60);
  int64_t s = f.second.value_or(sec % 60);
  ms = f.millisecond.value_or(ms);
  us = f.microsecond.value_or(us);
  ns = f.nanosecond.value_or(ns);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59 || ms < 0 || ms > 999 || us < 0 ||
      us > 999999 || ns < 0 || ns > 999999999) {
    *error = "Invalid value for a time component";
    return false;
  }
  int64_t nanos = ms * 1000000 + us * 1000 + ns;
  if (nanos >= kNanosPerSecond) {
    *error = "Invalid value for a time component";
    return false;
  }
  *out = (h * 3600 + m * 60 + s) * kNanosPerSecond + nanos;
  return true;
}

bool IsZoned(TemporalType type) {
  return type == TemporalType::kTime || type == TemporalType::kDateTime;
}

int64_t NowSecond() { return absl::ToUnixSeconds(absl::Now()); }

}  // namespace

std::optional<Temporal> BuildPoint(TemporalType type, const Map& map, const Temporal* base,
                                   std::string* error) {
  Fields f;
  if (!ReadFields(map, &f, error)) return std::nullopt;
  Temporal r;
  r.type = type;
  bool want_date = r.has_date(), want_time = r.has_time(), zoned = IsZoned(type);
  if ((!want_date && HasDateFields(f)) || (!want_time && HasTimeFields(f)) ||
      (!zoned && f.timezone)) {
    *error = absl::StrCat("Invalid component for ", TemporalTypeName(type));
    return std::nullopt;
  }
  int32_t tz_offset = 0;
  std::string tz_zone;
  if (f.timezone && !ParseZone(*f.timezone, &tz_offset, &tz_zone)) {
    *error = absl::StrCat("Invalid timezone: '", *f.timezone, "'");
    return std::nullopt;
  }
  std::optional<int64_t> day;
  std::optional<int64_t> time;
  bool have_zone = false;
  int32_t src_offset = 0;
  std::string src_zone;
  if (base) {
    if (base->has_date()) day = base->epoch_day;
    if (base->has_time()) time = base->nanos_of_day;
    if (base->has_offset()) {
      have_zone = true;
      src_offset = base->offset;
      src_zone = base->zone;
    }
  }
  bool convert = false;  // from the zone of a `datetime` or `time` to `timezone`
  if (f.datetime) {
    const Temporal& s = *f.datetime;
    convert = s.has_offset();
    if (s.has_date()) day = s.epoch_day;
    if (s.has_time()) time = s.nanos_of_day;
    if (s.has_offset()) {
      have_zone = true;
      src_offset = s.offset;
      src_zone = s.zone;
    }
  }
  if (f.date) {
    if (!f.date->has_date()) {
      *error = "date must be a temporal with a date";
      return std::nullopt;
    }
    day = f.date->epoch_day;
  }
  if (f.time) {
    const Temporal& s = *f.time;
    if (!s.has_time()) {
      *error = "time must be a temporal with a time";
      return std::nullopt;
    }
    time = s.nanos_of_day;
    convert = s.has_offset();
    if (s.has_offset()) {
      have_zone = true;
      src_offset = s.offset;
      src_zone = s.zone;
    }
  }
  if (want_date) {
    if (!ComputeDate(f, day, &r.epoch_day, error)) return std::nullopt;
  }
  if (want_time) {
    if (!ComputeTime(f, time.value_or(0), &r.nanos_of_day, error)) return std::nullopt;
  }
  if (!zoned) return r;
  std::optional<int32_t> prefer;
  if (have_zone) {
    r.offset = src_offset;
    r.zone = type == TemporalType::kTime ? "" : src_zone;
    prefer = src_offset;
  }
  if (f.timezone && convert) {
    // The local result is in the source's zone; move it to `timezone`.
    if (!r.zone.empty()) ResolveZone(&r, prefer);
    int32_t off = tz_offset;
    if (!tz_zone.empty()) {
      off = ZoneOffsetAt(tz_zone, r.has_date() ? EpochSecond(r) : NowSecond());
    }
    ToZone(&r, type == TemporalType::kTime ? "" : tz_zone, off);
    return r;
  }
  if (f.timezone) {
    r.offset = tz_offset;
    r.zone = tz_zone;
    prefer.reset();
  }
  if (!r.zone.empty()) {
    if (type == TemporalType::kTime) {
      r.offset = ZoneOffsetAt(r.zone, NowSecond());
      r.zone.clear();
    } else {
      ResolveZone(&r, prefer);
    }
  }
  return r;
}

std::optional<Temporal> BuildDuration(const Map& map, std::string* error) {
  long double months = 0, days = 0, seconds = 0, nanos = 0;
  for (const auto& [name, v] : map) {
    if (v.is_null()) continue;
    if (!v.is_number()) {
      *error = absl::StrCat(name, " must be a number");
      return std::nullopt;
    }
    long double x = v.kind() == Kind::kInt ? static_cast<long double>(v.int_value())
                                           : static_cast<long double>(v.float_value());
    std::string key = absl::AsciiStrToLower(name);
    if (key == "years") months += x * 12;
    else if (key == "quarters") months += x * 3;
    else if (key == "months") months += x;
    else if (key == "weeks") days += x * 7;
    else if (key == "days") days += x;
    else if (key == "hours") seconds += x * 3600;
    else if (key == "minutes") seconds += x * 60;
    else if (key == "seconds") seconds += x;
    else if (key == "milliseconds") nanos += x * 1000000;
    else if (key == "microseconds") nanos += x * 1000;
    else if (key == "nanoseconds") nanos += x;
    else {
      *error = absl::StrCat("No such field: ", name);
      return std::nullopt;
    }
  }
  return ApproximateDuration(months, days, seconds, nanos);
}

std::optional<Temporal> SelectPoint(TemporalType type, const Temporal& src, std::string* error) {
  Temporal r;
  r.type = type;
  if ((r.has_date() && !src.has_date()) || (!r.has_date() && !src.has_time()) ||
      src.is_duration()) {
    *error = absl::StrCat("Cannot select a ", TemporalTypeName(type), " from a ",
                          TemporalTypeName(src.type));
    return std::nullopt;
  }
  if (r.has_date()) r.epoch_day = src.epoch_day;
  if (r.has_time() && src.has_time()) r.nanos_of_day = src.nanos_of_day;
  if (IsZoned(type) && src.has_offset()) {
    r.offset = src.offset;
    if (type == TemporalType::kDateTime) r.zone = src.zone;
  }
  return r;
}

std::optional<Temporal> Truncate(TemporalType type, std::string_view unit_name,
                                 const Temporal& src, const Map& fields, std::string* error) {
  static constexpr const char* kUnits[] = {
      "millennium", "century", "decade", "year",   "weekyear",    "quarter",    "month",
      "week",       "day",     "hour",   "minute", "second",      "millisecond", "microsecond"};
  std::string unit = absl::AsciiStrToLower(std::string(unit_name));
  int index = -1;
  for (int i = 0; i < 14; ++i) {
    if (unit == kUnits[i]) index = i;
  }
  constexpr int kDay = 8;
  Temporal base;
  base.type = type;
  bool bad = index < 0 || src.is_duration() || (base.has_date() && !src.has_date()) ||
             (index < kDay && (!base.has_date() || !src.has_date())) ||
             (!base.has_date() && !src.has_time() && index > kDay);
  if (bad) {
    *error = absl::StrCat("Cannot truncate ", TemporalTypeName(src.type), " to ", unit,
                          " as ", TemporalTypeName(type));
    return std::nullopt;
  }
  if (src.has_date()) {
    int64_t y;
    int m, d;
    CivilFromDays(src.epoch_day, &y, &m, &d);
    auto floor_to = [](int64_t v, int64_t n) { return v >= 0 ? v / n * n : -((-v + n - 1) / n) * n; };
    int64_t e = src.epoch_day;
    switch (index) {
      case 0: e = DaysFromCivil(floor_to(y, 1000), 1, 1); break;
      case 1: e = DaysFromCivil(floor_to(y, 100), 1, 1); break;
      case 2: e = DaysFromCivil(floor_to(y, 10), 1, 1); break;
      case 3: e = DaysFromCivil(y, 1, 1); break;
      case 4: {
        int64_t wy;
        int week;
        IsoWeek(src.epoch_day, &wy, &week);
        e = WeekYearStart(wy);
        break;
      }
      case 5: e = DaysFromCivil(y, (m - 1) / 3 * 3 + 1, 1); break;
      case 6: e = DaysFromCivil(y, m, 1); break;
      case 7: e = src.epoch_day - (DayOfWeek(src.epoch_day) - 1); break;
      default: break;
    }
    base.epoch_day = e;
  }
  if (src.has_time() && index > kDay) {
    static constexpr int64_t kSizes[] = {3600 * kNanosPerSecond, 60 * kNanosPerSecond,
                                         kNanosPerSecond, 1000000, 1000};
    int64_t size = kSizes[index - kDay - 1];
    base.nanos_of_day = src.nanos_of_day / size * size;
  }
  if (IsZoned(type) && src.has_offset()) {
    base.offset = src.offset;
    if (type == TemporalType::kDateTime) base.zone = src.zone;
  }
  return BuildPoint(type, fields, &base, error);
}

}  // namespace cornerstone::engine::temporal_internal
