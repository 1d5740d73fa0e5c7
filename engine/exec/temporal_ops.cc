// Copyright (c) Cornerstone authors.
// Durations between temporals and durations added to them, following
// java.time semantics (as Neo4j and the openCypher TCK do).
#include <cstdint>

#include "engine/exec/temporal_internal.h"

namespace cornerstone::engine::temporal_internal {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// A date gains a time of midnight.
void AttachTime(Temporal* t) {
  if (t->type == TemporalType::kDate) {
    t->type = TemporalType::kLocalDateTime;
    t->nanos_of_day = 0;
  }
}

// A time gains a date.
void AttachDate(Temporal* t, int64_t epoch_day) {
  if (t->type == TemporalType::kLocalTime) t->type = TemporalType::kLocalDateTime;
  if (t->type == TemporalType::kTime) t->type = TemporalType::kDateTime;
  t->epoch_day = epoch_day;
}

// A local point gains the zone of `other`.
void AttachZone(Temporal* t, const Temporal& other) {
  if (t->type == TemporalType::kLocalTime) t->type = TemporalType::kTime;
  if (t->type == TemporalType::kLocalDateTime) t->type = TemporalType::kDateTime;
  t->offset = other.offset;
  t->zone = t->has_date() ? other.zone : "";
  if (!t->zone.empty()) ResolveZone(t);
}

enum class Unit { kMonths, kDays, kNanos };

// Aligns two points to the same shape, as java.time's until() needs.
void Align(Temporal* f, Temporal* t, Unit unit) {
  if (unit == Unit::kNanos) {
    AttachTime(f);
    AttachTime(t);
  } else if (f->has_time() && !t->has_time()) {
    AttachTime(t);
  } else if (t->has_time() && !f->has_time()) {
    AttachTime(f);
  }
  if (f->has_date() && !t->has_date()) {
    AttachDate(t, f->epoch_day);
  } else if (t->has_date() && !f->has_date()) {
    AttachDate(f, t->epoch_day);
  }
  if (f->has_offset() && !t->has_offset()) {
    AttachZone(t, *f);
  } else if (t->has_offset() && !f->has_offset()) {
    AttachZone(f, *t);
  }
}

int64_t MonthsUntil(int64_t from_day, int64_t to_day) {
  int64_t y1, y2;
  int m1, d1, m2, d2;
  CivilFromDays(from_day, &y1, &m1, &d1);
  CivilFromDays(to_day, &y2, &m2, &d2);
  int64_t p1 = (y1 * 12 + m1 - 1) * 32 + d1;
  int64_t p2 = (y2 * 12 + m2 - 1) * 32 + d2;
  return (p2 - p1) / 32;
}

// Whole months or days from `from` to `to` (same shape, both with dates).
int64_t DateUnitsUntil(const Temporal& from, Temporal to, Unit unit) {
  if (from.has_offset()) ToZone(&to, from.zone, from.offset);
  int64_t end = to.epoch_day;
  if (from.has_time()) {
    if (end > from.epoch_day && to.nanos_of_day < from.nanos_of_day) --end;
    else if (end < from.epoch_day && to.nanos_of_day > from.nanos_of_day) ++end;
  }
  return unit == Unit::kMonths ? MonthsUntil(from.epoch_day, end) : end - from.epoch_day;
}

// Seconds and nanos from `from` to `to` (same shape).
void TimeUntil(const Temporal& from, const Temporal& to, int64_t* seconds, int64_t* nanos) {
  if (!from.has_date()) {
    int64_t a = from.nanos_of_day - static_cast<int64_t>(from.offset) * kNanosPerSecond;
    int64_t b = to.nanos_of_day - static_cast<int64_t>(to.offset) * kNanosPerSecond;
    *seconds = 0;
    *nanos = b - a;
    return;
  }
  int64_t s1 = EpochSecond(from), s2 = EpochSecond(to);
  *seconds = s2 - s1;
  *nanos = to.nanos_of_day % kNanosPerSecond - from.nanos_of_day % kNanosPerSecond;
}

int64_t Until(const Temporal& from, const Temporal& to, Unit unit) {
  Temporal f = from, t = to;
  Align(&f, &t, unit);
  if (!f.has_date()) return 0;
  return DateUnitsUntil(f, t, unit);
}

// Adds months and days to the date of a point (zone re-resolved).
void PlusDate(Temporal* t, int64_t months, int64_t days) {
  if (!t->has_date() || (months == 0 && days == 0)) return;
  t->epoch_day = PlusMonths(t->epoch_day, months) + days;
  if (!t->zone.empty()) ResolveZone(t, t->offset);
}

// Adds seconds and nanos to a point's time (a time of day wraps around).
void PlusTime(Temporal* t, int64_t seconds, int64_t nanos) {
  if (!t->has_date()) {
    int64_t n = (seconds % 86400) * kNanosPerSecond + nanos % kNanosPerDay;
    t->nanos_of_day = ((t->nanos_of_day + n) % kNanosPerDay + kNanosPerDay) % kNanosPerDay;
    return;
  }
  int64_t sub = t->nanos_of_day % kNanosPerSecond + nanos;
  int64_t carry = FloorDiv(sub, kNanosPerSecond);
  sub -= carry * kNanosPerSecond;
  if (!t->zone.empty()) {
    int64_t instant = EpochSecond(*t) + seconds + carry;
    t->offset = ZoneOffsetAt(t->zone, instant);
    int64_t local = instant + t->offset;
    t->epoch_day = FloorDiv(local, 86400);
    t->nanos_of_day = (local - t->epoch_day * 86400) * kNanosPerSecond + sub;
    return;
  }
  int64_t local = t->epoch_day * 86400 + t->nanos_of_day / kNanosPerSecond + seconds + carry;
  t->epoch_day = FloorDiv(local, 86400);
  t->nanos_of_day = (local - t->epoch_day * 86400) * kNanosPerSecond + sub;
}

}  // namespace

Temporal Between(const Temporal& from, const Temporal& to, BetweenUnit unit) {
  switch (unit) {
    case BetweenUnit::kMonths:
      return MakeDuration(Until(from, to, Unit::kMonths), 0, 0, 0);
    case BetweenUnit::kDays:
      return MakeDuration(0, Until(from, to, Unit::kDays), 0, 0);
    case BetweenUnit::kSeconds:
    case BetweenUnit::kAll:
      break;
  }
  int64_t months = 0, days = 0;
  Temporal f = from;
  if (unit == BetweenUnit::kAll && from.has_date() && to.has_date()) {
    months = Until(f, to, Unit::kMonths);
    PlusDate(&f, months, 0);
    days = Until(f, to, Unit::kDays);
    PlusDate(&f, 0, days);
  }
  Temporal t = to;
  Align(&f, &t, Unit::kNanos);
  int64_t seconds, nanos;
  TimeUntil(f, t, &seconds, &nanos);
  return MakeDuration(months, days, seconds, nanos);
}

Temporal AddDuration(const Temporal& point, const Temporal& d, int sign) {
  // java.time's form: seconds and nanos share a sign.
  int64_t s = d.seconds, n = d.nanos;
  if (s < 0 && n > 0) {
    ++s;
    n -= kNanosPerSecond;
  }
  Temporal r = point;
  PlusDate(&r, sign * d.months, sign * d.days);
  if (!r.has_time()) {
    r.epoch_day += sign * (s / 86400);
    return r;
  }
  PlusTime(&r, sign * s, sign * n);
  return r;
}

}  // namespace cornerstone::engine::temporal_internal
