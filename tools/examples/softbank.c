/* Copyright (c) Cornerstone authors.
 * A C host program: the headline question through the C API. Loads the
 * SoftBank graph (a snapshot file, or the Cypher script, run statement by
 * statement) and prints the answer and the path.
 *
 *   softbank_c graphs/softbank.cypher ["SoftBank Group"]
 */
#include <cornerstone/cornerstone_c.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char kQuestion[] =
    "MATCH p = (:Company {name: $company})-[:MANAGES|INVESTED_IN|ACQUIRED|OWNS_STAKE*1..3]->(h)"
    "-[:PURSUES]->(:Ambition {name: 'AGI'}) "
    "RETURN h.name, [r IN relationships(p) | type(r)] AS via, p";

/* Reads a whole file; NULL on error. Free with free(). */
static char* ReadFile(const char* path) {
  FILE* f = fopen(path, "rb");
  char* text = NULL;
  long size = 0;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    text = (char*)malloc((size_t)size + 1);
    if (text != NULL && fread(text, 1, (size_t)size, f) != (size_t)size) {
      free(text);
      text = NULL;
    }
    if (text != NULL) text[size] = '\0';
  }
  fclose(f);
  return text;
}

/* Runs a script whose statements end with ';' at the end of a line and whose
 * comment lines start with "//" (the convention of graphs/softbank.cypher). */
static int RunScript(cs_connection* conn, char* script) {
  char* statement = script;
  char* line = script;
  while (*line != '\0') {
    char* end = strchr(line, '\n');
    size_t len = end ? (size_t)(end - line) : strlen(line);
    if (len >= 2 && line[0] == '/' && line[1] == '/') {
      memset(line, ' ', len); /* blank out comment lines */
    } else if (len > 0 && line[len - 1] == ';') {
      cs_result* res = NULL;
      line[len - 1] = '\0';
      if (cs_query(conn, statement, &res) != CS_OK) {
        fprintf(stderr, "%s\n", cs_last_error());
        return 0;
      }
      cs_result_free(res);
      statement = line + len;
    }
    if (end == NULL) break;
    line = end + 1;
  }
  return 1;
}

static void PrintPath(const cs_value* path) {
  size_t n = 0, i;
  cs_value_size(path, &n);
  for (i = 0; i < n; ++i) {
    const cs_value* e = NULL;
    const cs_value* name = NULL;
    const char* text = NULL;
    cs_value_element(path, i, &e);
    if (i % 2 == 0) {
      if (cs_value_property(e, "name", &name) == CS_OK && cs_value_string(name, &text) == CS_OK) {
        printf("'%s'", text);
      }
    } else if (cs_value_rel_type(e, &text) == CS_OK) {
      printf(" -[:%s]-> ", text);
    }
  }
  printf("\n");
}

int main(int argc, char** argv) {
  cs_database* db = NULL;
  cs_connection* conn = NULL;
  cs_statement* stmt = NULL;
  cs_result* res = NULL;
  int answers = 0;
  size_t len;
  if (argc < 2) {
    fprintf(stderr, "usage: %s softbank.cypher|softbank.snap [company]\n", argv[0]);
    return 2;
  }
  len = strlen(argv[1]);
  if (len > 5 && strcmp(argv[1] + len - 5, ".snap") == 0) {
    cs_options options = cs_default_options();
    options.read_only = 1;
    if (cs_open(argv[1], &options, &db) != CS_OK || cs_connect(db, &conn) != CS_OK) {
      fprintf(stderr, "%s\n", cs_last_error());
      cs_close(db);
      return 1;
    }
  } else {
    char* script = ReadFile(argv[1]);
    int ok;
    if (script == NULL) {
      fprintf(stderr, "cannot read %s\n", argv[1]);
      return 1;
    }
    ok = cs_open(NULL, NULL, &db) == CS_OK && cs_connect(db, &conn) == CS_OK &&
         RunScript(conn, script);
    free(script);
    if (!ok) {
      cs_disconnect(conn);
      cs_close(db);
      return 1;
    }
  }
  if (cs_prepare(conn, kQuestion, &stmt) != CS_OK ||
      cs_bind_string(stmt, "company", argc > 2 ? argv[2] : "SoftBank Group") != CS_OK ||
      cs_execute(stmt, &res) != CS_OK) {
    fprintf(stderr, "%s\n", cs_last_error());
  } else {
    while (cs_result_next(res) == 1) {
      const char* name = NULL;
      const cs_value* via = NULL;
      const cs_value* path = NULL;
      char* via_text;
      if (cs_result_string(res, 0, &name) != CS_OK || cs_result_value(res, 1, &via) != CS_OK ||
          cs_result_value(res, 2, &path) != CS_OK) {
        fprintf(stderr, "%s\n", cs_last_error());
        break;
      }
      via_text = cs_value_to_string(via);
      printf("answer: %s\nvia:    %s\npath:   ", name, via_text);
      cs_free(via_text);
      PrintPath(path);
      ++answers;
    }
  }
  cs_result_free(res);
  cs_statement_free(stmt);
  cs_disconnect(conn);
  cs_close(db);
  return answers > 0 ? 0 : 1;
}
