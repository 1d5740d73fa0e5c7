// Copyright (c) Cornerstone authors.
#include "engine/import/graph_access.h"

#include "engine/api/internal.h"

namespace cornerstone::internal {

GraphLock::GraphLock(Database& db, bool exclusive)
    : impl_(Access::Get(db)), exclusive_(exclusive) {
  if (exclusive_) {
    impl_->lock.Lock();
  } else {
    impl_->lock.LockShared();
  }
}

GraphLock::~GraphLock() {
  if (exclusive_) {
    impl_->lock.Unlock();
  } else {
    impl_->lock.UnlockShared();
  }
}

engine::Graph& GraphLock::graph() { return impl_->graph; }

absl::Status GraphLock::CheckUsable(bool update) const { return impl_->CheckUsable(update); }

}  // namespace cornerstone::internal
