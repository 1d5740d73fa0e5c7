// Copyright (c) Cornerstone authors.
// The database lock: readers/writer, writer-preferring, and releasable from
// any thread (a transaction may end on another thread than it began).
// Built on std::mutex + std::condition_variable so ThreadSanitizer sees it.
//
// Shared holders are recorded by thread, because a streamed result keeps a
// shared lock while its thread goes on: that thread may take more shared
// locks even with a writer waiting (else it would wait for the writer, which
// waits for it), and must not take the exclusive lock (HeldSharedByMe()
// lets callers refuse with an error instead of deadlocking).
#ifndef CORNERSTONE_ENGINE_API_RW_LOCK_H_
#define CORNERSTONE_ENGINE_API_RW_LOCK_H_

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/container/flat_hash_map.h"

namespace cornerstone::api {

class RwLock {
 public:
  // Returns the holder to pass to UnlockShared (the calling thread).
  std::thread::id LockShared() {
    const std::thread::id me = std::this_thread::get_id();
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [&] { return !writer_ && (writers_waiting_ == 0 || shared_.contains(me)); });
    ++shared_[me];
    return me;
  }
  void UnlockShared(std::thread::id holder) {
    std::lock_guard<std::mutex> l(mu_);
    auto it = shared_.find(holder);
    if (it != shared_.end() && --it->second == 0) shared_.erase(it);
    if (shared_.empty()) cv_.notify_all();
  }
  // True when the calling thread holds a shared lock (e.g. through an open
  // streamed result): Lock() from it would never return.
  bool HeldSharedByMe() {
    std::lock_guard<std::mutex> l(mu_);
    return shared_.contains(std::this_thread::get_id());
  }
  void Lock() {
    std::unique_lock<std::mutex> l(mu_);
    ++writers_waiting_;
    cv_.wait(l, [this] { return !writer_ && shared_.empty(); });
    --writers_waiting_;
    writer_ = true;
  }
  void Unlock() {
    std::lock_guard<std::mutex> l(mu_);
    writer_ = false;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  absl::flat_hash_map<std::thread::id, int> shared_;  // holders and their counts
  int writers_waiting_ = 0;
  bool writer_ = false;
};

}  // namespace cornerstone::api

#endif  // CORNERSTONE_ENGINE_API_RW_LOCK_H_
