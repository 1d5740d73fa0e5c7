// Copyright (c) Cornerstone authors.
// The built-in scalar functions. Each takes its evaluated arguments; unless
// a definition says handles_null, a null argument yields null before the
// function runs.
#include "engine/exec/functions.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "engine/exec/context.h"
#include "engine/exec/builtins.h"
#include "engine/exec/eval.h"
#include "engine/exec/temporal_functions.h"
#include "utf8proc.h"

namespace cornerstone::engine {
namespace {

using Args = std::span<const Value>;
using query::ErrorKind;

Value WrongType(EvalContext& ctx, const char* fn, const Value& v) {
  return ctx.Fail(ErrorKind::kTypeError, absl::StrCat("Invalid argument type for ", fn,
                                                       "(): ", KindName(v.kind())));
}

// Conversion functions reject values of other types at run time, even for
// constant arguments (openCypher's InvalidArgumentValue).
Value NotConvertible(EvalContext& ctx, const char* fn, const Value& v) {
  return ctx.Fail(ErrorKind::kTypeError, absl::StrCat("InvalidArgumentValue: ", fn,
                                                       "() cannot convert ", KindName(v.kind())));
}

// ---- graph ----

Value Id(Args a, EvalContext& ctx) {
  if (a[0].kind() == Kind::kNode) return Value::Int(static_cast<int64_t>(a[0].node_id()));
  if (a[0].kind() == Kind::kRel) return Value::Int(static_cast<int64_t>(a[0].rel_id()));
  return WrongType(ctx, "id", a[0]);
}

Value Labels(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kNode) return WrongType(ctx, "labels", a[0]);
  const Graph& g = ctx.graph();
  if (!g.NodeAlive(a[0].node_id())) {
    return ctx.Fail(ErrorKind::kEntityNotFound,
                    "DeletedEntityAccess: labels() of a node deleted by this query");
  }
  List out;
  for (LabelId l : g.node(a[0].node_id()).labels) out.push_back(Value::String(g.labels().Name(l)));
  return Value::MakeList(std::move(out));
}

Value Type(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kRel) return WrongType(ctx, "type", a[0]);
  const Graph& g = ctx.graph();
  return Value::String(g.types().Name(g.rel(a[0].rel_id()).type));
}

const PropertyList* PropertiesOf(const Value& v, EvalContext& ctx) {
  const Graph& g = ctx.graph();
  if (v.kind() == Kind::kNode && g.NodeAlive(v.node_id())) return &g.node(v.node_id()).properties;
  if (v.kind() == Kind::kRel && g.RelAlive(v.rel_id())) return &g.rel(v.rel_id()).properties;
  if (v.kind() == Kind::kNode || v.kind() == Kind::kRel) {
    ctx.Fail(ErrorKind::kEntityNotFound,
             absl::StrCat("DeletedEntityAccess: cannot read the properties of a ",
                          v.kind() == Kind::kNode ? "node" : "relationship",
                          " deleted by this query"));
  }
  return nullptr;
}

Value Properties(Args a, EvalContext& ctx) {
  if (a[0].kind() == Kind::kMap) return a[0];
  if (a[0].kind() != Kind::kNode && a[0].kind() != Kind::kRel) {
    return WrongType(ctx, "properties", a[0]);
  }
  Map m;
  if (const PropertyList* p = PropertiesOf(a[0], ctx)) {
    for (const auto& [k, v] : p->entries()) m.emplace_back(ctx.graph().keys().Name(k), v);
  }
  return Value::MakeMap(std::move(m));
}

Value Keys(Args a, EvalContext& ctx) {
  List out;
  if (a[0].kind() == Kind::kMap) {
    for (const auto& [k, v] : a[0].map_value()) out.push_back(Value::String(k));
  } else if (a[0].kind() == Kind::kNode || a[0].kind() == Kind::kRel) {
    if (const PropertyList* p = PropertiesOf(a[0], ctx)) {
      for (const auto& [k, v] : p->entries()) {
        out.push_back(Value::String(ctx.graph().keys().Name(k)));
      }
    }
    std::sort(out.begin(), out.end(),
              [](const Value& x, const Value& y) { return x.string_value() < y.string_value(); });
  } else {
    return WrongType(ctx, "keys", a[0]);
  }
  return Value::MakeList(std::move(out));
}

Value Nodes(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kPath) return WrongType(ctx, "nodes", a[0]);
  List out;
  for (NodeId n : a[0].path_value().nodes) out.push_back(Value::Node(n));
  return Value::MakeList(std::move(out));
}

Value Relationships(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kPath) return WrongType(ctx, "relationships", a[0]);
  List out;
  for (RelId r : a[0].path_value().rels) out.push_back(Value::Rel(r));
  return Value::MakeList(std::move(out));
}

Value StartNode(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kRel) return WrongType(ctx, "startNode", a[0]);
  return Value::Node(ctx.graph().rel(a[0].rel_id()).source);
}

Value EndNode(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kRel) return WrongType(ctx, "endNode", a[0]);
  return Value::Node(ctx.graph().rel(a[0].rel_id()).target);
}

// ---- lists and strings ----

int64_t CodePoints(const std::string& s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Value Length(Args a, EvalContext& ctx) {
  if (a[0].kind() == Kind::kPath) {
    return Value::Int(static_cast<int64_t>(a[0].path_value().rels.size()));
  }
  if (a[0].kind() == Kind::kString) return Value::Int(CodePoints(a[0].string_value()));
  if (a[0].kind() == Kind::kList) return Value::Int(static_cast<int64_t>(a[0].list_value().size()));
  return WrongType(ctx, "length", a[0]);
}

Value Size(Args a, EvalContext& ctx) {
  if (a[0].kind() == Kind::kString) return Value::Int(CodePoints(a[0].string_value()));
  if (a[0].kind() == Kind::kList) return Value::Int(static_cast<int64_t>(a[0].list_value().size()));
  return WrongType(ctx, "size", a[0]);
}

Value Coalesce(Args a, EvalContext&) {
  for (const Value& v : a) {
    if (!v.is_null()) return v;
  }
  return Value();
}

Value Head(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kList) return WrongType(ctx, "head", a[0]);
  return a[0].list_value().empty() ? Value() : a[0].list_value().front();
}

Value Last(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kList) return WrongType(ctx, "last", a[0]);
  return a[0].list_value().empty() ? Value() : a[0].list_value().back();
}

Value Tail(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kList) return WrongType(ctx, "tail", a[0]);
  const List& l = a[0].list_value();
  return Value::MakeList(l.empty() ? List() : List(l.begin() + 1, l.end()));
}

Value Reverse(Args a, EvalContext& ctx) {
  if (a[0].kind() == Kind::kList) {
    List l = a[0].list_value();
    std::reverse(l.begin(), l.end());
    return Value::MakeList(std::move(l));
  }
  if (a[0].kind() == Kind::kString) {
    // Reverse by code point.
    const std::string& s = a[0].string_value();
    std::vector<std::string_view> cps;
    for (size_t i = 0; i < s.size();) {
      size_t j = i + 1;
      while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
      cps.emplace_back(s.data() + i, j - i);
      i = j;
    }
    std::string out;
    for (auto it = cps.rbegin(); it != cps.rend(); ++it) out.append(*it);
    return Value::String(std::move(out));
  }
  return WrongType(ctx, "reverse", a[0]);
}

Value Range(Args a, EvalContext& ctx) {
  for (const Value& v : a) {
    if (v.kind() != Kind::kInt) {
      return ctx.Fail(ErrorKind::kArgumentError,
                      absl::StrCat("range() expects integers, but got ", KindName(v.kind())));
    }
  }
  int64_t from = a[0].int_value(), to = a[1].int_value();
  int64_t step = a.size() > 2 ? a[2].int_value() : 1;
  if (step == 0) return ctx.Fail(ErrorKind::kArgumentError, "range() step must not be zero");
  List out;
  for (int64_t i = from; step > 0 ? i <= to : i >= to;) {
    // A long range must not delay an interrupt or a time limit.
    if ((out.size() & 0xFFFF) == 0xFFFF &&
        (ctx.Cancelled() || !ctx.Fits(static_cast<int64_t>(2 * out.capacity() * sizeof(Value))))) {
      return Value();  // interrupted, past the time limit or the memory budget
    }
    out.push_back(Value::Int(i));
    if (out.size() > 100'000'000) {
      return ctx.Fail(ErrorKind::kArgumentError, "range() would produce too many elements");
    }
    if (__builtin_add_overflow(i, step, &i)) break;  // the end is past INT64's range
  }
  return Value::MakeList(std::move(out));
}

std::string MapCase(const std::string& s, bool upper) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t n = static_cast<utf8proc_ssize_t>(s.size());
  while (n > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(p, n, &cp);
    if (len <= 0) {  // invalid byte: copy it through
      out.push_back(static_cast<char>(*p));
      ++p;
      --n;
      continue;
    }
    utf8proc_int32_t mapped = upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t w = utf8proc_encode_char(mapped, buf);
    out.append(reinterpret_cast<char*>(buf), w);
    p += len;
    n -= len;
  }
  return out;
}

Value ToLower(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kString) return WrongType(ctx, "toLower", a[0]);
  return Value::String(MapCase(a[0].string_value(), false));
}

Value ToUpper(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kString) return WrongType(ctx, "toUpper", a[0]);
  return Value::String(MapCase(a[0].string_value(), true));
}

Value Trim(Args a, EvalContext& ctx, bool left, bool right) {
  if (a[0].kind() != Kind::kString) return WrongType(ctx, "trim", a[0]);
  absl::string_view s = a[0].string_value();
  if (left) s = absl::StripLeadingAsciiWhitespace(s);
  if (right) s = absl::StripTrailingAsciiWhitespace(s);
  return Value::String(std::string(s));
}
Value TrimBoth(Args a, EvalContext& ctx) { return Trim(a, ctx, true, true); }
Value LTrim(Args a, EvalContext& ctx) { return Trim(a, ctx, true, false); }
Value RTrim(Args a, EvalContext& ctx) { return Trim(a, ctx, false, true); }

Value Replace(Args a, EvalContext& ctx) {
  for (const Value& v : a) {
    if (v.kind() != Kind::kString) return WrongType(ctx, "replace", v);
  }
  const std::string& from = a[1].string_value();
  if (from.empty()) return a[0];
  const std::string& s = a[0].string_value();
  const std::string& to = a[2].string_value();
  size_t hits = 0;
  for (size_t hit = 0; (hit = s.find(from, hit)) != std::string::npos; hit += from.size()) ++hits;
  const int64_t bytes = static_cast<int64_t>(s.size()) +
                        static_cast<int64_t>(hits) * (static_cast<int64_t>(to.size()) -
                                                      static_cast<int64_t>(from.size()));
  if (!ctx.FitsBuilt(bytes)) return Value();
  std::string out;
  out.reserve(static_cast<size_t>(bytes));
  size_t pos = 0;
  for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out.append(s, pos, hit - pos);
    out.append(to);
  }
  out.append(s, pos);
  return Value::String(std::move(out));
}

Value Split(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kString || a[1].kind() != Kind::kString) {
    return WrongType(ctx, "split", a[0].kind() != Kind::kString ? a[0] : a[1]);
  }
  List out;
  for (absl::string_view part : absl::StrSplit(a[0].string_value(), a[1].string_value())) {
    out.push_back(Value::String(std::string(part)));
  }
  return Value::MakeList(std::move(out));
}

// Byte offset of code point `n` in s (clamped to the end).
size_t CodePointOffset(const std::string& s, int64_t n) {
  size_t i = 0;
  for (int64_t k = 0; k < n && i < s.size(); ++k) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

Value Substring(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kString) return WrongType(ctx, "substring", a[0]);
  if (a[1].kind() != Kind::kInt) return WrongType(ctx, "substring", a[1]);
  if (a.size() > 2 && a[2].kind() != Kind::kInt) return WrongType(ctx, "substring", a[2]);
  int64_t start = a[1].int_value();
  int64_t len = a.size() > 2 ? a[2].int_value() : std::numeric_limits<int64_t>::max();
  if (start < 0 || len < 0) {
    return ctx.Fail(ErrorKind::kArgumentError, "substring() start and length must not be negative");
  }
  const std::string& s = a[0].string_value();
  size_t b = CodePointOffset(s, start);
  size_t e = len == std::numeric_limits<int64_t>::max() ? s.size()
                                                        : CodePointOffset(s, start + len);
  return Value::String(s.substr(b, e - b));
}

Value Left(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kString || a[1].kind() != Kind::kInt) return WrongType(ctx, "left", a[0]);
  if (a[1].int_value() < 0) return ctx.Fail(ErrorKind::kArgumentError, "left() length is negative");
  const std::string& s = a[0].string_value();
  return Value::String(s.substr(0, CodePointOffset(s, a[1].int_value())));
}

Value Right(Args a, EvalContext& ctx) {
  if (a[0].kind() != Kind::kString || a[1].kind() != Kind::kInt) return WrongType(ctx, "right", a[0]);
  if (a[1].int_value() < 0) return ctx.Fail(ErrorKind::kArgumentError, "right() length is negative");
  const std::string& s = a[0].string_value();
  int64_t n = CodePoints(s);
  int64_t skip = std::max<int64_t>(0, n - a[1].int_value());
  return Value::String(s.substr(CodePointOffset(s, skip)));
}

// ---- conversion ----

Value ToString(Args a, EvalContext& ctx) {
  const Value& v = a[0];
  switch (v.kind()) {
    case Kind::kString: return v;
    case Kind::kInt: return Value::String(absl::StrCat(v.int_value()));
    case Kind::kFloat: return Value::String(FormatFloat(v.float_value()));
    case Kind::kBool: return Value::String(v.bool_value() ? "true" : "false");
    case Kind::kTemporal: return Value::String(TemporalToString(v.temporal_value()));
    default: return NotConvertible(ctx, "toString", v);
  }
}

Value ToInteger(Args a, EvalContext& ctx) {
  const Value& v = a[0];
  switch (v.kind()) {
    case Kind::kInt: return v;
    case Kind::kFloat: {
      double d = std::trunc(v.float_value());
      if (!(d >= -9.2233720368547758e18 && d < 9.2233720368547758e18)) return Value();
      return Value::Int(static_cast<int64_t>(d));
    }
    case Kind::kBool: return Value::Int(v.bool_value() ? 1 : 0);
    case Kind::kString: {
      absl::string_view s = absl::StripAsciiWhitespace(v.string_value());
      int64_t i;
      if (absl::SimpleAtoi(s, &i)) return Value::Int(i);
      double d;
      if (absl::SimpleAtod(s, &d) && std::isfinite(d)) {
        d = std::trunc(d);
        if (d >= -9.2233720368547758e18 && d < 9.2233720368547758e18) {
          return Value::Int(static_cast<int64_t>(d));
        }
      }
      return Value();
    }
    default: return NotConvertible(ctx, "toInteger", v);
  }
}

Value ToFloat(Args a, EvalContext& ctx) {
  const Value& v = a[0];
  switch (v.kind()) {
    case Kind::kFloat: return v;
    case Kind::kInt: return Value::Float(static_cast<double>(v.int_value()));
    case Kind::kString: {
      double d;
      absl::string_view s = absl::StripAsciiWhitespace(v.string_value());
      if (absl::SimpleAtod(s, &d)) return Value::Float(d);
      return Value();
    }
    default: return NotConvertible(ctx, "toFloat", v);
  }
}

Value ToBoolean(Args a, EvalContext& ctx) {
  const Value& v = a[0];
  if (v.kind() == Kind::kBool) return v;
  if (v.kind() == Kind::kInt) return Value::Bool(v.int_value() != 0);
  if (v.kind() == Kind::kString) {
    std::string s = absl::AsciiStrToLower(absl::StripAsciiWhitespace(v.string_value()));
    if (s == "true") return Value::Bool(true);
    if (s == "false") return Value::Bool(false);
    return Value();
  }
  return NotConvertible(ctx, "toBoolean", v);
}

// ---- math ----

Value Abs(Args a, EvalContext& ctx) {
  if (a[0].kind() == Kind::kInt) {
    if (a[0].int_value() == std::numeric_limits<int64_t>::min()) {
      return ctx.Fail(ErrorKind::kArgumentError, "integer overflow");
    }
    return Value::Int(std::abs(a[0].int_value()));
  }
  if (a[0].kind() == Kind::kFloat) return Value::Float(std::fabs(a[0].float_value()));
  return WrongType(ctx, "abs", a[0]);
}

template <double (*F)(double)>
Value FloatFn(Args a, EvalContext& ctx) {
  if (!a[0].is_number()) return WrongType(ctx, "math function", a[0]);
  return Value::Float(F(a[0].number_value()));
}

Value Round(Args a, EvalContext& ctx) {
  if (!a[0].is_number()) return WrongType(ctx, "round", a[0]);
  // Cypher rounds half up (towards positive infinity).
  return Value::Float(std::floor(a[0].number_value() + 0.5));
}

Value Sign(Args a, EvalContext& ctx) {
  if (!a[0].is_number()) return WrongType(ctx, "sign", a[0]);
  double d = a[0].number_value();
  return Value::Int(d > 0 ? 1 : d < 0 ? -1 : 0);
}

Value Exists(Args a, EvalContext&) { return Value::Bool(!a[0].is_null()); }

Value Rand(Args, EvalContext&) {
  thread_local std::mt19937_64 rng(std::random_device{}());
  return Value::Float(std::uniform_real_distribution<double>(0.0, 1.0)(rng));
}

double Ceil(double d) { return std::ceil(d); }
double Floor(double d) { return std::floor(d); }
double Sqrt(double d) { return std::sqrt(d); }
double Exp(double d) { return std::exp(d); }
double Log(double d) { return std::log(d); }
double Log10(double d) { return std::log10(d); }

constexpr FunctionDef kFunctions[] = {
    {"abs", 1, 1, false, Abs},
    {"ceil", 1, 1, false, FloatFn<Ceil>},
    {"coalesce", 1, -1, true, Coalesce},
    {"endNode", 1, 1, false, EndNode},
    {"exists", 1, 1, true, Exists},
    {"exp", 1, 1, false, FloatFn<Exp>},
    {"floor", 1, 1, false, FloatFn<Floor>},
    {"head", 1, 1, false, Head},
    {"id", 1, 1, false, Id},
    {"keys", 1, 1, false, Keys},
    {"labels", 1, 1, false, Labels},
    {"last", 1, 1, false, Last},
    {"left", 2, 2, false, Left},
    {"length", 1, 1, false, Length},
    {"log", 1, 1, false, FloatFn<Log>},
    {"log10", 1, 1, false, FloatFn<Log10>},
    {"ltrim", 1, 1, false, LTrim},
    {"nodes", 1, 1, false, Nodes},
    {"properties", 1, 1, false, Properties},
    {"rand", 0, 0, false, Rand},
    {"range", 2, 3, false, Range},
    {"relationships", 1, 1, false, Relationships},
    {"replace", 3, 3, false, Replace},
    {"reverse", 1, 1, false, Reverse},
    {"right", 2, 2, false, Right},
    {"round", 1, 1, false, Round},
    {"rtrim", 1, 1, false, RTrim},
    {"sign", 1, 1, false, Sign},
    {"size", 1, 1, false, Size},
    {"split", 2, 2, false, Split},
    {"sqrt", 1, 1, false, FloatFn<Sqrt>},
    {"startNode", 1, 1, false, StartNode},
    {"substring", 2, 3, false, Substring},
    {"tail", 1, 1, false, Tail},
    {"toBoolean", 1, 1, false, ToBoolean},
    {"toFloat", 1, 1, false, ToFloat},
    {"toInteger", 1, 1, false, ToInteger},
    {"toLower", 1, 1, false, ToLower},
    {"toString", 1, 1, false, ToString},
    {"toUpper", 1, 1, false, ToUpper},
    {"trim", 1, 1, false, TrimBoth},
    {"type", 1, 1, false, Type},
};

constexpr AggregateDef kAggregates[] = {
    {"avg", AggregateKind::kAvg},     {"collect", AggregateKind::kCollect},
    {"count", AggregateKind::kCount}, {"max", AggregateKind::kMax},
    {"min", AggregateKind::kMin},     {"sum", AggregateKind::kSum},
    {"percentileCont", AggregateKind::kPercentileCont},
    {"percentileDisc", AggregateKind::kPercentileDisc},
};

}  // namespace

const FunctionDef* FindFunction(std::string_view std_name) {
  absl::string_view name(std_name.data(), std_name.size());
  for (const FunctionDef& f : kFunctions) {
    if (absl::EqualsIgnoreCase(f.name, name)) return &f;
  }
  // Older spellings.
  if (absl::EqualsIgnoreCase(name, "lower")) return FindFunction("toLower");
  if (absl::EqualsIgnoreCase(name, "upper")) return FindFunction("toUpper");
  if (const FunctionDef* f = FindTemporalFunction(std_name)) return f;
  return FindKgFunction(std_name);
}

const AggregateDef* FindAggregate(std::string_view std_name) {
  absl::string_view name(std_name.data(), std_name.size());
  for (const AggregateDef& a : kAggregates) {
    if (absl::EqualsIgnoreCase(a.name, name)) return &a;
  }
  return nullptr;
}

std::vector<std::string> AllFunctionNames() {
  std::vector<std::string> out;
  for (const FunctionDef& f : kFunctions) out.emplace_back(f.name);
  for (const AggregateDef& a : kAggregates) out.emplace_back(a.name);
  for (std::string& t : TemporalFunctionNames()) out.push_back(std::move(t));
  for (std::string& k : KgFunctionNames()) out.push_back(std::move(k));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace cornerstone::engine
