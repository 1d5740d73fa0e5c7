// Copyright (c) Cornerstone authors.
// Components of temporal values (d.year, t.offset, dur.minutesOfHour, ...)
// and the arithmetic operators on temporals.
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "engine/exec/context.h"
#include "engine/exec/temporal_functions.h"
#include "engine/exec/temporal_internal.h"

namespace cornerstone::engine {
namespace {

using query::BinaryOp;
using query::ErrorKind;

std::optional<int64_t> DurationComponent(const Temporal& d, const std::string& key) {
  int64_t sub = d.nanos;
  if (key == "years") return d.months / 12;
  if (key == "quarters") return d.months / 3;
  if (key == "months") return d.months;
  if (key == "weeks") return d.days / 7;
  if (key == "days") return d.days;
  if (key == "hours") return d.seconds / 3600;
  if (key == "minutes") return d.seconds / 60;
  if (key == "seconds") return d.seconds;
  if (key == "milliseconds") return d.seconds * 1000 + sub / 1000000;
  if (key == "microseconds") return d.seconds * 1000000 + sub / 1000;
  if (key == "nanoseconds") return d.seconds * kNanosPerSecond + sub;
  if (key == "quartersofyear") return d.months % 12 / 3;
  if (key == "monthsofquarter") return d.months % 3;
  if (key == "monthsofyear") return d.months % 12;
  if (key == "daysofweek") return d.days % 7;
  if (key == "minutesofhour") return d.seconds / 60 % 60;
  if (key == "secondsofminute") return d.seconds % 60;
  if (key == "millisecondsofsecond") return sub / 1000000;
  if (key == "microsecondsofsecond") return sub / 1000;
  if (key == "nanosecondsofsecond") return sub;
  return std::nullopt;
}

std::optional<int64_t> DateComponent(const Temporal& t, const std::string& key) {
  int64_t y;
  int m, d;
  CivilFromDays(t.epoch_day, &y, &m, &d);
  if (key == "year") return y;
  if (key == "quarter") return (m - 1) / 3 + 1;
  if (key == "month") return m;
  if (key == "day") return d;
  if (key == "week" || key == "weekyear") {
    int64_t wy;
    int week;
    IsoWeek(t.epoch_day, &wy, &week);
    return key == "week" ? week : wy;
  }
  if (key == "dayofweek" || key == "weekday") return DayOfWeek(t.epoch_day);
  if (key == "ordinalday") return t.epoch_day - DaysFromCivil(y, 1, 1) + 1;
  if (key == "dayofquarter") return t.epoch_day - DaysFromCivil(y, (m - 1) / 3 * 3 + 1, 1) + 1;
  return std::nullopt;
}

std::optional<int64_t> TimeComponent(const Temporal& t, const std::string& key) {
  int64_t sec = t.nanos_of_day / kNanosPerSecond;
  int64_t sub = t.nanos_of_day % kNanosPerSecond;
  if (key == "hour") return sec / 3600;
  if (key == "minute") return sec / 60 % 60;
  if (key == "second") return sec % 60;
  if (key == "millisecond") return sub / 1000000;
  if (key == "microsecond") return sub / 1000;
  if (key == "nanosecond") return sub;
  return std::nullopt;
}

Value ZoneComponent(const Temporal& t, const std::string& key) {
  if (key == "timezone") {
    return Value::String(t.zone.empty() ? FormatOffset(t.offset, true) : t.zone);
  }
  if (key == "offset") return Value::String(FormatOffset(t.offset, true));
  if (key == "offsetminutes") return Value::Int(t.offset / 60);
  if (key == "offsetseconds") return Value::Int(t.offset);
  if (t.type == TemporalType::kDateTime) {
    int64_t s = EpochSecond(t);
    int64_t sub = t.nanos_of_day % kNanosPerSecond;
    if (key == "epochseconds") return Value::Int(s);
    if (key == "epochmillis") return Value::Int(s * 1000 + sub / 1000000);
  }
  return Value();
}

Value Mismatch(EvalContext& ctx, std::string_view what, const Value& a, const Value& b) {
  return ctx.Fail(ErrorKind::kTypeError, absl::StrCat("Cannot ", std::string(what), " ",
                                                      TypeName(a), " and ", TypeName(b)));
}

bool IsDuration(const Value& v) {
  return v.kind() == Kind::kTemporal && v.temporal_value().is_duration();
}
bool IsPoint(const Value& v) {
  return v.kind() == Kind::kTemporal && !v.temporal_value().is_duration();
}

Value Scale(const Temporal& d, const Value& factor, bool divide, EvalContext& ctx) {
  if (factor.kind() == Kind::kInt && !divide) {
    int64_t k = factor.int_value();
    return Value::MakeTemporal(MakeDuration(d.months * k, d.days * k, d.seconds * k, d.nanos * k));
  }
  long double f = factor.kind() == Kind::kInt ? static_cast<long double>(factor.int_value())
                                              : static_cast<long double>(factor.float_value());
  if (divide) {
    if (f == 0) return ctx.Fail(ErrorKind::kArgumentError, "/ by zero (division by zero)");
    f = 1 / f;
  }
  return Value::MakeTemporal(ApproximateDuration(d.months * f, d.days * f, d.seconds * f,
                                                 d.nanos * f));
}

}  // namespace

Value TemporalProperty(const Value& v, std::string_view name, EvalContext&) {
  const Temporal& t = v.temporal_value();
  std::string key = absl::AsciiStrToLower(std::string(name));
  std::optional<int64_t> n;
  if (t.is_duration()) {
    n = DurationComponent(t, key);
  } else {
    if (t.has_date()) n = DateComponent(t, key);
    if (!n && t.has_time()) n = TimeComponent(t, key);
    if (!n && t.has_offset()) return ZoneComponent(t, key);
  }
  return n ? Value::Int(*n) : Value();
}

Value TemporalArithmetic(BinaryOp op, const Value& a, const Value& b, EvalContext& ctx) {
  using temporal_internal::AddDuration;
  switch (op) {
    case BinaryOp::kAdd:
      if (IsDuration(a) && IsDuration(b)) {
        const Temporal& x = a.temporal_value();
        const Temporal& y = b.temporal_value();
        return Value::MakeTemporal(MakeDuration(x.months + y.months, x.days + y.days,
                                                x.seconds + y.seconds, x.nanos + y.nanos));
      }
      if (IsPoint(a) && IsDuration(b)) {
        return Value::MakeTemporal(AddDuration(a.temporal_value(), b.temporal_value(), 1));
      }
      if (IsDuration(a) && IsPoint(b)) {
        return Value::MakeTemporal(AddDuration(b.temporal_value(), a.temporal_value(), 1));
      }
      return Mismatch(ctx, "add", a, b);
    case BinaryOp::kSub:
      if (IsDuration(a) && IsDuration(b)) {
        const Temporal& x = a.temporal_value();
        const Temporal& y = b.temporal_value();
        return Value::MakeTemporal(MakeDuration(x.months - y.months, x.days - y.days,
                                                x.seconds - y.seconds, x.nanos - y.nanos));
      }
      if (IsPoint(a) && IsDuration(b)) {
        return Value::MakeTemporal(AddDuration(a.temporal_value(), b.temporal_value(), -1));
      }
      return Mismatch(ctx, "subtract", a, b);
    case BinaryOp::kMul:
      if (IsDuration(a) && b.is_number()) return Scale(a.temporal_value(), b, false, ctx);
      if (a.is_number() && IsDuration(b)) return Scale(b.temporal_value(), a, false, ctx);
      return Mismatch(ctx, "multiply", a, b);
    case BinaryOp::kDiv:
      if (IsDuration(a) && b.is_number()) return Scale(a.temporal_value(), b, true, ctx);
      return Mismatch(ctx, "divide", a, b);
    default:
      return Mismatch(ctx, "apply this operator to", a, b);
  }
}

}  // namespace cornerstone::engine
