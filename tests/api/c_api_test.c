/* Copyright (c) Cornerstone authors.
 * The C API, compiled as C: open/close, query, prepare/bind/execute, rows
 * and values, transactions, error codes, and NULL pointers everywhere.
 * Run under AddressSanitizer/LeakSanitizer (-Db_sanitize=address) it must
 * report no leaks. */
#include <cornerstone/cornerstone_c.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

#define EXPECT(cond)                                                   \
  do {                                                                 \
    if (!(cond)) {                                                     \
      fprintf(stderr, "%s:%d: EXPECT(%s) failed; last error: %s\n",    \
              __FILE__, __LINE__, #cond, cs_last_error());             \
      ++failures;                                                      \
    }                                                                  \
  } while (0)

static int64_t CountOf(cs_connection* conn, const char* query) {
  cs_result* res = NULL;
  int64_t n = -1;
  if (cs_query(conn, query, &res) == CS_OK && cs_result_next(res) == 1) {
    cs_result_int(res, 0, &n);
  }
  cs_result_free(res);
  return n;
}

static void TestQueryAndValues(cs_connection* conn) {
  cs_result* res = NULL;
  const cs_value* v = NULL;
  const cs_value* e = NULL;
  const char* s = NULL;
  const char* key = NULL;
  int64_t i = 0, start = 0, end = 0;
  double f = 0;
  int b = 0;
  size_t n = 0;
  char* text;

  EXPECT(cs_query(conn, "CREATE (:Person {name: 'Son', born: 1957})-[:FOUNDED {year: 1981}]->"
                        "(:Company {name: 'SoftBank'})", &res) == CS_OK);
  EXPECT(strcmp(cs_result_stats(res), "") != 0);
  cs_result_free(res);

  EXPECT(cs_query(conn, "MATCH p = (a:Person)-[r]->(c) RETURN a, r, p, a.name AS name, "
                        "a.born AS born, 1.5 AS f, true AS b, null AS nothing, [1, 2] AS l, "
                        "{k: 'v'} AS m", &res) == CS_OK);
  EXPECT(cs_result_column_count(res) == 10);
  EXPECT(strcmp(cs_result_column_name(res, 3), "name") == 0);
  EXPECT(cs_result_column_name(res, 10) == NULL);
  EXPECT(cs_result_row_count(res) == 1);
  EXPECT(cs_result_value(res, 0, &v) == CS_ERROR_OUT_OF_RANGE); /* before next */
  EXPECT(cs_result_next(res) == 1);

  EXPECT(cs_result_string(res, 3, &s) == CS_OK && strcmp(s, "Son") == 0);
  EXPECT(cs_result_int(res, 4, &i) == CS_OK && i == 1957);
  EXPECT(cs_result_float(res, 5, &f) == CS_OK && f == 1.5);
  EXPECT(cs_result_bool(res, 6, &b) == CS_OK && b == 1);
  EXPECT(cs_result_value(res, 7, &v) == CS_OK && cs_value_type(v) == CS_TYPE_NULL);
  /* wrong types and out-of-range columns */
  EXPECT(cs_result_int(res, 3, &i) == CS_ERROR_TYPE);
  EXPECT(strstr(cs_last_error(), "STRING") != NULL);
  EXPECT(cs_result_string(res, 4, &s) == CS_ERROR_TYPE);
  EXPECT(cs_result_value(res, 10, &v) == CS_ERROR_OUT_OF_RANGE);

  /* node */
  EXPECT(cs_result_value(res, 0, &v) == CS_OK && cs_value_type(v) == CS_TYPE_NODE);
  EXPECT(cs_value_label_count(v, &n) == CS_OK && n == 1);
  EXPECT(cs_value_label(v, 0, &s) == CS_OK && strcmp(s, "Person") == 0);
  EXPECT(cs_value_label(v, 1, &s) == CS_ERROR_OUT_OF_RANGE);
  EXPECT(cs_value_id(v, &i) == CS_OK);
  EXPECT(cs_value_size(v, &n) == CS_OK && n == 2);
  EXPECT(cs_value_entry(v, 0, &key, &e) == CS_OK && strcmp(key, "born") == 0);
  EXPECT(cs_value_property(v, "name", &e) == CS_OK && cs_value_string(e, &s) == CS_OK &&
         strcmp(s, "Son") == 0);
  EXPECT(cs_value_property(v, "missing", &e) == CS_ERROR_NOT_FOUND);
  EXPECT(cs_value_rel_type(v, &s) == CS_ERROR_TYPE);
  /* relationship */
  EXPECT(cs_result_value(res, 1, &v) == CS_OK && cs_value_type(v) == CS_TYPE_RELATIONSHIP);
  EXPECT(cs_value_rel_type(v, &s) == CS_OK && strcmp(s, "FOUNDED") == 0);
  EXPECT(cs_value_rel_ends(v, &start, &end) == CS_OK && start != end);
  EXPECT(cs_value_label_count(v, &n) == CS_ERROR_TYPE);
  /* path: node, relationship, node */
  EXPECT(cs_result_value(res, 2, &v) == CS_OK && cs_value_type(v) == CS_TYPE_PATH);
  EXPECT(cs_value_size(v, &n) == CS_OK && n == 3);
  EXPECT(cs_value_element(v, 1, &e) == CS_OK && cs_value_type(e) == CS_TYPE_RELATIONSHIP);
  EXPECT(cs_value_element(v, 2, &e) == CS_OK && cs_value_property(e, "name", &e) == CS_OK &&
         cs_value_string(e, &s) == CS_OK && strcmp(s, "SoftBank") == 0);
  EXPECT(cs_value_element(v, 3, &e) == CS_ERROR_OUT_OF_RANGE);
  /* list and map */
  EXPECT(cs_result_value(res, 8, &v) == CS_OK && cs_value_size(v, &n) == CS_OK && n == 2);
  EXPECT(cs_value_element(v, 1, &e) == CS_OK && cs_value_int(e, &i) == CS_OK && i == 2);
  text = cs_value_to_string(v);
  EXPECT(text != NULL && strcmp(text, "[1, 2]") == 0);
  cs_free(text);
  EXPECT(cs_result_value(res, 9, &v) == CS_OK && cs_value_entry(v, 0, &key, &e) == CS_OK &&
         strcmp(key, "k") == 0);
  EXPECT(cs_value_element(v, 0, &e) == CS_ERROR_TYPE);

  EXPECT(cs_result_next(res) == 0);
  EXPECT(cs_result_next(res) == 0);
  cs_result_free(res);
}

static void TestPrepared(cs_connection* conn) {
  cs_statement* stmt = NULL;
  cs_result* res = NULL;
  const char* s = NULL;
  int64_t i = 0;
  double f = 0;
  int b = 0;
  const cs_value* v = NULL;
  EXPECT(cs_prepare(conn, "RETURN $i AS i, $f AS f, $s AS s, $b AS b, $n AS n", &stmt) == CS_OK);
  EXPECT(cs_bind_int(stmt, "i", 7) == CS_OK);
  EXPECT(cs_bind_float(stmt, "f", 0.25) == CS_OK);
  EXPECT(cs_bind_string(stmt, "s", "x") == CS_OK);
  EXPECT(cs_bind_bool(stmt, "b", 0) == CS_OK);
  EXPECT(cs_bind_null(stmt, "n") == CS_OK);
  EXPECT(cs_execute(stmt, &res) == CS_OK);
  EXPECT(cs_result_next(res) == 1);
  EXPECT(cs_result_int(res, 0, &i) == CS_OK && i == 7);
  EXPECT(cs_result_float(res, 1, &f) == CS_OK && f == 0.25);
  EXPECT(cs_result_string(res, 2, &s) == CS_OK && strcmp(s, "x") == 0);
  EXPECT(cs_result_bool(res, 3, &b) == CS_OK && b == 0);
  EXPECT(cs_result_value(res, 4, &v) == CS_OK && cs_value_type(v) == CS_TYPE_NULL);
  cs_result_free(res);
  res = NULL;
  EXPECT(cs_clear_bindings(stmt) == CS_OK);
  EXPECT(cs_execute(stmt, &res) == CS_ERROR_INVALID_ARGUMENT); /* $i missing */
  EXPECT(res == NULL);
  cs_statement_free(stmt);
  stmt = NULL;
  EXPECT(cs_prepare(conn, "MATCH (n RETURN n", &stmt) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(strstr(cs_last_error(), "SyntaxError") != NULL);
  EXPECT(stmt == NULL);
}

static void TestTransactions(cs_connection* conn) {
  EXPECT(cs_commit(conn) == CS_ERROR_FAILED_PRECONDITION);
  EXPECT(cs_begin(conn) == CS_OK);
  EXPECT(cs_begin(conn) == CS_ERROR_FAILED_PRECONDITION);
  EXPECT(CountOf(conn, "CREATE (:T) RETURN 1") == 1);
  EXPECT(cs_rollback(conn) == CS_OK);
  EXPECT(CountOf(conn, "MATCH (t:T) RETURN count(t)") == 0);
  EXPECT(cs_begin(conn) == CS_OK);
  EXPECT(CountOf(conn, "CREATE (:T) RETURN 1") == 1);
  EXPECT(cs_commit(conn) == CS_OK);
  EXPECT(CountOf(conn, "MATCH (t:T) RETURN count(t)") == 1);
}

static void TestNullPointers(void) {
  cs_database* db = NULL;
  cs_connection* conn = NULL;
  cs_result* res = NULL;
  cs_statement* stmt = NULL;
  const cs_value* v = NULL;
  const char* s = NULL;
  int64_t i = 0;
  size_t n = 0;
  char* text;
  EXPECT(cs_open(NULL, NULL, NULL) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(strstr(cs_last_error(), "NULL") != NULL);
  EXPECT(cs_connect(NULL, &conn) == CS_ERROR_INVALID_ARGUMENT && conn == NULL);
  EXPECT(cs_connect(db, NULL) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_query(NULL, "RETURN 1", &res) == CS_ERROR_INVALID_ARGUMENT && res == NULL);
  EXPECT(cs_open(NULL, NULL, &db) == CS_OK);
  EXPECT(cs_connect(db, &conn) == CS_OK);
  EXPECT(cs_query(conn, NULL, &res) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_query(conn, "RETURN 1", NULL) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_prepare(NULL, "RETURN 1", &stmt) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_prepare(conn, NULL, &stmt) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_bind_int(NULL, "x", 1) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_execute(NULL, &res) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_prepare(conn, "RETURN $x", &stmt) == CS_OK);
  EXPECT(cs_bind_int(stmt, NULL, 1) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_bind_string(stmt, "x", NULL) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_execute(stmt, NULL) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_result_next(NULL) == -1);
  EXPECT(cs_result_column_count(NULL) == 0);
  EXPECT(cs_result_column_name(NULL, 0) == NULL);
  EXPECT(cs_result_value(NULL, 0, &v) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_result_int(NULL, 0, &i) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_value_type(NULL) == CS_TYPE_NULL);
  EXPECT(cs_value_int(NULL, &i) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_value_string(NULL, &s) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_value_size(NULL, &n) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_value_element(NULL, 0, &v) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_value_property(NULL, "k", &v) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_begin(NULL) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_interrupt(NULL) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_set_timeout(NULL, 5) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_save(NULL, "x") == CS_ERROR_INVALID_ARGUMENT);
  text = cs_value_to_string(NULL);
  EXPECT(text != NULL && strcmp(text, "null") == 0);
  cs_free(text);
  cs_free(NULL);
  cs_result_free(NULL);
  cs_statement_free(NULL);
  cs_disconnect(NULL);
  cs_close(NULL);
  cs_statement_free(stmt);
  cs_disconnect(conn);
  cs_close(db);
}

static void TestClosedDatabase(void) {
  cs_database* db = NULL;
  cs_connection* conn = NULL;
  cs_result* res = NULL;
  cs_result* kept = NULL;
  int64_t i = 0;
  EXPECT(cs_open(":memory:", NULL, &db) == CS_OK);
  EXPECT(cs_connect(db, &conn) == CS_OK);
  EXPECT(cs_query(conn, "RETURN 41 + 1", &kept) == CS_OK);
  cs_close(db); /* the connection and the result stay safe to use */
  EXPECT(cs_query(conn, "RETURN 1", &res) == CS_ERROR_CLOSED);
  EXPECT(strcmp(cs_last_error(), "database is closed") == 0);
  EXPECT(res == NULL);
  EXPECT(cs_begin(conn) == CS_ERROR_CLOSED);
  cs_disconnect(conn);
  EXPECT(cs_result_next(kept) == 1 && cs_result_int(kept, 0, &i) == CS_OK && i == 42);
  cs_result_free(kept);
}

static void TestTimeout(cs_connection* conn) {
  cs_result* res = NULL;
  EXPECT(cs_query(conn, "UNWIND range(1, 400) AS i CREATE (:Big)", &res) == CS_OK);
  cs_result_free(res);
  res = NULL;
  EXPECT(cs_set_timeout(conn, 50) == CS_OK);
  EXPECT(cs_query(conn, "MATCH (a:Big), (b:Big), (c:Big) RETURN count(*)", &res) ==
         CS_ERROR_CANCELLED);
  EXPECT(strncmp(cs_last_error(), "Cancelled: ", 11) == 0);
  EXPECT(cs_set_timeout(conn, 0) == CS_OK);
  EXPECT(CountOf(conn, "RETURN 5") == 5);
}

/* Lists and maps built by the host, bound as parameters. */
static void TestBuiltValues(cs_connection* conn) {
  cs_statement* stmt = NULL;
  cs_result* res = NULL;
  const cs_value* v = NULL;
  const cs_value* e = NULL;
  size_t n = 0;
  int64_t i = 0;
  char* text = NULL;
  cs_value* tags = cs_value_new_list();
  cs_value* filter = cs_value_new_map();
  cs_value* big = cs_value_new_list();
  cs_value* borrowed_check = NULL;
  EXPECT(tags != NULL && filter != NULL && big != NULL);
  EXPECT(cs_list_append(tags, cs_value_new_string("ai")) == CS_OK);
  EXPECT(cs_list_append(tags, cs_value_new_int(7)) == CS_OK);
  EXPECT(cs_list_append(tags, cs_value_new_null()) == CS_OK);
  EXPECT(cs_value_size(tags, &n) == CS_OK && n == 3);
  EXPECT(cs_value_element(tags, 1, &e) == CS_OK && cs_value_int(e, &i) == CS_OK && i == 7);
  EXPECT(cs_map_set(filter, "tags", tags) == CS_OK); /* filter owns tags now */
  EXPECT(cs_map_set(filter, "min", cs_value_new_float(0.5)) == CS_OK);
  EXPECT(cs_map_set(filter, "ok", cs_value_new_bool(1)) == CS_OK);
  for (int k = 0; k < 100000; ++k) EXPECT(cs_list_append(big, cs_value_new_int(k)) == CS_OK);

  EXPECT(cs_prepare(conn, "RETURN $f AS f, $f.tags[0] AS first, size($big) AS n, "
                          "reduce(s = 0, x IN $big | s + x) AS total", &stmt) == CS_OK);
  EXPECT(cs_bind_value(stmt, "f", filter) == CS_OK);
  EXPECT(cs_bind_value(stmt, "big", big) == CS_OK);
  EXPECT(cs_execute(stmt, &res) == CS_OK);
  EXPECT(cs_result_next(res) == 1);
  EXPECT(cs_result_value(res, 0, &v) == CS_OK && cs_value_type(v) == CS_TYPE_MAP);
  text = cs_value_to_string(v);
  EXPECT(text != NULL && strcmp(text, "{min: 0.5, ok: true, tags: ['ai', 7, null]}") == 0);
  cs_free(text);
  EXPECT(cs_result_value(res, 1, &v) == CS_OK && cs_value_type(v) == CS_TYPE_STRING);
  EXPECT(cs_result_int(res, 2, &i) == CS_OK && i == 100000);
  EXPECT(cs_result_int(res, 3, &i) == CS_OK && i == 4999950000);

  /* Misuse: a value borrowed from a result cannot be given away or freed,
   * a value cannot contain itself, only lists append and only maps set. */
  borrowed_check = (cs_value*)v;
  EXPECT(cs_list_append(big, borrowed_check) == CS_ERROR_INVALID_ARGUMENT);
  cs_value_free(borrowed_check); /* ignored: it belongs to the result */
  EXPECT(cs_list_append(big, big) == CS_ERROR_INVALID_ARGUMENT);
  {
    cs_value* kept = cs_value_new_null(); /* an error leaves it with the caller */
    EXPECT(cs_list_append(filter, kept) == CS_ERROR_TYPE);
    cs_value_free(kept);
  }
  EXPECT(cs_map_set(big, "k", NULL) == CS_ERROR_TYPE);
  EXPECT(cs_map_set(filter, NULL, NULL) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_list_append(NULL, NULL) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_bind_value(stmt, "f", NULL) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_value_new_string(NULL) == NULL);
  cs_result_free(res);
  cs_statement_free(stmt);
  cs_value_free(filter);
  cs_value_free(big);
  cs_value_free(NULL);
}

/* A streamed result computes rows as they are read; an error in a later
 * row makes cs_result_next return -1 with the error in cs_last_error(). */
static void TestStream(cs_connection* conn) {
  cs_result* res = NULL;
  int64_t v = 0;
  EXPECT(cs_set_stream(conn, 1) == CS_OK);
  EXPECT(cs_query(conn, "UNWIND [1, 2, true] AS x RETURN x * 10 AS y", &res) == CS_OK);
  EXPECT(cs_result_next(res) == 1);
  EXPECT(cs_result_int(res, 0, &v) == CS_OK && v == 10);
  EXPECT(cs_result_next(res) == 1);
  EXPECT(cs_result_row_count(res) == 2);
  EXPECT(cs_result_next(res) == -1);
  EXPECT(strncmp(cs_last_error(), "TypeError", 9) == 0);
  EXPECT(cs_result_next(res) == -1); /* the error stays */
  cs_result_free(res);
  /* Freed before its end: the database's lock is released. */
  EXPECT(cs_query(conn, "UNWIND range(1, 1000) AS x RETURN x", &res) == CS_OK);
  EXPECT(cs_result_next(res) == 1);
  cs_result_free(res);
  EXPECT(cs_set_stream(conn, 0) == CS_OK);
  EXPECT(cs_set_stream(NULL, 1) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(CountOf(conn, "CREATE (:Streamed) RETURN 1") == 1);
}

int main(void) {
  cs_database* db = NULL;
  cs_connection* conn = NULL;
  cs_result* res = NULL;
  EXPECT(strcmp(cs_version(), "0.1.0") == 0);
  EXPECT(cs_open(NULL, NULL, &db) == CS_OK);
  EXPECT(cs_connect(db, &conn) == CS_OK);
  EXPECT(cs_query(conn, "MATCH (n RETURN n", &res) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(strncmp(cs_last_error(), "SyntaxError", 11) == 0);
  TestQueryAndValues(conn);
  TestPrepared(conn);
  TestBuiltValues(conn);
  TestTransactions(conn);
  TestTimeout(conn);
  TestStream(conn);
  cs_disconnect(conn);
  cs_close(db);
  TestNullPointers();
  TestClosedDatabase();
  if (failures == 0) printf("c_api_test: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
