// Copyright (c) Cornerstone authors.
// The database lock: readers/writer, writer-preferring, and releasable from
// any thread (a transaction may end on another thread than it began).
// Built on std::mutex + std::condition_variable so ThreadSanitizer sees it.
#ifndef CORNERSTONE_ENGINE_API_RW_LOCK_H_
#define CORNERSTONE_ENGINE_API_RW_LOCK_H_

#include <condition_variable>
#include <mutex>

namespace cornerstone::api {

class RwLock {
 public:
  void LockShared() {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [this] { return !writer_ && writers_waiting_ == 0; });
    ++readers_;
  }
  void UnlockShared() {
    std::lock_guard<std::mutex> l(mu_);
    if (--readers_ == 0) cv_.notify_all();
  }
  void Lock() {
    std::unique_lock<std::mutex> l(mu_);
    ++writers_waiting_;
    cv_.wait(l, [this] { return !writer_ && readers_ == 0; });
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
  int readers_ = 0;
  int writers_waiting_ = 0;
  bool writer_ = false;
};

}  // namespace cornerstone::api

#endif  // CORNERSTONE_ENGINE_API_RW_LOCK_H_
