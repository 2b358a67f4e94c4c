#pragma once
// A directory under the system temp dir, removed with everything in it.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace cutover::aws::testing {

class ScopedTempDir {
 public:
  ScopedTempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("cutover-aws-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScopedTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  /// Writes `text` to a file in the directory and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace cutover::aws::testing
