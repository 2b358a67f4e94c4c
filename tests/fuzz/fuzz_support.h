#pragma once
// What the fuzz targets share: the input as text, an input split in two, and
// a scratch file for the parsers whose entry point reads a path.

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>

namespace cutover::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) { return {reinterpret_cast<const char*>(data), size}; }

/// The text before and after the first `marker` line; all of it and "" when there is none.
/// (For targets that read two files at once, such as ~/.aws/config and ~/.aws/credentials.)
inline std::pair<std::string_view, std::string_view> split_at(std::string_view text, std::string_view marker) {
  auto at = text.find(marker);
  if (at == std::string_view::npos) return {text, {}};
  return {text.substr(0, at), text.substr(at + marker.size())};
}

/// One file in a directory of this process's own, rewritten for each input.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& name) {
    auto base = std::filesystem::temp_directory_path() / ("cutover-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(base);
    path_ = base / name;
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  ~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove_all(path_.parent_path(), ignored);
  }

  const std::filesystem::path& write(std::string_view bytes) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path_;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_{};
};

}  // namespace cutover::fuzz
