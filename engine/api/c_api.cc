// Copyright (c) Cornerstone authors.
// The C API (cornerstone/cornerstone_c.h) over the C++ API.
#include "cornerstone/cornerstone_c.h"

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cornerstone/database.h"

using cornerstone::Connection;
using cornerstone::Database;
using cornerstone::Node;
using cornerstone::Path;
using cornerstone::PreparedStatement;
using cornerstone::Relationship;
using cornerstone::Result;
using cornerstone::Value;
using cornerstone::ValueList;
using cornerstone::ValueMap;
using cornerstone::ValueType;

struct cs_database {
  std::unique_ptr<Database> db;
};

struct cs_connection {
  std::unique_ptr<Connection> conn;
  cornerstone::QueryOptions options;
};

struct cs_statement {
  PreparedStatement stmt;
  cornerstone::QueryOptions options;
};

// A value plus the wrappers of the sub-values handed out from it (cached by
// position so repeated calls do not grow memory).
struct cs_value {
  explicit cs_value(Value v) : value(std::move(v)) {}
  Value value;
  std::map<std::pair<int, size_t>, std::unique_ptr<cs_value>> children;

  // Values built by the host (cs_value_new_*) are owned by it. A list or map
  // being built gathers its elements here; `value` catches up on the next
  // read (Sync), so that appending n elements costs O(n), not O(n^2).
  bool host_owned = false;
  std::unique_ptr<ValueList> building_list;
  std::unique_ptr<ValueMap> building_map;
  bool stale = false;

  const cs_value* Child(int kind, size_t index, const Value& v) {
    std::unique_ptr<cs_value>& c = children[{kind, index}];
    if (!c) c = std::make_unique<cs_value>(v);
    return c.get();
  }
  const Value& Sync() {
    if (stale) {
      value = building_list ? Value(*building_list) : Value(*building_map);
      children.clear();
      stale = false;
    }
    return value;
  }
};

struct cs_result {
  Result result;
  std::string stats;
  std::vector<std::unique_ptr<cs_value>> row;  // by column, for the current row
};

namespace {

thread_local std::string last_error;

cs_status Fail(cs_status code, std::string message) {
  last_error = std::move(message);
  return code;
}

cs_status Null(const char* what) {
  return Fail(CS_ERROR_INVALID_ARGUMENT, std::string(what) + " is NULL");
}

cs_status FromStatus(const absl::Status& s) {
  if (s.ok()) return CS_OK;
  cs_status code = CS_ERROR_INTERNAL;
  switch (s.code()) {
    case absl::StatusCode::kInvalidArgument: code = CS_ERROR_INVALID_ARGUMENT; break;
    case absl::StatusCode::kNotFound: code = CS_ERROR_NOT_FOUND; break;
    case absl::StatusCode::kOutOfRange: code = CS_ERROR_OUT_OF_RANGE; break;
    case absl::StatusCode::kCancelled: code = CS_ERROR_CANCELLED; break;
    case absl::StatusCode::kDataLoss: code = CS_ERROR_DATA_LOSS; break;
    case absl::StatusCode::kResourceExhausted: code = CS_ERROR_RESOURCE_EXHAUSTED; break;
    case absl::StatusCode::kFailedPrecondition:
      code = s.message() == "database is closed" ? CS_ERROR_CLOSED : CS_ERROR_FAILED_PRECONDITION;
      break;
    default: break;
  }
  return Fail(code, std::string(s.message()));
}

// A typed read: CS_ERROR_TYPE instead of InvalidArgument.
template <typename T>
cs_status Read(const absl::StatusOr<T>& v, T* out) {
  if (!v.ok()) return Fail(CS_ERROR_TYPE, std::string(v.status().message()));
  *out = *v;
  return CS_OK;
}

cs_status Wrap(absl::StatusOr<Result> r, cs_result** out) {
  if (!r.ok()) return FromStatus(r.status());
  auto* res = new cs_result;
  res->result = *std::move(r);
  res->stats = res->result.stats().ToString();
  *out = res;
  return CS_OK;
}

// The properties of a map, node or relationship; null for other values.
const ValueMap* Entries(const Value& v) {
  switch (v.type()) {
    case ValueType::kMap: return &v.map_value();
    case ValueType::kNode: return &v.node_value().properties;
    case ValueType::kRelationship: return &v.relationship_value().properties;
    default: return nullptr;
  }
}

// The value of `v`, brought up to date if the host is building it (the
// cache is not part of the value, as with cs_value::children).
const Value& Val(const cs_value* v) { return const_cast<cs_value*>(v)->Sync(); }

cs_value* NewHostValue(Value v) {
  auto* out = new (std::nothrow) cs_value(std::move(v));
  if (out != nullptr) out->host_owned = true;
  return out;
}

// Checks that `v` is a host-built value that may be given away.
cs_status TakeElement(const cs_value* container, cs_value* v) {
  if (v == nullptr) return Null("element");
  if (!v->host_owned) {
    return Fail(CS_ERROR_INVALID_ARGUMENT,
                "only values made by cs_value_new_* can be added to a list or map");
  }
  if (v == container) return Fail(CS_ERROR_INVALID_ARGUMENT, "a value cannot contain itself");
  return CS_OK;
}

cs_status Bind(cs_statement* stmt, const char* name, Value v) {
  if (stmt == nullptr) return Null("statement");
  if (name == nullptr) return Null("parameter name");
  stmt->stmt.Bind(name, std::move(v));
  return CS_OK;
}

}  // namespace

extern "C" {

cs_options cs_default_options(void) {
  cs_options o;
  o.read_only = 0;
  o.wal = 1;
  o.sync = 1;
  o.query_timeout_ms = 0;
  return o;
}

const char* cs_version(void) { return cornerstone::Version(); }
const char* cs_last_error(void) { return last_error.c_str(); }
void cs_free(void* p) { std::free(p); }

cs_status cs_open(const char* path, const cs_options* options, cs_database** out) {
  if (out == nullptr) return Null("out");
  *out = nullptr;
  cornerstone::DatabaseOptions o;
  if (options != nullptr) {
    o.read_only = options->read_only != 0;
    o.wal = options->wal != 0;
    o.sync = options->sync != 0;
    o.query_timeout_ms = options->query_timeout_ms;
  }
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(path ? path : "", o);
  if (!db.ok()) return FromStatus(db.status());
  *out = new cs_database{*std::move(db)};
  return CS_OK;
}

void cs_close(cs_database* db) { delete db; }

cs_status cs_save(cs_database* db, const char* path) {
  if (db == nullptr) return Null("database");
  return FromStatus(db->db->Save(path ? path : ""));
}

cs_status cs_connect(cs_database* db, cs_connection** out) {
  if (out == nullptr) return Null("out");
  *out = nullptr;
  if (db == nullptr) return Null("database");
  if (db->db->closed()) return FromStatus(absl::FailedPreconditionError("database is closed"));
  *out = new cs_connection{std::make_unique<Connection>(*db->db), {}};
  return CS_OK;
}

void cs_disconnect(cs_connection* conn) { delete conn; }

cs_status cs_query(cs_connection* conn, const char* text, cs_result** out) {
  if (out == nullptr) return Null("out");
  *out = nullptr;
  if (conn == nullptr) return Null("connection");
  if (text == nullptr) return Null("query text");
  return Wrap(conn->conn->Query(text, {}, conn->options), out);
}

cs_status cs_set_timeout(cs_connection* conn, int64_t timeout_ms) {
  if (conn == nullptr) return Null("connection");
  conn->options.timeout_ms = timeout_ms < 0 ? -1 : timeout_ms;
  return CS_OK;
}

cs_status cs_set_limits(cs_connection* conn, int64_t memory_limit_bytes, int64_t max_rows,
                        int64_t max_var_length) {
  if (conn == nullptr) return Null("connection");
  conn->options.memory_limit_bytes = memory_limit_bytes < 0 ? -1 : memory_limit_bytes;
  conn->options.max_rows = max_rows < 0 ? -1 : max_rows;
  conn->options.max_var_length = max_var_length < 0 ? -1 : max_var_length;
  return CS_OK;
}

cs_status cs_set_read_only(cs_connection* conn, int read_only) {
  if (conn == nullptr) return Null("connection");
  conn->options.read_only = read_only != 0;
  return CS_OK;
}

cs_status cs_set_stream(cs_connection* conn, int stream) {
  if (conn == nullptr) return Null("connection");
  conn->options.stream = stream != 0;
  return CS_OK;
}

cs_status cs_interrupt(cs_connection* conn) {
  if (conn == nullptr) return Null("connection");
  conn->conn->Interrupt();
  return CS_OK;
}

cs_status cs_begin(cs_connection* conn) {
  return conn == nullptr ? Null("connection") : FromStatus(conn->conn->Begin());
}
cs_status cs_commit(cs_connection* conn) {
  return conn == nullptr ? Null("connection") : FromStatus(conn->conn->Commit());
}
cs_status cs_rollback(cs_connection* conn) {
  return conn == nullptr ? Null("connection") : FromStatus(conn->conn->Rollback());
}

cs_status cs_prepare(cs_connection* conn, const char* text, cs_statement** out) {
  if (out == nullptr) return Null("out");
  *out = nullptr;
  if (conn == nullptr) return Null("connection");
  if (text == nullptr) return Null("query text");
  absl::StatusOr<PreparedStatement> p = conn->conn->Prepare(text);
  if (!p.ok()) return FromStatus(p.status());
  *out = new cs_statement{*std::move(p), conn->options};
  return CS_OK;
}

void cs_statement_free(cs_statement* stmt) { delete stmt; }

cs_status cs_bind_null(cs_statement* s, const char* name) { return Bind(s, name, Value()); }
cs_status cs_bind_bool(cs_statement* s, const char* name, int v) { return Bind(s, name, v != 0); }
cs_status cs_bind_int(cs_statement* s, const char* name, int64_t v) {
  return Bind(s, name, Value(v));
}
cs_status cs_bind_float(cs_statement* s, const char* name, double v) {
  return Bind(s, name, Value(v));
}
cs_status cs_bind_value(cs_statement* s, const char* name, const cs_value* v) {
  if (v == nullptr) return Null("value");
  return Bind(s, name, Val(v));
}

cs_value* cs_value_new_null(void) { return NewHostValue(Value()); }
cs_value* cs_value_new_bool(int v) { return NewHostValue(Value(v != 0)); }
cs_value* cs_value_new_int(int64_t v) { return NewHostValue(Value(v)); }
cs_value* cs_value_new_float(double v) { return NewHostValue(Value(v)); }
cs_value* cs_value_new_string(const char* v) {
  return v == nullptr ? nullptr : NewHostValue(Value(std::string(v)));
}

cs_value* cs_value_new_list(void) {
  cs_value* out = NewHostValue(Value(ValueList{}));
  if (out != nullptr) out->building_list = std::make_unique<ValueList>();
  return out;
}

cs_value* cs_value_new_map(void) {
  cs_value* out = NewHostValue(Value(ValueMap{}));
  if (out != nullptr) out->building_map = std::make_unique<ValueMap>();
  return out;
}

cs_status cs_list_append(cs_value* list, cs_value* element) {
  if (list == nullptr) return Null("list");
  if (!list->building_list) {
    return Fail(CS_ERROR_TYPE, "cs_list_append needs a list made by cs_value_new_list");
  }
  if (cs_status s = TakeElement(list, element); s != CS_OK) return s;
  list->building_list->push_back(Val(element));
  list->stale = true;
  delete element;
  return CS_OK;
}

cs_status cs_map_set(cs_value* map, const char* key, cs_value* value) {
  if (map == nullptr) return Null("map");
  if (key == nullptr) return Null("key");
  if (!map->building_map) {
    return Fail(CS_ERROR_TYPE, "cs_map_set needs a map made by cs_value_new_map");
  }
  if (cs_status s = TakeElement(map, value); s != CS_OK) return s;
  (*map->building_map)[key] = Val(value);
  map->stale = true;
  delete value;
  return CS_OK;
}

void cs_value_free(cs_value* v) {
  if (v != nullptr && v->host_owned) delete v;
}

cs_status cs_bind_string(cs_statement* s, const char* name, const char* v) {
  if (v == nullptr) return Null("string value");
  return Bind(s, name, Value(v));
}

cs_status cs_clear_bindings(cs_statement* stmt) {
  if (stmt == nullptr) return Null("statement");
  stmt->stmt.ClearBindings();
  return CS_OK;
}

cs_status cs_execute(cs_statement* stmt, cs_result** out) {
  if (out == nullptr) return Null("out");
  *out = nullptr;
  if (stmt == nullptr) return Null("statement");
  return Wrap(stmt->stmt.Execute(stmt->options), out);
}

void cs_result_free(cs_result* res) { delete res; }

size_t cs_result_column_count(const cs_result* res) {
  return res == nullptr ? 0 : res->result.num_columns();
}

const char* cs_result_column_name(const cs_result* res, size_t column) {
  if (res == nullptr || column >= res->result.num_columns()) return nullptr;
  return res->result.columns()[column].c_str();
}

size_t cs_result_row_count(const cs_result* res) {
  return res == nullptr ? 0 : res->result.num_rows();
}

int cs_result_next(cs_result* res) {
  if (res == nullptr) {
    Null("result");
    return -1;
  }
  res->row.clear();
  if (res->result.Next()) return 1;
  if (!res->result.status().ok()) {
    FromStatus(res->result.status());  // a streamed result ended by an error
    return -1;
  }
  return 0;
}

const char* cs_result_stats(const cs_result* res) {
  return res == nullptr ? "" : res->stats.c_str();
}

cs_status cs_result_value(cs_result* res, size_t column, const cs_value** out) {
  if (out == nullptr) return Null("out");
  *out = nullptr;
  if (res == nullptr) return Null("result");
  absl::StatusOr<Value> v = res->result.At(column);
  if (!v.ok()) return FromStatus(v.status());
  if (res->row.size() <= column) res->row.resize(res->result.num_columns());
  if (!res->row[column]) res->row[column] = std::make_unique<cs_value>(*std::move(v));
  *out = res->row[column].get();
  return CS_OK;
}

cs_status cs_result_bool(cs_result* res, size_t column, int* out) {
  const cs_value* v = nullptr;
  cs_status s = cs_result_value(res, column, &v);
  return s != CS_OK ? s : cs_value_bool(v, out);
}
cs_status cs_result_int(cs_result* res, size_t column, int64_t* out) {
  const cs_value* v = nullptr;
  cs_status s = cs_result_value(res, column, &v);
  return s != CS_OK ? s : cs_value_int(v, out);
}
cs_status cs_result_float(cs_result* res, size_t column, double* out) {
  const cs_value* v = nullptr;
  cs_status s = cs_result_value(res, column, &v);
  return s != CS_OK ? s : cs_value_float(v, out);
}
cs_status cs_result_string(cs_result* res, size_t column, const char** out) {
  const cs_value* v = nullptr;
  cs_status s = cs_result_value(res, column, &v);
  return s != CS_OK ? s : cs_value_string(v, out);
}

cs_type cs_value_type(const cs_value* v) {
  return v == nullptr ? CS_TYPE_NULL : static_cast<cs_type>(Val(v).type());
}

cs_status cs_value_bool(const cs_value* v, int* out) {
  if (v == nullptr || out == nullptr) return Null(v == nullptr ? "value" : "out");
  bool b = false;
  cs_status s = Read(Val(v).AsBool(), &b);
  if (s == CS_OK) *out = b ? 1 : 0;
  return s;
}

cs_status cs_value_int(const cs_value* v, int64_t* out) {
  if (v == nullptr || out == nullptr) return Null(v == nullptr ? "value" : "out");
  return Read(Val(v).AsInt(), out);
}

cs_status cs_value_float(const cs_value* v, double* out) {
  if (v == nullptr || out == nullptr) return Null(v == nullptr ? "value" : "out");
  return Read(Val(v).AsFloat(), out);
}

cs_status cs_value_string(const cs_value* v, const char** out) {
  if (v == nullptr || out == nullptr) return Null(v == nullptr ? "value" : "out");
  if (Val(v).type() != ValueType::kString) {
    return Fail(CS_ERROR_TYPE, std::string(Val(v).AsString().status().message()));
  }
  *out = Val(v).string_value().c_str();
  return CS_OK;
}

char* cs_value_to_string(const cs_value* v) {
  std::string s = v == nullptr ? "null" : Val(v).ToString();
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out != nullptr) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

cs_status cs_value_size(const cs_value* v, size_t* out) {
  if (v == nullptr || out == nullptr) return Null(v == nullptr ? "value" : "out");
  const Value& x = Val(v);
  if (x.type() == ValueType::kList) {
    *out = x.list_value().size();
  } else if (x.type() == ValueType::kPath) {
    *out = x.path_value().nodes.size() + x.path_value().relationships.size();
  } else if (const ValueMap* m = Entries(x)) {
    *out = m->size();
  } else {
    return Fail(CS_ERROR_TYPE, std::string(cornerstone::ValueTypeName(x.type())) + " has no size");
  }
  return CS_OK;
}

cs_status cs_value_element(const cs_value* v, size_t index, const cs_value** out) {
  if (v == nullptr || out == nullptr) return Null(v == nullptr ? "value" : "out");
  *out = nullptr;
  auto* self = const_cast<cs_value*>(v);  // the child cache is not part of the value
  const Value& x = Val(v);
  if (x.type() == ValueType::kList) {
    if (index >= x.list_value().size()) return Fail(CS_ERROR_OUT_OF_RANGE, "index out of range");
    *out = self->Child(0, index, x.list_value()[index]);
    return CS_OK;
  }
  if (x.type() == ValueType::kPath) {
    const Path& p = x.path_value();
    if (index >= p.nodes.size() + p.relationships.size()) {
      return Fail(CS_ERROR_OUT_OF_RANGE, "index out of range");
    }
    *out = index % 2 == 0 ? self->Child(0, index, Value(p.nodes[index / 2]))
                          : self->Child(0, index, Value(p.relationships[index / 2]));
    return CS_OK;
  }
  return Fail(CS_ERROR_TYPE, std::string(cornerstone::ValueTypeName(x.type())) +
                                 " has no elements (not a LIST or PATH)");
}

cs_status cs_value_entry(const cs_value* v, size_t index, const char** key,
                         const cs_value** value) {
  if (v == nullptr || key == nullptr || value == nullptr) {
    return Null(v == nullptr ? "value" : "out");
  }
  const ValueMap* m = Entries(Val(v));
  if (m == nullptr) {
    return Fail(CS_ERROR_TYPE, std::string(cornerstone::ValueTypeName(Val(v).type())) +
                                   " has no entries (not a MAP, NODE or RELATIONSHIP)");
  }
  if (index >= m->size()) return Fail(CS_ERROR_OUT_OF_RANGE, "index out of range");
  auto it = std::next(m->begin(), static_cast<std::ptrdiff_t>(index));
  *key = it->first.c_str();
  *value = const_cast<cs_value*>(v)->Child(1, index, it->second);
  return CS_OK;
}

cs_status cs_value_property(const cs_value* v, const char* key, const cs_value** out) {
  if (v == nullptr || key == nullptr || out == nullptr) {
    return Null(v == nullptr ? "value" : key == nullptr ? "key" : "out");
  }
  *out = nullptr;
  const ValueMap* m = Entries(Val(v));
  if (m == nullptr) {
    return Fail(CS_ERROR_TYPE, std::string(cornerstone::ValueTypeName(Val(v).type())) +
                                   " has no properties");
  }
  auto it = m->find(key);
  if (it == m->end()) return Fail(CS_ERROR_NOT_FOUND, std::string("no property ") + key);
  size_t index = static_cast<size_t>(std::distance(m->begin(), it));
  *out = const_cast<cs_value*>(v)->Child(1, index, it->second);
  return CS_OK;
}

cs_status cs_value_id(const cs_value* v, int64_t* out) {
  if (v == nullptr || out == nullptr) return Null(v == nullptr ? "value" : "out");
  if (Val(v).type() == ValueType::kNode) {
    *out = Val(v).node_value().id;
  } else if (Val(v).type() == ValueType::kRelationship) {
    *out = Val(v).relationship_value().id;
  } else {
    return Fail(CS_ERROR_TYPE, "only nodes and relationships have ids");
  }
  return CS_OK;
}

cs_status cs_value_label_count(const cs_value* v, size_t* out) {
  if (v == nullptr || out == nullptr) return Null(v == nullptr ? "value" : "out");
  if (Val(v).type() != ValueType::kNode) return Fail(CS_ERROR_TYPE, "only nodes have labels");
  *out = Val(v).node_value().labels.size();
  return CS_OK;
}

cs_status cs_value_label(const cs_value* v, size_t index, const char** out) {
  if (v == nullptr || out == nullptr) return Null(v == nullptr ? "value" : "out");
  if (Val(v).type() != ValueType::kNode) return Fail(CS_ERROR_TYPE, "only nodes have labels");
  const std::vector<std::string>& labels = Val(v).node_value().labels;
  if (index >= labels.size()) return Fail(CS_ERROR_OUT_OF_RANGE, "index out of range");
  *out = labels[index].c_str();
  return CS_OK;
}

cs_status cs_value_rel_type(const cs_value* v, const char** out) {
  if (v == nullptr || out == nullptr) return Null(v == nullptr ? "value" : "out");
  if (Val(v).type() != ValueType::kRelationship) {
    return Fail(CS_ERROR_TYPE, "only relationships have a type");
  }
  *out = Val(v).relationship_value().type.c_str();
  return CS_OK;
}

cs_status cs_value_rel_ends(const cs_value* v, int64_t* start_id, int64_t* end_id) {
  if (v == nullptr || start_id == nullptr || end_id == nullptr) {
    return Null(v == nullptr ? "value" : "out");
  }
  if (Val(v).type() != ValueType::kRelationship) {
    return Fail(CS_ERROR_TYPE, "only relationships have end points");
  }
  *start_id = Val(v).relationship_value().start_id;
  *end_id = Val(v).relationship_value().end_id;
  return CS_OK;
}

}  // extern "C"
