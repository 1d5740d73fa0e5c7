// Copyright (c) Cornerstone authors.
// Temporal values as text: ISO 8601 rendering (as Cypher prints them) and
// parsing of the ISO forms Cypher accepts (calendar, week and ordinal
// dates, basic and extended times, offsets and [Zone/Name] suffixes,
// durations with fractional components).
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "engine/value/temporal.h"

namespace cornerstone::engine {
namespace {

void AppendPadded(std::string* out, int64_t v, int width) {
  std::string digits = absl::StrCat(v);
  if (static_cast<int>(digits.size()) < width) out->append(width - digits.size(), '0');
  out->append(digits);
}

std::string FormatDate(int64_t epoch_day) {
  int64_t y;
  int m, d;
  CivilFromDays(epoch_day, &y, &m, &d);
  std::string out;
  if (y > 9999) out += '+';
  if (y < 0) out += '-';
  AppendPadded(&out, y < 0 ? -y : y, 4);
  out += '-';
  AppendPadded(&out, m, 2);
  out += '-';
  AppendPadded(&out, d, 2);
  return out;
}

// HH:MM[:SS[.fff|.ffffff|.fffffffff]] as java.time prints it.
std::string FormatTime(int64_t nanos_of_day) {
  int64_t sec = nanos_of_day / kNanosPerSecond;
  int64_t nano = nanos_of_day % kNanosPerSecond;
  std::string out;
  AppendPadded(&out, sec / 3600, 2);
  out += ':';
  AppendPadded(&out, sec / 60 % 60, 2);
  if (sec % 60 != 0 || nano != 0) {
    out += ':';
    AppendPadded(&out, sec % 60, 2);
    if (nano != 0) {
      out += '.';
      if (nano % 1000000 == 0) {
        AppendPadded(&out, nano / 1000000, 3);
      } else if (nano % 1000 == 0) {
        AppendPadded(&out, nano / 1000, 6);
      } else {
        AppendPadded(&out, nano, 9);
      }
    }
  }
  return out;
}

void AppendUnit(std::string* out, int64_t v, char unit) {
  if (v != 0) absl::StrAppend(out, v, std::string(1, unit));
}

void AppendFraction(std::string* out, int64_t n) {
  if (n < 0) n = -n;
  *out += '.';
  for (int64_t mod = kNanosPerSecond; mod > 1 && n > 0; n %= mod) {
    mod /= 10;
    *out += static_cast<char>('0' + n / mod);
  }
}

std::string FormatDuration(const Temporal& t) {
  std::string out = "P";
  AppendUnit(&out, t.months / 12, 'Y');
  AppendUnit(&out, t.months % 12, 'M');
  AppendUnit(&out, t.days, 'D');
  if (t.seconds != 0 || t.nanos != 0) {
    int64_t s = t.seconds;
    int64_t n = t.nanos;
    if (s < 0 && n != 0) {
      ++s;
      n -= kNanosPerSecond;
    }
    out += 'T';
    AppendUnit(&out, s / 3600, 'H');
    s %= 3600;
    AppendUnit(&out, s / 60, 'M');
    s %= 60;
    if (s != 0) {
      absl::StrAppend(&out, s);
      if (n != 0) AppendFraction(&out, n);
      out += 'S';
    } else if (n != 0) {
      if (n < 0) out += '-';
      out += '0';
      AppendFraction(&out, n);
      out += 'S';
    }
  }
  if (out.size() == 1) out += "T0S";
  return out;
}

// ---- parsing ----

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool Accept(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  // Exactly n digits.
  bool Digits(int n, int64_t* v) {
    if (i_ + n > s_.size()) return false;
    int64_t x = 0;
    for (int k = 0; k < n; ++k) {
      char c = s_[i_ + k];
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      x = x * 10 + (c - '0');
    }
    i_ += n;
    *v = x;
    return true;
  }
  size_t CountDigits() const {
    size_t k = i_;
    while (k < s_.size() && std::isdigit(static_cast<unsigned char>(s_[k]))) ++k;
    return k - i_;
  }
  std::string_view rest() const { return s_.substr(std::min(i_, s_.size())); }
  size_t pos() const { return i_; }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

bool ParseDate(std::string_view text, int64_t* epoch_day) {
  Scanner sc(text);
  int64_t year;
  bool neg = sc.peek() == '-';
  if (sc.Accept('+') || sc.Accept('-')) {
    size_t n = sc.CountDigits();
    if (n < 4 || n > 9 || !sc.Digits(static_cast<int>(n), &year)) return false;
    if (neg) year = -year;
  } else if (!sc.Digits(4, &year)) {
    return false;
  }
  bool extended = sc.Accept('-');
  int64_t month = 1, day = 1;
  if (sc.Accept('W')) {
    int64_t week, dow = 1;
    if (!sc.Digits(2, &week)) return false;
    if (!sc.done()) {
      if (extended && !sc.Accept('-')) return false;
      if (!sc.Digits(1, &dow)) return false;
    }
    if (week < 1 || week > 53 || dow < 1 || dow > 7) return false;
    int64_t start = WeekYearStart(year);
    if (week == 53 && WeekYearStart(year + 1) - start < 53 * 7) return false;
    *epoch_day = start + (week - 1) * 7 + (dow - 1);
    return sc.done();
  }
  size_t n = sc.CountDigits();
  if (sc.done()) {
    if (extended) return false;
  } else if (n == 3) {
    int64_t ordinal = 0;
    sc.Digits(3, &ordinal);
    if (ordinal < 1 || ordinal > (IsLeapYear(year) ? 366 : 365)) return false;
    *epoch_day = DaysFromCivil(year, 1, 1) + ordinal - 1;
    return sc.done();
  } else if (!sc.Digits(2, &month)) {
    return false;
  } else if (!sc.done()) {
    if (extended && !sc.Accept('-')) return false;
    if (!sc.Digits(2, &day)) return false;
  }
  if (!sc.done() || month < 1 || month > 12) return false;
  if (day < 1 || day > DaysInMonth(year, static_cast<int>(month))) return false;
  *epoch_day = DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  return true;
}

bool ParseTime(std::string_view text, int64_t* nanos_of_day) {
  Scanner sc(text);
  int64_t h, m = 0, s = 0, frac = 0;
  if (!sc.Digits(2, &h)) return false;
  if (!sc.done()) {
    bool extended = sc.Accept(':');
    if (!sc.Digits(2, &m)) return false;
    if (!sc.done()) {
      if (extended && !sc.Accept(':')) return false;
      if (!sc.Digits(2, &s)) return false;
      if (sc.Accept('.') || sc.Accept(',')) {
        size_t n = sc.CountDigits();
        if (n < 1 || n > 9 || !sc.Digits(static_cast<int>(n), &frac)) return false;
        for (size_t k = n; k < 9; ++k) frac *= 10;
      }
    }
  }
  if (!sc.done() || h > 23 || m > 59 || s > 59) return false;
  *nanos_of_day = (h * 3600 + m * 60 + s) * kNanosPerSecond + frac;
  return true;
}

bool ParseOffset(std::string_view text, int32_t* offset) {
  if (text == "Z" || text == "z") {
    *offset = 0;
    return true;
  }
  Scanner sc(text);
  int sign = sc.peek() == '-' ? -1 : 1;
  if (!sc.Accept('+') && !sc.Accept('-')) return false;
  int64_t h, m = 0, s = 0;
  if (!sc.Digits(2, &h)) return false;
  if (!sc.done()) {
    bool extended = sc.Accept(':');
    if (!sc.Digits(2, &m)) return false;
    if (!sc.done()) {
      if (extended && !sc.Accept(':')) return false;
      if (!sc.Digits(2, &s)) return false;
    }
  }
  if (!sc.done() || h > 18 || m > 59 || s > 59) return false;
  int64_t total = h * 3600 + m * 60 + s;
  if (total > 18 * 3600) return false;
  *offset = static_cast<int32_t>(sign * total);
  return true;
}

// Splits "time[offset][[zone]]" into its parts.
bool SplitZone(std::string_view text, std::string_view* time, std::string_view* offset,
               std::string_view* zone) {
  size_t bracket = text.find('[');
  if (bracket != std::string_view::npos) {
    if (text.back() != ']') return false;
    *zone = text.substr(bracket + 1, text.size() - bracket - 2);
    text = text.substr(0, bracket);
  }
  size_t z = text.find_first_of("Zz+-");
  *time = text.substr(0, z);
  *offset = z == std::string_view::npos ? std::string_view() : text.substr(z);
  return true;
}

// Parses a signed decimal number; returns false when malformed.
bool ParseNumber(std::string_view s, long double* v, bool* negative, int64_t* whole,
                 int64_t* frac_nanos) {
  if (s.empty()) return false;
  *negative = s[0] == '-';
  if (s[0] == '-' || s[0] == '+') s.remove_prefix(1);
  size_t dot = s.find_first_of(".,");
  std::string_view int_part = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (int_part.empty() && frac.empty()) return false;
  *whole = 0;
  for (char c : int_part) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    // More digits than an int64 holds: not a number this engine can use.
    if (__builtin_mul_overflow(*whole, 10, whole) ||
        __builtin_add_overflow(*whole, c - '0', whole)) {
      return false;
    }
  }
  *frac_nanos = 0;
  int64_t scale = kNanosPerSecond;
  for (char c : frac) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    scale /= 10;
    *frac_nanos += (c - '0') * scale;
  }
  *v = std::strtold(std::string(s).c_str(), nullptr);
  if (dot != std::string_view::npos && s[dot] == ',') {
    *v = static_cast<long double>(*whole) + static_cast<long double>(*frac_nanos) / 1e9L;
  }
  if (*negative) *v = -*v;
  return true;
}

// The alternative form PYYYY-MM-DDThh:mm:ss[.fff].
std::optional<Temporal> ParseAlternativeDuration(std::string_view text) {
  Scanner sc(text);
  int64_t y, mo, d, h = 0, mi = 0, s = 0, frac = 0;
  if (!sc.Digits(4, &y) || !sc.Accept('-') || !sc.Digits(2, &mo) || !sc.Accept('-') ||
      !sc.Digits(2, &d)) {
    return std::nullopt;
  }
  if (sc.Accept('T') || sc.Accept('t')) {
    int64_t nanos;
    if (!ParseTime(sc.rest(), &nanos)) return std::nullopt;
    h = nanos / kNanosPerSecond / 3600;
    mi = nanos / kNanosPerSecond / 60 % 60;
    s = nanos / kNanosPerSecond % 60;
    frac = nanos % kNanosPerSecond;
  } else if (!sc.done()) {
    return std::nullopt;
  }
  return MakeDuration(y * 12 + mo, d, h * 3600 + mi * 60 + s, frac);
}

std::optional<Temporal> ParseDuration(std::string_view text) {
  if (text.empty() || (text[0] != 'P' && text[0] != 'p')) return std::nullopt;
  if (text.size() > 5 && text[5] == '-' &&
      std::all_of(text.begin() + 1, text.begin() + 5,
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
    return ParseAlternativeDuration(text.substr(1));
  }
  size_t i = 1;
  bool in_time = false;
  bool any = false;
  long double months = 0, days = 0, seconds = 0;
  int64_t nanos = 0;
  while (i < text.size()) {
    if (text[i] == 'T' || text[i] == 't') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) ||
                               text[j] == '.' || text[j] == ',' || text[j] == '-' ||
                               text[j] == '+')) {
      ++j;
    }
    if (j == i || j >= text.size()) return std::nullopt;
    long double v;
    bool negative;
    int64_t whole, frac;
    if (!ParseNumber(text.substr(i, j - i), &v, &negative, &whole, &frac)) return std::nullopt;
    char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(text[j])));
    if (!in_time) {
      if (unit == 'Y') months += v * 12;
      else if (unit == 'M') months += v;
      else if (unit == 'W') days += v * 7;
      else if (unit == 'D') days += v;
      else return std::nullopt;
    } else {
      if (unit == 'H') {
        seconds += v * 3600;
      } else if (unit == 'M') {
        seconds += v * 60;
      } else if (unit == 'S') {
        seconds += negative ? -whole : whole;
        nanos += negative ? -frac : frac;
      } else {
        return std::nullopt;
      }
    }
    any = true;
    i = j + 1;
  }
  if (!any) return std::nullopt;
  return ApproximateDuration(months, days, seconds, static_cast<long double>(nanos));
}

}  // namespace

std::string FormatOffset(int32_t offset, bool z_for_zero) {
  if (offset == 0 && z_for_zero) return "Z";
  std::string out = offset < 0 ? "-" : "+";
  int32_t a = offset < 0 ? -offset : offset;
  AppendPadded(&out, a / 3600, 2);
  out += ':';
  AppendPadded(&out, a / 60 % 60, 2);
  if (a % 60 != 0) {
    out += ':';
    AppendPadded(&out, a % 60, 2);
  }
  return out;
}

std::string TemporalToString(const Temporal& t) {
  switch (t.type) {
    case TemporalType::kDate:
      return FormatDate(t.epoch_day);
    case TemporalType::kLocalTime:
      return FormatTime(t.nanos_of_day);
    case TemporalType::kTime:
      return FormatTime(t.nanos_of_day) + FormatOffset(t.offset, true);
    case TemporalType::kLocalDateTime:
      return absl::StrCat(FormatDate(t.epoch_day), "T", FormatTime(t.nanos_of_day));
    case TemporalType::kDateTime: {
      std::string out = absl::StrCat(FormatDate(t.epoch_day), "T", FormatTime(t.nanos_of_day),
                                     FormatOffset(t.offset, true));
      if (!t.zone.empty()) absl::StrAppend(&out, "[", t.zone, "]");
      return out;
    }
    case TemporalType::kDuration:
      return FormatDuration(t);
  }
  return "";
}

bool ParseZone(std::string_view text, int32_t* offset, std::string* zone) {
  if (ParseOffset(text, offset)) {
    zone->clear();
    return true;
  }
  std::string name(text);
  if (name.empty() || !KnownZone(name)) return false;
  *zone = name;
  *offset = 0;
  return true;
}

std::optional<Temporal> ParseTemporal(TemporalType type, std::string_view text) {
  if (type == TemporalType::kDuration) return ParseDuration(text);
  Temporal t;
  t.type = type;
  std::string_view date_text, time_text = text;
  bool want_date = type == TemporalType::kDate || type == TemporalType::kLocalDateTime ||
                   type == TemporalType::kDateTime;
  bool want_time = type != TemporalType::kDate;
  if (want_date) {
    size_t tpos = text.find_first_of("Tt");
    date_text = text.substr(0, tpos);
    time_text = tpos == std::string_view::npos ? std::string_view() : text.substr(tpos + 1);
    if (type == TemporalType::kDate && tpos != std::string_view::npos) return std::nullopt;
    if (!ParseDate(date_text, &t.epoch_day)) return std::nullopt;
  }
  if (!want_time) return t;
  std::string_view clock, offset, zone;
  if (!SplitZone(time_text, &clock, &offset, &zone)) return std::nullopt;
  if (!clock.empty() && !ParseTime(clock, &t.nanos_of_day)) return std::nullopt;
  if (clock.empty() && !want_date) return std::nullopt;
  bool zoned = type == TemporalType::kTime || type == TemporalType::kDateTime;
  if (!zoned) return (offset.empty() && zone.empty()) ? std::optional<Temporal>(t) : std::nullopt;
  std::optional<int32_t> given;
  if (!offset.empty()) {
    int32_t off;
    if (!ParseOffset(offset, &off)) return std::nullopt;
    given = off;
    t.offset = off;
  }
  if (!zone.empty()) {
    if (type == TemporalType::kTime) return std::nullopt;
    t.zone = std::string(zone);
    if (!KnownZone(t.zone)) return std::nullopt;
    ResolveZone(&t, given);
  }
  return t;
}

}  // namespace cornerstone::engine
