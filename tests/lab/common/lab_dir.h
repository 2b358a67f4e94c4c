#pragma once
// The place a lab runs in: a lock that makes lab runs from several build trees
// on one machine take turns (ctest's RESOURCE_LOCK only orders the tests of one
// ctest run), and a temp dir for configs, zones and logs.

#include <chrono>
#include <string>

#include "dns/result.h"

namespace cutover::lab {

/// An exclusive flock on a lock file, held until release() or destruction.
class LabLock {
 public:
  LabLock() = default;
  LabLock(const LabLock&) = delete;
  LabLock& operator=(const LabLock&) = delete;
  ~LabLock() { release(); }

  /// Waits up to `within` for the lock on `path`. Fails with Io if the file
  /// cannot be opened, with Timeout ("another <holder> held <path> for ...") if
  /// it stays held.
  dns::Result<void> acquire(const std::string& path, std::chrono::seconds within, const std::string& holder);
  /// Releases the lock if held. Idempotent.
  void release();

 private:
  int fd_{-1};
};

/// A fresh temp dir, removed with everything in it by remove() or destruction
/// (kept when CUTOVER_LAB_KEEP is set, to read the logs of a failed run).
class LabDir {
 public:
  LabDir() = default;
  LabDir(const LabDir&) = delete;
  LabDir& operator=(const LabDir&) = delete;
  ~LabDir() { remove(); }

  /// Creates `<prefix>.XXXXXX`. Fails with Io if mkdtemp does.
  dns::Result<void> create(const std::string& prefix);
  /// Removes the dir (unless CUTOVER_LAB_KEEP is set) and forgets it. Idempotent.
  void remove();
  /// The dir's path; empty before create() and after remove().
  const std::string& path() const { return path_; }

 private:
  std::string path_{};
};

/// Writes `text` to `path`, creating its parent dirs. Errors show later, as a
/// server that does not start on a missing file.
void write_file(const std::string& path, const std::string& text);

}  // namespace cutover::lab
