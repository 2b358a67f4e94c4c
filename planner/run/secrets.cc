#include "planner/run/secrets.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace cutover::planner {

Result<SecretStore> SecretStore::open(std::optional<std::filesystem::path> file) {
  SecretStore store;
  store.file_ = std::move(file);
  if (!store.file_) return store;
  std::ifstream in(*store.file_, std::ios::binary);
  if (!in) return store;
  std::ostringstream text;
  text << in.rdbuf();
  auto doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    // The message names the file only: its content is secret.
    return fail(ErrorCode::Corrupt, "secrets file '" + store.file_->string() + "' does not parse");
  }
  for (const auto& [name, value] : doc.items()) {
    if (value.is_string()) store.values_[name] = value.get<std::string>();
  }
  return store;
}

Result<void> SecretStore::save() const {
  if (!file_) return {};
  if (values_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(*file_, ignored);
    return {};
  }
  auto temp = file_->string() + ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return fail(ErrorCode::Io, "cannot write secrets file '" + temp + "': " + std::strerror(errno));
  std::string text = nlohmann::json(values_).dump();
  std::size_t written = 0;
  bool ok = true;
  while (ok && written < text.size()) {
    auto n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(temp.c_str(), file_->c_str()) != 0) {
    ::unlink(temp.c_str());  // never leave a copy of a secret behind
    return fail(ErrorCode::Io, "cannot write secrets file '" + file_->string() + "'");
  }
  // The rename is durable only once the directory is on disk too.
  int dir = ::open(file_->parent_path().empty() ? "." : file_->parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

Result<void> SecretStore::put(const std::string& name, const std::string& value) {
  values_[name] = value;
  return save();
}

std::optional<std::string> SecretStore::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

Result<void> SecretStore::erase(const std::string& name) {
  values_.erase(name);
  return save();
}

}  // namespace cutover::planner
