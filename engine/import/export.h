// Copyright (c) Cornerstone authors.
// Export of an engine Graph to CSV (Neo4j headers), JSON Lines and GraphML,
// and the JSON Lines and GraphML importers (formats in cornerstone/import.h).
#ifndef CORNERSTONE_ENGINE_IMPORT_EXPORT_H_
#define CORNERSTONE_ENGINE_IMPORT_EXPORT_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "cornerstone/import.h"
#include "engine/storage/graph.h"

namespace cornerstone::engine {

absl::StatusOr<ExportReport> ExportCsvFromGraph(const Graph& graph, const std::string& dir);
absl::StatusOr<ExportReport> ExportJsonLinesFromGraph(const Graph& graph,
                                                      const std::string& path);
absl::StatusOr<ExportReport> ExportGraphmlFromGraph(const Graph& graph, const std::string& path);

// Both are all or nothing (Graph::Begin/Rollback). Precondition: the graph
// is not in a transaction.
absl::StatusOr<ImportReport> ImportJsonLinesIntoGraph(Graph& graph, const std::string& path);
absl::StatusOr<ImportReport> ImportGraphmlIntoGraph(Graph& graph, const std::string& path);

// ---- shared by the exporters ----

// A property value's type as a CSV/GraphML column type: "int", "float",
// "boolean", "string", with "[]" for lists of one scalar type; "" for
// anything else (mixed lists, maps).
std::string ColumnTypeOf(const Value& v);
// JSON text of a property value (strings escaped, floats with '.' or 'e').
void AppendJson(const Value& v, std::string* out);
void AppendJsonString(std::string_view s, std::string* out);
// A property value as text in CSV and GraphML cells: scalars plainly
// (floats as FormatFloat writes them), lists and maps as JSON.
std::string ScalarText(const Value& v);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_IMPORT_EXPORT_H_
