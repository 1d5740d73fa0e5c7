/* Copyright (c) Cornerstone authors.
 * The C API: a plain C ABI over the C++ API (cornerstone/database.h), for C
 * hosts and for bindings (Python ctypes/cffi, Rust, Go, ...).
 *
 *   cs_database* db = NULL;
 *   cs_connection* conn = NULL;
 *   cs_result* res = NULL;
 *   if (cs_open(NULL, NULL, &db) != CS_OK) { puts(cs_last_error()); ... }
 *   cs_connect(db, &conn);
 *   if (cs_query(conn, "MATCH (n) RETURN n.name", &res) == CS_OK) {
 *     while (cs_result_next(res) == 1) {
 *       const char* name = NULL;
 *       if (cs_result_string(res, 0, &name) == CS_OK) puts(name);
 *     }
 *     cs_result_free(res);
 *   }
 *   cs_disconnect(conn);
 *   cs_close(db);
 *
 * Errors: every function that can fail returns a cs_status; CS_OK is 0.
 * On failure, cs_last_error() returns the message (thread-local, valid until
 * the next failing call on the same thread). NULL handles and NULL output
 * pointers are reported as CS_ERROR_INVALID_ARGUMENT, never a crash.
 *
 * Ownership: every handle returned through an out-parameter is owned by the
 * caller and freed with its free function (cs_close, cs_disconnect,
 * cs_statement_free, cs_result_free); strings returned as `char*` are freed
 * with cs_free. `const char*` and `const cs_value*` results are borrowed:
 * they live as long as the handle they came from says (see each function).
 * Handles may be freed in any order: a result outlives its connection, and
 * a connection whose database was closed returns CS_ERROR_CLOSED.
 *
 * Threads: as the C++ API. A database may be shared by threads; a
 * connection, its statements and results are used by one thread at a time,
 * except cs_interrupt, which any thread may call.
 */
#ifndef CORNERSTONE_CORNERSTONE_C_H_
#define CORNERSTONE_CORNERSTONE_C_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cs_database cs_database;
typedef struct cs_connection cs_connection;
typedef struct cs_statement cs_statement;
typedef struct cs_result cs_result;
typedef struct cs_value cs_value;

typedef enum cs_status {
  CS_OK = 0,
  CS_ERROR_INVALID_ARGUMENT = 1, /* NULL pointer, bad parameter, query error */
  CS_ERROR_NOT_FOUND = 2,        /* missing file or column name */
  CS_ERROR_OUT_OF_RANGE = 3,     /* column or index out of range, no current row */
  CS_ERROR_TYPE = 4,             /* a value read as the wrong type */
  CS_ERROR_CANCELLED = 5,        /* cs_interrupt or a timeout */
  CS_ERROR_CLOSED = 6,           /* the database was closed */
  CS_ERROR_FAILED_PRECONDITION = 7, /* e.g. read-only, locked, no transaction */
  CS_ERROR_DATA_LOSS = 8,        /* corrupt file */
  CS_ERROR_INTERNAL = 9,         /* anything else */
  CS_ERROR_RESOURCE_EXHAUSTED = 10 /* a resource limit (memory, rows, path length) */
} cs_status;

typedef enum cs_type {
  CS_TYPE_NULL = 0,
  CS_TYPE_BOOL = 1,
  CS_TYPE_INT = 2,
  CS_TYPE_FLOAT = 3,
  CS_TYPE_STRING = 4,
  CS_TYPE_LIST = 5,
  CS_TYPE_MAP = 6,
  CS_TYPE_NODE = 7,
  CS_TYPE_RELATIONSHIP = 8,
  CS_TYPE_PATH = 9
} cs_type;

typedef struct cs_options {
  int read_only;             /* nonzero: never write; refuse updates */
  int wal;                   /* nonzero: log each commit (file databases) */
  int sync;                  /* nonzero: fsync the log on every commit */
  int64_t query_timeout_ms;  /* default time limit per statement; 0: none */
} cs_options;

/* The defaults: read_only 0, wal 1, sync 1, query_timeout_ms 0. */
cs_options cs_default_options(void);

/* "0.1.0". Static storage. */
const char* cs_version(void);

/* The message of the last failed call on this thread ("" if none). */
const char* cs_last_error(void);

/* Frees a string returned as `char*` by this API. NULL is a no-op. */
void cs_free(void* p);

/* ---- Databases and connections ---- */

/* Opens the database at `path` (NULL, "" or ":memory:": in memory) with
 * `options` (NULL: the defaults). Errors: CS_ERROR_NOT_FOUND,
 * CS_ERROR_DATA_LOSS, CS_ERROR_FAILED_PRECONDITION (locked). */
cs_status cs_open(const char* path, const cs_options* options, cs_database** out);
/* Closes and frees the database. Connections still open then fail with
 * CS_ERROR_CLOSED and must still be freed. NULL is a no-op. */
void cs_close(cs_database* db);
/* Writes a snapshot to `path` (NULL: the database's own file). */
cs_status cs_save(cs_database* db, const char* path);

cs_status cs_connect(cs_database* db, cs_connection** out);
/* Rolls back an open transaction and frees the connection. NULL: no-op. */
void cs_disconnect(cs_connection* conn);

/* Runs one statement. On success *out is a result to free with
 * cs_result_free. */
cs_status cs_query(cs_connection* conn, const char* text, cs_result** out);
/* Time limit for the next statements of `conn` (0: none, -1: the
 * database's default). */
cs_status cs_set_timeout(cs_connection* conn, int64_t timeout_ms);
/* Resource limits for the next statements of `conn` (0: none, -1: the
 * database's default; see QueryOptions in database.h): approximate bytes of
 * intermediate results, rows returned, and hops of a variable-length
 * pattern without an upper bound. A statement past one fails with
 * CS_ERROR_RESOURCE_EXHAUSTED and changes nothing. */
cs_status cs_set_limits(cs_connection* conn, int64_t memory_limit_bytes, int64_t max_rows,
                        int64_t max_var_length);
/* Nonzero: the next statements of `conn` may not write; a writing statement
 * fails before it runs (CS_ERROR_FAILED_PRECONDITION). */
cs_status cs_set_read_only(cs_connection* conn, int read_only);
/* Nonzero: the next statements of `conn` stream their rows
 * (QueryOptions::stream in database.h): cs_result_next computes the next
 * row, returns -1 with cs_last_error() set when an error ends the stream,
 * and cs_result_row_count counts the rows read so far. An open streamed
 * result holds the database's read lock until its last row or
 * cs_result_free; the connection's next statement closes it. */
cs_status cs_set_stream(cs_connection* conn, int stream);
/* Stops the statement running on `conn`; it fails with CS_ERROR_CANCELLED.
 * Callable from any thread. */
cs_status cs_interrupt(cs_connection* conn);

/* Explicit transactions (see Connection::Begin in database.h). */
cs_status cs_begin(cs_connection* conn);
cs_status cs_commit(cs_connection* conn);
cs_status cs_rollback(cs_connection* conn);

/* ---- Prepared statements ---- */

cs_status cs_prepare(cs_connection* conn, const char* text, cs_statement** out);
void cs_statement_free(cs_statement* stmt);
/* Bind $name (without '$'); a later bind of the same name replaces it. */
cs_status cs_bind_null(cs_statement* stmt, const char* name);
cs_status cs_bind_bool(cs_statement* stmt, const char* name, int value);
cs_status cs_bind_int(cs_statement* stmt, const char* name, int64_t value);
cs_status cs_bind_float(cs_statement* stmt, const char* name, double value);
cs_status cs_bind_string(cs_statement* stmt, const char* name, const char* value);
/* Binds a value built with the cs_value_new_* functions below (or any value
 * read from a result), e.g. a list or a map; the value is copied. */
cs_status cs_bind_value(cs_statement* stmt, const char* name, const cs_value* value);
cs_status cs_clear_bindings(cs_statement* stmt);

/* Values built by the host, for cs_bind_value: lists and maps as
 * parameters. Each cs_value_new_* returns a value the caller owns (NULL when
 * out of memory, or for a NULL string): free it with cs_value_free, or give
 * it to cs_list_append / cs_map_set, which on CS_OK take ownership of the
 * element (do not use or free it afterwards; on an error the caller keeps
 * it). Appending to a list or setting a map entry invalidates `const
 * cs_value*` elements borrowed from it earlier.
 *
 *   cs_value* tags = cs_value_new_list();
 *   cs_list_append(tags, cs_value_new_string("ai"));
 *   cs_value* filter = cs_value_new_map();
 *   cs_map_set(filter, "tags", tags);      (filter now owns tags)
 *   cs_bind_value(stmt, "filter", filter);
 *   cs_value_free(filter);
 */
cs_value* cs_value_new_null(void);
cs_value* cs_value_new_bool(int value);
cs_value* cs_value_new_int(int64_t value);
cs_value* cs_value_new_float(double value);
cs_value* cs_value_new_string(const char* value);
cs_value* cs_value_new_list(void);
cs_value* cs_value_new_map(void);
cs_status cs_list_append(cs_value* list, cs_value* element);
cs_status cs_map_set(cs_value* map, const char* key, cs_value* value);
/* Frees a value from cs_value_new_*; values borrowed from a result are
 * left alone (they belong to the result). */
void cs_value_free(cs_value* value);
cs_status cs_execute(cs_statement* stmt, cs_result** out);

/* ---- Results ---- */

void cs_result_free(cs_result* res);
size_t cs_result_column_count(const cs_result* res);       /* 0 for NULL */
/* Borrowed, valid until cs_result_free; NULL when out of range. */
const char* cs_result_column_name(const cs_result* res, size_t column);
size_t cs_result_row_count(const cs_result* res);          /* 0 for NULL */
/* Advances to the next row: 1 if there is one, 0 at the end, -1 on error. */
int cs_result_next(cs_result* res);
/* A summary of what the statement changed ("Created 2 nodes"; "" if
 * nothing). Borrowed, valid until cs_result_free. */
const char* cs_result_stats(const cs_result* res);

/* The value at `column` of the current row. Borrowed: valid until the next
 * cs_result_next or cs_result_free. */
cs_status cs_result_value(cs_result* res, size_t column, const cs_value** out);
/* Shortcuts: the typed value at `column` (CS_ERROR_TYPE on mismatch). */
cs_status cs_result_bool(cs_result* res, size_t column, int* out);
cs_status cs_result_int(cs_result* res, size_t column, int64_t* out);
cs_status cs_result_float(cs_result* res, size_t column, double* out);
/* Borrowed: valid until the next cs_result_next or cs_result_free. */
cs_status cs_result_string(cs_result* res, size_t column, const char** out);

/* ---- Values (borrowed from a result, as cs_result_value says) ---- */

cs_type cs_value_type(const cs_value* v);  /* CS_TYPE_NULL for NULL */
cs_status cs_value_bool(const cs_value* v, int* out);
cs_status cs_value_int(const cs_value* v, int64_t* out);
cs_status cs_value_float(const cs_value* v, double* out);
/* Borrowed: lives as long as `v`. */
cs_status cs_value_string(const cs_value* v, const char** out);
/* Cypher notation (as Value::ToString). Free with cs_free. */
char* cs_value_to_string(const cs_value* v);
/* How many: elements of a list, entries of a map, properties of a node or
 * relationship, elements of a path (nodes plus relationships: 2k+1 for a
 * path of k relationships). */
cs_status cs_value_size(const cs_value* v, size_t* out);
/* The i-th element of a list; of a path: element 2k is its k-th node and
 * 2k+1 its k-th relationship. */
cs_status cs_value_element(const cs_value* v, size_t index, const cs_value** out);
/* The i-th entry of a map, or property of a node or relationship, in key
 * order. `key` is borrowed like the value. */
cs_status cs_value_entry(const cs_value* v, size_t index, const char** key,
                         const cs_value** value);
/* A map entry or property by key; CS_ERROR_NOT_FOUND when absent. */
cs_status cs_value_property(const cs_value* v, const char* key, const cs_value** out);
/* The id of a node or relationship. */
cs_status cs_value_id(const cs_value* v, int64_t* out);
/* Labels of a node. Borrowed. */
cs_status cs_value_label_count(const cs_value* v, size_t* out);
cs_status cs_value_label(const cs_value* v, size_t index, const char** out);
/* Type and end points of a relationship. Borrowed. */
cs_status cs_value_rel_type(const cs_value* v, const char** out);
cs_status cs_value_rel_ends(const cs_value* v, int64_t* start_id, int64_t* end_id);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif  /* CORNERSTONE_CORNERSTONE_C_H_ */
