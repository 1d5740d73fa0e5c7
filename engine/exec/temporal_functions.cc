// Copyright (c) Cornerstone authors.
// The temporal functions: constructors (from strings, maps, other
// temporals, or the clock), truncate(), fromepoch*(), and durations
// between points.
#include "engine/exec/temporal_functions.h"

#include <cstdint>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engine/exec/context.h"
#include "engine/exec/temporal_internal.h"

namespace cornerstone::engine {
namespace {

using Args = std::span<const Value>;
using query::ErrorKind;
using TT = TemporalType;
namespace ti = temporal_internal;

Value Result(std::optional<Temporal> t, const std::string& error, EvalContext& ctx) {
  if (!t) return ctx.Fail(ErrorKind::kArgumentError, error);
  return Value::MakeTemporal(std::move(*t));
}

Value WrongArg(EvalContext& ctx, const char* fn, const Value& v) {
  return ctx.Fail(ErrorKind::kTypeError,
                  absl::StrCat("Invalid argument type for ", fn, "(): ", TypeName(v)));
}

// The clock of a statement: every call within one statement sees the same
// instant. The public API sets it for binding (which folds constant calls)
// and execution; without it, calls with one EvalContext share an instant.
absl::Time StatementNow(EvalContext& ctx) {
  if (const Cancellation* c = CancellationScope::current();
      c != nullptr && c->clock != absl::InfinitePast()) {
    return c->clock;
  }
  thread_local const EvalContext* last = nullptr;
  thread_local absl::Time captured;
  absl::Time now = absl::Now();
  if (last != &ctx || now - captured > absl::Seconds(1)) {
    last = &ctx;
    captured = now;
  }
  return captured;
}

// The current point of `type` in the zone named by args[0] (default UTC).
Value Now(TT type, absl::Time now, Args a, EvalContext& ctx) {
  int32_t offset = 0;
  std::string zone;
  if (!a.empty()) {
    if (a[0].kind() != Kind::kString) return WrongArg(ctx, TemporalTypeName(type), a[0]);
    if (!ParseZone(a[0].string_value(), &offset, &zone)) {
      return ctx.Fail(ErrorKind::kArgumentError,
                      absl::StrCat("Invalid timezone: '", a[0].string_value(), "'"));
    }
  }
  int64_t ns = absl::ToUnixNanos(now);
  int64_t s = ns / kNanosPerSecond - (ns % kNanosPerSecond < 0 ? 1 : 0);
  Temporal dt;
  dt.type = TT::kDateTime;
  dt.epoch_day = s / 86400 - (s % 86400 < 0 ? 1 : 0);
  dt.nanos_of_day = (s - dt.epoch_day * 86400) * kNanosPerSecond + (ns - s * kNanosPerSecond);
  ToZone(&dt, zone, offset);
  std::string error;
  return Result(ti::SelectPoint(type, dt, &error), error, ctx);
}

template <TT kType>
Value Construct(Args a, EvalContext& ctx) {
  if (a.empty()) return Now(kType, StatementNow(ctx), a, ctx);
  const Value& v = a[0];
  std::string error;
  switch (v.kind()) {
    case Kind::kString: {
      auto t = ParseTemporal(kType, v.string_value());
      if (!t) {
        return ctx.Fail(ErrorKind::kArgumentError,
                        absl::StrCat("Text cannot be parsed to a ", TemporalTypeName(kType), ": '",
                                     v.string_value(), "'"));
      }
      return Value::MakeTemporal(std::move(*t));
    }
    case Kind::kMap: {
      if (kType == TT::kDuration) return Result(ti::BuildDuration(v.map_value(), &error), error, ctx);
      const Map& m = v.map_value();
      if (m.size() == 1 && absl::EqualsIgnoreCase(m[0].first, "timezone")) {
        Value zone[] = {m[0].second};
        return Now(kType, StatementNow(ctx), zone, ctx);
      }
      return Result(ti::BuildPoint(kType, m, nullptr, &error), error, ctx);
    }
    case Kind::kTemporal:
      if (kType == TT::kDuration) {
        if (v.temporal_value().is_duration()) return v;
        return WrongArg(ctx, "duration", v);
      }
      return Result(ti::SelectPoint(kType, v.temporal_value(), &error), error, ctx);
    default:
      return WrongArg(ctx, TemporalTypeName(kType), v);
  }
}

template <TT kType>
Value StatementClock(Args a, EvalContext& ctx) {
  return Now(kType, StatementNow(ctx), a, ctx);
}

template <TT kType>
Value RealtimeClock(Args a, EvalContext& ctx) {
  return Now(kType, absl::Now(), a, ctx);
}

template <TT kType>
Value TruncateFn(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kString) return WrongArg(ctx, "truncate", a[0]);
  if (a[1].kind() != Kind::kTemporal) return WrongArg(ctx, "truncate", a[1]);
  static const Map kEmpty;
  const Map* fields = &kEmpty;
  if (a.size() > 2) {
    if (a[2].kind() != Kind::kMap) return WrongArg(ctx, "truncate", a[2]);
    fields = &a[2].map_value();
  }
  std::string error;
  return Result(ti::Truncate(kType, a[0].string_value(), a[1].temporal_value(), *fields, &error),
                error, ctx);
}

Value FromEpoch(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kInt) return WrongArg(ctx, "datetime.fromepoch", a[0]);
  if (a[1].kind() != Kind::kInt) return WrongArg(ctx, "datetime.fromepoch", a[1]);
  absl::Time t = absl::FromUnixSeconds(a[0].int_value()) + absl::Nanoseconds(a[1].int_value());
  return Now(TT::kDateTime, t, {}, ctx);
}

Value FromEpochMillis(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kInt) return WrongArg(ctx, "datetime.fromepochmillis", a[0]);
  return Now(TT::kDateTime, absl::FromUnixMillis(a[0].int_value()), {}, ctx);
}

template <ti::BetweenUnit kUnit>
Value BetweenFn(Args a, EvalContext& ctx) {
  for (const Value& v : a) {
    if (v.kind() != Kind::kTemporal || v.temporal_value().is_duration()) {
      return WrongArg(ctx, "duration.between", v);
    }
  }
  return Value::MakeTemporal(ti::Between(a[0].temporal_value(), a[1].temporal_value(), kUnit));
}

#define CS_TEMPORAL_POINT(name, type)                            \
  {name, 0, 1, false, Construct<type>},                          \
      {name ".transaction", 0, 1, false, StatementClock<type>},  \
      {name ".statement", 0, 1, false, StatementClock<type>},    \
      {name ".realtime", 0, 1, false, RealtimeClock<type>},      \
      {name ".truncate", 2, 3, false, TruncateFn<type>}

const FunctionDef kTemporalFunctions[] = {
    CS_TEMPORAL_POINT("date", TT::kDate),
    CS_TEMPORAL_POINT("localtime", TT::kLocalTime),
    CS_TEMPORAL_POINT("time", TT::kTime),
    CS_TEMPORAL_POINT("localdatetime", TT::kLocalDateTime),
    CS_TEMPORAL_POINT("datetime", TT::kDateTime),
    {"datetime.fromepoch", 2, 2, false, FromEpoch},
    {"datetime.fromepochmillis", 1, 1, false, FromEpochMillis},
    {"duration", 1, 1, false, Construct<TT::kDuration>},
    {"duration.between", 2, 2, false, BetweenFn<ti::BetweenUnit::kAll>},
    {"duration.inMonths", 2, 2, false, BetweenFn<ti::BetweenUnit::kMonths>},
    {"duration.inDays", 2, 2, false, BetweenFn<ti::BetweenUnit::kDays>},
    {"duration.inSeconds", 2, 2, false, BetweenFn<ti::BetweenUnit::kSeconds>},
};

#undef CS_TEMPORAL_POINT

}  // namespace

const FunctionDef* FindTemporalFunction(std::string_view std_name) {
  absl::string_view name(std_name.data(), std_name.size());
  for (const FunctionDef& f : kTemporalFunctions) {
    if (absl::EqualsIgnoreCase(f.name, name)) return &f;
  }
  return nullptr;
}

std::vector<std::string> TemporalFunctionNames() {
  std::vector<std::string> out;
  for (const FunctionDef& f : kTemporalFunctions) out.emplace_back(f.name);
  return out;
}

}  // namespace cornerstone::engine
