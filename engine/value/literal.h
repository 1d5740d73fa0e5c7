// Copyright (c) Cornerstone authors.
// Helpers shared by the engine's and the public value's literal printers.
#ifndef CORNERSTONE_ENGINE_VALUE_LITERAL_H_
#define CORNERSTONE_ENGINE_VALUE_LITERAL_H_

#include <string>
#include <string_view>

namespace cornerstone::engine {

// True when `name` can be written in Cypher without backquotes: a letter or
// '_' followed by letters, digits or '_'. Bytes >= 0x80 (non-ASCII UTF-8)
// count as letters, so Korean or accented names print bare.
bool IsPlainIdentifier(std::string_view name);

// A map key, property key, label or type name as Cypher writes it: bare when
// IsPlainIdentifier, otherwise backquoted with '`' doubled.
std::string FormatName(std::string_view name);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_VALUE_LITERAL_H_
