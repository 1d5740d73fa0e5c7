// Copyright (c) Cornerstone authors.
// Temporal values: calendar helpers, parsing, rendering, construction from
// maps, truncation, durations between points and arithmetic.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "engine/exec/temporal_internal.h"
#include "engine/value/temporal.h"
#include "engine/value/value.h"

namespace cornerstone::engine {
namespace {

namespace ti = temporal_internal;
using TT = TemporalType;

Temporal Parse(TT type, const std::string& text) {
  std::optional<Temporal> t = ParseTemporal(type, text);
  REQUIRE_MESSAGE(t.has_value(), text);
  return *t;
}

std::string Str(TT type, const std::string& text) { return TemporalToString(Parse(type, text)); }

Map Fields(std::initializer_list<std::pair<std::string, Value>> entries) {
  return Value::MakeMap(Map(entries)).map_value();
}

std::string Build(TT type, const Map& m) {
  std::string error;
  std::optional<Temporal> t = ti::BuildPoint(type, m, nullptr, &error);
  REQUIRE_MESSAGE(t.has_value(), error);
  return TemporalToString(*t);
}

TEST_CASE("calendar helpers") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(DayOfWeek(0) == 4);  // Thursday
  int64_t y;
  int m, d;
  CivilFromDays(DaysFromCivil(-999999999, 1, 1), &y, &m, &d);
  CHECK(y == -999999999);
  CHECK(m == 1);
  CHECK(d == 1);
  int64_t wy;
  int week;
  IsoWeek(DaysFromCivil(1984, 1, 1), &wy, &week);
  CHECK(wy == 1983);
  CHECK(week == 52);
  CHECK(PlusMonths(DaysFromCivil(2015, 1, 31), 1) == DaysFromCivil(2015, 2, 28));
}

TEST_CASE("parses and renders ISO forms") {
  CHECK(Str(TT::kDate, "2015-07-21") == "2015-07-21");
  CHECK(Str(TT::kDate, "201507") == "2015-07-01");
  CHECK(Str(TT::kDate, "2015-W30-2") == "2015-07-21");
  CHECK(Str(TT::kDate, "2015W30") == "2015-07-20");
  CHECK(Str(TT::kDate, "2015202") == "2015-07-21");
  CHECK(Str(TT::kDate, "+999999999-12-31") == "+999999999-12-31");
  CHECK(Str(TT::kLocalTime, "214032") == "21:40:32");
  CHECK(Str(TT::kLocalTime, "21") == "21:00");
  CHECK(Str(TT::kTime, "21:40:32.142+0100") == "21:40:32.142+01:00");
  CHECK(Str(TT::kTime, "2140-00:00") == "21:40Z");
  CHECK(Str(TT::kLocalDateTime, "2015-W30-2T214032.142") == "2015-07-21T21:40:32.142");
  CHECK(Str(TT::kDateTime, "2015-07-21T21:40:32.142[Europe/London]") ==
        "2015-07-21T21:40:32.142+01:00[Europe/London]");
  CHECK(Str(TT::kDuration, "P5M1.5D") == "P5M1DT12H");
  CHECK(Str(TT::kDuration, "P0.75M") == "P22DT19H51M49.5S");
  CHECK(Str(TT::kDuration, "PT-2.001S") == "PT-2.001S");
  CHECK(Str(TT::kDuration, "P1DT-0.001S") == "P1DT-0.001S");
  CHECK(Str(TT::kDuration, "PT-1M-0.001S") == "PT-1M-0.001S");
  CHECK(Str(TT::kDuration, "P2012-02-02T14:37:21.545") == "P2012Y2M2DT14H37M21.545S");
  CHECK_FALSE(ParseTemporal(TT::kDate, "2015-13-01").has_value());
  CHECK_FALSE(ParseTemporal(TT::kLocalTime, "25:00").has_value());
  CHECK_FALSE(ParseTemporal(TT::kDateTime, "2015-07-21T10:00[No/Such_Zone]").has_value());
}

TEST_CASE("builds points from maps") {
  CHECK(Build(TT::kDate, Fields({{"year", Value::Int(1817)}, {"week", Value::Int(1)},
                                 {"dayOfWeek", Value::Int(2)}})) == "1816-12-31");
  CHECK(Build(TT::kDate, Fields({{"year", Value::Int(1984)}, {"quarter", Value::Int(3)},
                                 {"dayOfQuarter", Value::Int(45)}})) == "1984-08-14");
  CHECK(Build(TT::kLocalTime,
              Fields({{"hour", Value::Int(12)}, {"minute", Value::Int(31)},
                      {"second", Value::Int(14)}, {"nanosecond", Value::Int(789)},
                      {"millisecond", Value::Int(123)}, {"microsecond", Value::Int(456)}})) ==
        "12:31:14.123456789");
  CHECK(Build(TT::kDateTime, Fields({{"year", Value::Int(1984)}, {"ordinalDay", Value::Int(202)},
                                     {"timezone", Value::String("Europe/Stockholm")}})) ==
        "1984-07-20T00:00+02:00[Europe/Stockholm]");
  CHECK(Build(TT::kTime, Fields({{"hour", Value::Int(12)},
                                 {"timezone", Value::String("-02:05:07")}})) == "12:00-02:05:07");
  std::string error;
  CHECK_FALSE(ti::BuildPoint(TT::kDate, Fields({{"year", Value::Int(1984)},
                                                {"month", Value::Int(13)}}),
                             nullptr, &error)
                  .has_value());
}

TEST_CASE("converts a selected time to a new timezone") {
  Temporal t = Parse(TT::kTime, "12:31:14.645876+01:00");
  Map m = Fields({{"time", Value::MakeTemporal(t)}, {"timezone", Value::String("+05:00")}});
  CHECK(Build(TT::kTime, m) == "16:31:14.645876+05:00");
}

TEST_CASE("truncates") {
  std::string error;
  Temporal src = Parse(TT::kLocalDateTime, "1984-01-01T12:31:14.645876123");
  auto t = ti::Truncate(TT::kDate, "weekYear", src, Fields({{"day", Value::Int(5)}}), &error);
  REQUIRE(t.has_value());
  CHECK(TemporalToString(*t) == "1983-01-05");
  t = ti::Truncate(TT::kLocalTime, "millisecond", src, Fields({{"nanosecond", Value::Int(2)}}),
                   &error);
  REQUIRE(t.has_value());
  CHECK(TemporalToString(*t) == "12:31:14.645000002");
  CHECK_FALSE(ti::Truncate(TT::kDate, "hour", Parse(TT::kLocalTime, "12:00"), Map(), &error)
                  .has_value());
}

TEST_CASE("durations between points") {
  auto between = [](TT a, const char* x, TT b, const char* y, ti::BetweenUnit u) {
    return TemporalToString(ti::Between(Parse(a, x), Parse(b, y), u));
  };
  CHECK(between(TT::kDate, "1984-10-11", TT::kDate, "2015-06-24", ti::BetweenUnit::kAll) ==
        "P30Y8M13D");
  CHECK(between(TT::kLocalTime, "14:30", TT::kDate, "2015-06-24", ti::BetweenUnit::kAll) ==
        "PT-14H-30M");
  CHECK(between(TT::kDateTime, "2014-07-21T21:40:36.143+0200", TT::kDate, "2015-06-24",
                ti::BetweenUnit::kAll) == "P11M2DT2H19M23.857S");
  CHECK(between(TT::kLocalDateTime, "2018-01-02T10:00:00.1", TT::kLocalDateTime,
                "2018-01-01T10:00:00.2", ti::BetweenUnit::kAll) == "PT-23H-59M-59.9S");
  CHECK(between(TT::kDate, "2018-03-11", TT::kDate, "2016-06-24", ti::BetweenUnit::kMonths) ==
        "P-1Y-8M");
  CHECK(between(TT::kLocalDateTime, "-999999999-01-01", TT::kLocalDateTime,
                "+999999999-12-31T23:59:59",
                ti::BetweenUnit::kSeconds) == "PT17531639991215H59M59S");
}

TEST_CASE("adds durations") {
  Temporal d = Parse(TT::kDuration, "P12Y5M14DT16H12M70.000000002S");
  CHECK(TemporalToString(ti::AddDuration(Parse(TT::kDate, "1984-10-11"), d, 1)) == "1997-03-25");
  CHECK(TemporalToString(ti::AddDuration(Parse(TT::kLocalTime, "12:31:14.000000001"), d, -1)) ==
        "20:18:03.999999999");
  Temporal dst = Parse(TT::kDateTime, "2017-10-28T23:00+02:00[Europe/Stockholm]");
  CHECK(TemporalToString(ti::AddDuration(dst, Parse(TT::kDuration, "PT6H"), 1)) ==
        "2017-10-29T04:00+01:00[Europe/Stockholm]");
}

TEST_CASE("values: equality, comparison and order") {
  Value a = Value::MakeTemporal(Parse(TT::kDate, "1980-12-24"));
  Value b = Value::MakeTemporal(Parse(TT::kDate, "1984-10-11"));
  Value dur = Value::MakeTemporal(Parse(TT::kDuration, "PT70S"));
  CHECK(Compare(a, b) == -1);
  CHECK(Equals(a, a) == Tri::kTrue);
  CHECK(Equals(a, dur) == Tri::kFalse);
  CHECK(Compare(dur, dur) == 2);
  CHECK(Equals(dur, Value::MakeTemporal(Parse(TT::kDuration, "PT1M10S"))) == Tri::kTrue);
  CHECK(OrderCompare(Value::String("x"), a) > 0);   // temporals before strings
  CHECK(OrderCompare(a, Value::MakeList({})) > 0);  // ... and after lists
  CHECK(HashValue(dur) == HashValue(Value::MakeTemporal(Parse(TT::kDuration, "PT1M10S"))));
  CHECK(ToDebugString(b) == "date('1984-10-11')");
  CHECK(std::string(TypeName(dur)) == "DURATION");
}

}  // namespace
}  // namespace cornerstone::engine
