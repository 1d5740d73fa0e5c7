// Copyright (c) Cornerstone authors.
// Bulk CSV import into an engine Graph (see cornerstone/import.h for the
// formats). One pass over each file: nodes and relationships are added as
// their rows are read, without undo entries (Graph's bulk load:
// relationships are linked into the adjacency all at once at the end), and
// a failure takes back everything the import added, so a failed import
// leaves the graph as it was and a successful one costs no undo log.
#ifndef CORNERSTONE_ENGINE_IMPORT_CSV_IMPORT_H_
#define CORNERSTONE_ENGINE_IMPORT_CSV_IMPORT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "cornerstone/import.h"
#include "engine/storage/graph.h"

namespace cornerstone::engine {

// Precondition: the graph is not in a transaction.
absl::StatusOr<ImportReport> ImportCsvIntoGraph(Graph& graph, const ImportOptions& options);

// "Label(key)" or ":Label(key)" -> (Label, key), views into `spec`.
absl::StatusOr<std::pair<std::string_view, std::string_view>> ParseIndex(
    const std::string& spec);

// Builds the indexes named "Label(key)".
absl::Status CreateIndexes(Graph& graph, const std::vector<std::string>& indexes);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_IMPORT_CSV_IMPORT_H_
