// Copyright (c) Cornerstone authors.
#include "engine/import/graph_access.h"

#include "engine/api/internal.h"

namespace cornerstone::internal {

GraphLock::GraphLock(Database& db, bool exclusive)
    : impl_(Access::Get(db)), exclusive_(exclusive) {
  if (exclusive_) {
    refused_ = impl_->LockExclusive();  // this thread may hold a streamed result
    held_ = refused_.ok();
  } else {
    holder_ = impl_->lock.LockShared();
    held_ = true;
  }
}

GraphLock::~GraphLock() {
  if (!held_) return;
  if (exclusive_) {
    impl_->lock.Unlock();
  } else {
    impl_->lock.UnlockShared(holder_);
  }
}

engine::Graph& GraphLock::graph() { return impl_->graph; }

absl::Status GraphLock::CheckUsable(bool update) const {
  if (!refused_.ok()) return refused_;
  return impl_->CheckUsable(update);
}

}  // namespace cornerstone::internal
