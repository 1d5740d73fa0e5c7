// Copyright (c) Cornerstone authors.
// POSIX file helpers for durable storage. None throws; errors name the file.
#ifndef CORNERSTONE_ENGINE_STORAGE_FILEIO_H_
#define CORNERSTONE_ENGINE_STORAGE_FILEIO_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace cornerstone::engine::fileio {

// "PATH: what: strerror(errno)" with a code matching errno (NotFound,
// PermissionDenied, ...). Reads errno: call right after the failing call.
absl::Status ErrnoError(const std::string& path, std::string_view what);

// The folder holding `path` ("." when none).
std::string DirOf(const std::string& path);

// Makes a rename or creation in `dir` durable.
absl::Status FsyncDir(const std::string& dir);

// Writes `data` to `path` so that a crash leaves either the old file or the
// new one: writes PATH.tmp in the same folder, fsyncs it, renames it over
// `path`, fsyncs the folder.
absl::Status WriteFileAtomically(const std::string& path, std::string_view data);

// Writes all of `data` to `fd`, retrying short writes and EINTR.
absl::Status WriteAll(int fd, std::string_view data, const std::string& path);

// Reads a whole regular file. Errors: NotFound, DataLoss ("is a directory,
// not a file"), others from errno.
absl::StatusOr<std::string> ReadFile(const std::string& path);

bool Exists(const std::string& path);

}  // namespace cornerstone::engine::fileio

#endif  // CORNERSTONE_ENGINE_STORAGE_FILEIO_H_
