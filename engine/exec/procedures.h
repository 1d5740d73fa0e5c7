// Copyright (c) Cornerstone authors.
// Procedures callable with CALL name(args) [YIELD ...]: a registry per
// database, signatures in openCypher's notation, and table-backed
// procedures (for tests and simple hosts).
#ifndef CORNERSTONE_ENGINE_EXEC_PROCEDURES_H_
#define CORNERSTONE_ENGINE_EXEC_PROCEDURES_H_

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/value/value.h"

namespace cornerstone::engine {

class EvalContext;

struct ProcedureField {
  std::string name;
  std::string type;  // "STRING", "INTEGER", "FLOAT", "NUMBER", "BOOLEAN", "ANY", ...
};

struct ProcedureDef {
  std::string name;  // dotted, e.g. "test.my.proc"
  std::vector<ProcedureField> inputs;
  std::vector<ProcedureField> outputs;
  // Appends one row per result (values in `outputs` order). Arguments have
  // been checked against `inputs` (integers passed for FLOAT are converted).
  std::function<absl::Status(std::span<const Value> args, EvalContext& ctx,
                             std::vector<std::vector<Value>>* rows)>
      run;
};

// Whether `v` may be passed for a parameter of `type` (null always may).
bool ArgumentFits(const Value& v, const std::string& type);

// Parses "test.my.proc(name :: STRING?, id :: INTEGER?) :: (city :: STRING?)";
// `run` is left empty.
absl::StatusOr<ProcedureDef> ParseProcedureSignature(std::string_view signature);

// The signature in the notation ParseProcedureSignature reads, e.g.
// "algo.degree(config :: MAP?) :: (node :: NODE?, score :: FLOAT?)".
std::string Signature(const ProcedureDef& def);

// A procedure answering from a table: `rows` hold the input values followed
// by the output values; a call yields the outputs of every row whose inputs
// equal the arguments.
ProcedureDef TableProcedure(ProcedureDef signature, std::vector<std::vector<Value>> rows);

// Thread-safe. Definitions are never freed while the registry lives (a
// replaced one stays valid for plans that still point to it).
class ProcedureRegistry {
 public:
  // Replaces any procedure of the same name.
  void Add(ProcedureDef def);
  const ProcedureDef* Find(std::string_view name) const;
  // Every current definition, sorted by name.
  std::vector<const ProcedureDef*> All() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<const ProcedureDef>> all_;
  absl::flat_hash_map<std::string, const ProcedureDef*> by_name_;
};

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_PROCEDURES_H_
