// Copyright (c) Cornerstone authors.
// Store: the lock file, snapshot loading, log replay, logging and
// checkpoints of one database. See engine/SNAPSHOT.md ("Durability").
#include "engine/storage/store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/storage/fileio.h"
#include "engine/storage/snapshot.h"
#include "engine/storage/wal.h"

namespace cornerstone::engine {
namespace {

bool GraphIsEmpty(const Graph& g) {
  return g.node_capacity() == 0 && g.rel_capacity() == 0 && g.labels().size() == 0 &&
         g.types().size() == 0 && g.keys().size() == 0 && g.Indexes().empty();
}

class FileStore : public Store {
 public:
  FileStore(std::string path, const StoreOptions& options)
      : path_(std::move(path)),
        wal_path_(path_ + ".wal"),
        lock_path_(path_ + ".lock"),
        options_(options) {}

  ~FileStore() override {
    if (wal_fd_ >= 0) ::close(wal_fd_);
    if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
  }

  absl::Status Lock();
  absl::Status Load(Graph* graph);
  absl::Status LogCommit(Graph& graph) override;
  absl::Status Checkpoint(const Graph& graph) override;
  const std::string& path() const override { return path_; }

 private:
  // Replaces the log by an empty one for `generation` and opens it.
  absl::Status ResetLog(uint64_t generation);
  absl::Status OpenLogForAppend();

  std::string path_, wal_path_, lock_path_;
  StoreOptions options_;
  int lock_fd_ = -1;
  int wal_fd_ = -1;
  uint64_t generation_ = 0;
  int64_t wal_bytes_ = 0;
  WalCursor cursor_;
  bool broken_ = false;  // an append failed: memory has a change the log lacks
};

absl::Status FileStore::Lock() {
  lock_fd_ = options_.read_only ? ::open(lock_path_.c_str(), O_RDONLY | O_CLOEXEC)
                                : ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) {
    // A read-only open of a read-only folder has no lock file to share.
    if (options_.read_only) return absl::OkStatus();
    return fileio::ErrnoError(lock_path_, "cannot create the lock file");
  }
  if (::flock(lock_fd_, (options_.read_only ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return absl::FailedPreconditionError(absl::StrCat(
          path_, ": database is locked: another process has it open for writing (",
          lock_path_, ")"));
    }
    return fileio::ErrnoError(lock_path_, "cannot lock");
  }
  return absl::OkStatus();
}

absl::Status FileStore::Load(Graph* graph) {
  if (!GraphIsEmpty(*graph)) return absl::InvalidArgumentError("Store::Open: graph is not empty");
  bool have_snapshot = fileio::Exists(path_);
  if (have_snapshot) {
    SnapshotInfo info;
    absl::Status s = LoadSnapshotInfo(path_, graph, &info);
    if (!s.ok()) return s;
    generation_ = info.generation;
  } else if (options_.read_only && !fileio::Exists(wal_path_)) {
    return absl::NotFoundError(absl::StrCat(path_, ": no such database (read-only open)"));
  }

  bool log_usable = false;
  if (fileio::Exists(wal_path_)) {
    absl::StatusOr<std::string> bytes = fileio::ReadFile(wal_path_);
    if (!bytes.ok()) return bytes.status();
    absl::StatusOr<uint64_t> log_generation = ParseWalHeader(*bytes, wal_path_);
    if (!log_generation.ok()) return log_generation.status();
    if (*log_generation > generation_) {
      return absl::DataLossError(absl::StrCat(
          wal_path_, ": the log belongs to a newer snapshot (generation ", *log_generation,
          ") than ", path_, " (generation ", generation_,
          "): the snapshot was replaced or is missing"));
    }
    if (*log_generation == generation_) {  // older: folded in already, stale
      absl::StatusOr<WalReplay> replay = ReplayWal(*bytes, wal_path_, graph);
      if (!replay.ok()) return replay.status();
      log_usable = true;
      wal_bytes_ = static_cast<int64_t>(replay->valid_bytes);
      if (replay->torn_tail && !options_.read_only) {
        // Drop the torn tail so that new records follow the intact ones.
        int fd = ::open(wal_path_.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) return fileio::ErrnoError(wal_path_, "cannot open");
        bool ok = ::ftruncate(fd, static_cast<off_t>(replay->valid_bytes)) == 0 &&
                  ::fsync(fd) == 0;
        absl::Status s = ok ? absl::OkStatus()
                            : fileio::ErrnoError(wal_path_, "cannot cut the torn tail");
        ::close(fd);
        if (!s.ok()) return s;
      }
    }
  }
  cursor_ = WalCursor::Of(*graph);
  if (options_.read_only || !options_.wal) return absl::OkStatus();
  if (!log_usable) return ResetLog(generation_);
  return OpenLogForAppend();
}

absl::Status FileStore::OpenLogForAppend() {
  if (wal_fd_ >= 0) ::close(wal_fd_);
  wal_fd_ = ::open(wal_path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (wal_fd_ < 0) return fileio::ErrnoError(wal_path_, "cannot open the log");
  struct stat st;
  if (::fstat(wal_fd_, &st) != 0) return fileio::ErrnoError(wal_path_, "cannot stat the log");
  wal_bytes_ = st.st_size;
  return absl::OkStatus();
}

absl::Status FileStore::ResetLog(uint64_t generation) {
  absl::Status s = fileio::WriteFileAtomically(wal_path_, EncodeWalHeader(generation));
  if (!s.ok()) return s;
  return OpenLogForAppend();
}

absl::Status FileStore::LogCommit(Graph& graph) {
  if (options_.read_only) {
    if (graph.last_commit().empty()) return absl::OkStatus();
    return absl::FailedPreconditionError(
        absl::StrCat(path_, ": the database is open read-only; the change is not saved"));
  }
  if (!options_.wal) {
    cursor_ = WalCursor::Of(graph);
    graph.ConsumeLastCommit();
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> record = EncodeCommit(graph, &cursor_);
  if (!record.ok()) return record.status();
  graph.ConsumeLastCommit();
  if (record->empty()) return absl::OkStatus();
  if (broken_ || wal_fd_ < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(wal_path_, ": the log is unusable after an earlier write error; "
                                "checkpoint or save first"));
  }
  absl::Status s = fileio::WriteAll(wal_fd_, *record, wal_path_);
  if (s.ok() && options_.sync && ::fdatasync(wal_fd_) != 0) {
    s = fileio::ErrnoError(wal_path_, "cannot fsync the log");
  }
  if (!s.ok()) {
    // Take the partial record back. The graph in memory now has a change
    // the log lacks, so later records would not apply: refuse them until a
    // checkpoint writes everything to the snapshot.
    (void)!::ftruncate(wal_fd_, wal_bytes_);
    broken_ = true;
    return absl::Status(s.code(), absl::StrCat(s.message(),
                                               " (the change is in memory only; checkpoint or "
                                               "save to make the database durable again)"));
  }
  wal_bytes_ += static_cast<int64_t>(record->size());
  if (wal_bytes_ > options_.checkpoint_bytes) {
    // The commit is durable already; a failed checkpoint (e.g. disk full)
    // must not report it as failed. The next commit tries again.
    Checkpoint(graph).IgnoreError();
  }
  return absl::OkStatus();
}

absl::Status FileStore::Checkpoint(const Graph& graph) {
  if (options_.read_only) {
    return absl::FailedPreconditionError(
        absl::StrCat(path_, ": the database is open read-only; cannot checkpoint"));
  }
  if (graph.in_transaction()) {
    return absl::FailedPreconditionError("cannot checkpoint inside a transaction");
  }
  // Snapshot first: a crash before the log reset leaves a log of the old
  // generation, which the next open recognizes as folded in.
  absl::Status s = SaveSnapshotGeneration(graph, path_, generation_ + 1);
  if (!s.ok()) return s;
  ++generation_;
  cursor_ = WalCursor::Of(graph);
  if (options_.wal || fileio::Exists(wal_path_)) {
    s = ResetLog(generation_);
    if (!s.ok()) return s;
    broken_ = false;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                                   const StoreOptions& options, Graph* graph) {
  auto store = std::make_unique<FileStore>(path, options);
  absl::Status s = store->Lock();
  if (!s.ok()) return s;
  s = store->Load(graph);
  if (!s.ok()) return s;
  graph->set_capture_changes(options.wal || options.read_only);
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace cornerstone::engine
