#include "tests/lab/common/lab_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace cutover::lab {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string describe(std::chrono::seconds within) {
  if (within.count() >= 60 && within.count() % 60 == 0) return std::to_string(within.count() / 60) + " minutes";
  return std::to_string(within.count()) + " s";
}

}  // namespace

dns::Result<void> LabLock::acquire(const std::string& path, std::chrono::seconds within, const std::string& holder) {
  // O_CLOEXEC: the servers must not inherit (and hold) the lock.
  fd_ = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0666);
  if (fd_ < 0) return dns::fail(dns::ErrorCode::Io, "cannot open " + path);
  auto deadline = Clock::now() + within;
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (Clock::now() > deadline) {
      return dns::fail(dns::ErrorCode::Timeout, "another " + holder + " held " + path + " for " + describe(within));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return {};
}

void LabLock::release() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
  fd_ = -1;
}

dns::Result<void> LabDir::create(const std::string& prefix) {
  std::string pattern = prefix + ".XXXXXX";
  if (!::mkdtemp(pattern.data())) return dns::fail(dns::ErrorCode::Io, "cannot create the lab's temp dir");
  path_ = pattern;
  return {};
}

void LabDir::remove() {
  if (!path_.empty() && std::getenv("CUTOVER_LAB_KEEP") == nullptr) {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  path_.clear();
}

void write_file(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

}  // namespace cutover::lab
