#include "planner/run/journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include <nlohmann/json.hpp>

namespace cutover::planner {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "cutover-journal";
constexpr int kVersion = 1;

std::optional<JournalEvent> parse_event(std::string_view text) {
  for (auto event : {JournalEvent::StepStarted, JournalEvent::ActionStarted, JournalEvent::ActionDone, JournalEvent::StepDone,
                     JournalEvent::StepFailed, JournalEvent::UndoStarted, JournalEvent::UndoDone, JournalEvent::RolledBack,
                     JournalEvent::Facts, JournalEvent::GateChecked, JournalEvent::Progress}) {
    if (to_string(event) == text) return event;
  }
  return std::nullopt;
}

std::string encode(const JournalRecord& r) {
  json line{{"step", r.step}, {"event", to_string(r.event)}, {"at", r.at}};
  if (r.action) line["action"] = *r.action;
  if (!r.data.empty()) line["data"] = r.data;
  if (!r.message.empty()) line["message"] = r.message;
  // Provider messages may hold bytes that are not UTF-8: replace them rather than throw mid-step.
  return line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::optional<JournalRecord> decode(const std::string& text) try {
  auto line = json::parse(text, nullptr, false);
  if (line.is_discarded() || !line.is_object() || !line.contains("step") || !line.contains("event")) return std::nullopt;
  auto event = parse_event(line.value("event", ""));
  if (!event) return std::nullopt;
  // nlohmann converts a float to an integer with a plain cast (undefined
  // beyond the integer's range): only integers are times and indices here.
  if (line.contains("at") && !line["at"].is_number_integer()) return std::nullopt;
  if (line.contains("action") && !line["action"].is_number_unsigned()) return std::nullopt;
  JournalRecord r{.step = line.value("step", ""), .event = *event, .at = line.value("at", std::int64_t{0})};
  if (line.contains("action")) r.action = line["action"].get<std::size_t>();
  if (line.contains("data")) r.data = line["data"].get<std::map<std::string, std::string>>();
  r.message = line.value("message", "");
  return r;
} catch (const json::exception&) {
  return std::nullopt;  // a field of the wrong type: not a record of ours
}

Result<void> write_all(int fd, const std::string& bytes, const std::filesystem::path& path) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(ErrorCode::Io, "cannot write journal '" + path.string() + "': " + std::strerror(errno));
    written += static_cast<std::size_t>(n);
  }
  // The action waits for this: a crash after it must find the record on disk.
  if (::fsync(fd) != 0) return fail(ErrorCode::Io, "cannot fsync journal '" + path.string() + "': " + std::strerror(errno));
  return {};
}

// A header field as text, "" when absent or not a string, and the version
// as a number, 0 when absent or not an integer: json::value() would throw on
// a field of another type (found by tests/fuzz/journal).
std::string header_text(const json& doc, const char* key) {
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::int64_t header_version(const json& doc) {
  auto it = doc.find("version");
  return it != doc.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

Result<void> check_header(const std::string& line, const JournalHeader& header, const std::filesystem::path& path) {
  auto doc = json::parse(line, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || header_text(doc, "format") != kFormat) {
    return fail(ErrorCode::Corrupt, "'" + path.string() + "' is not a cutover journal (its first line is not a cutover-journal header)");
  }
  if (auto version = header_version(doc); version != kVersion) {
    return fail(ErrorCode::Corrupt,
                "journal '" + path.string() + "' has version " + std::to_string(version) + "; this cutover reads version 1");
  }
  if (auto digest = header_text(doc, "plan_digest"); digest != header.plan_digest) {
    return fail(ErrorCode::Invalid, "journal '" + path.string() +
                                        "' belongs to another plan (or the plan changed since it started): "
                                        "digest " +
                                        digest + ", this plan " + header.plan_digest + "; use a new journal");
  }
  return {};
}

struct Parsed {
  std::vector<JournalRecord> records{};
  std::size_t good_end{0};  // byte offset just past the last whole, valid record
};

// The records of a journal's text after its header. A torn last line is left
// out with a warning (the caller may cut it off); damage before it is Corrupt.
Result<Parsed> parse_records(const std::string& content, const JournalHeader& header, const std::filesystem::path& path,
                             std::vector<std::string>& warnings) {
  Parsed out;
  std::size_t start = 0;
  bool header_seen = false;
  while (start < content.size()) {
    auto newline = content.find('\n', start);
    bool last = newline == std::string::npos || newline + 1 == content.size();
    std::string line = content.substr(start, newline == std::string::npos ? std::string::npos : newline - start);
    bool whole = newline != std::string::npos;
    if (!header_seen) {
      auto ok = whole ? check_header(line, header, path) : fail(ErrorCode::Corrupt, "journal '" + path.string() + "' has a torn header");
      if (!ok) return std::unexpected(ok.error());
      header_seen = true;
    } else {
      auto record = whole ? decode(line) : std::nullopt;
      if (!record) {
        if (!last)
          return fail(ErrorCode::Corrupt,
                      "journal '" + path.string() + "' is damaged at byte " + std::to_string(start) + " (not at its end; not repaired)");
        warnings.push_back("journal '" + path.string() + "': torn last line (" + std::to_string(content.size() - start) +
                           " bytes) cut back to the last whole record");
        break;
      }
      out.records.push_back(std::move(*record));
    }
    out.good_end = newline == std::string::npos ? content.size() : newline + 1;
    start = out.good_end;
  }
  return out;
}

std::string read_text(const std::filesystem::path& path) {
  std::string content;
  if (std::ifstream in{path, std::ios::binary}) {
    std::ostringstream buffer;
    buffer << in.rdbuf();
    content = buffer.str();
  }
  return content;
}

// The last record of `step` with one of `events` since the step's last
// RolledBack (a finished rollback reopens the step), or nullptr.
const JournalRecord* last_since_rollback(const std::vector<JournalRecord>& records, const std::string& step,
                                         std::initializer_list<JournalEvent> events) {
  const JournalRecord* last = nullptr;
  for (const auto& r : records) {
    if (r.step != step) continue;
    if (r.event == JournalEvent::RolledBack) last = nullptr;
    if (std::ranges::find(events, r.event) != events.end()) last = &r;
  }
  return last;
}

}  // namespace

std::string_view to_string(JournalEvent event) {
  switch (event) {
    case JournalEvent::StepStarted: return "step-started";
    case JournalEvent::ActionStarted: return "action-started";
    case JournalEvent::ActionDone: return "action-done";
    case JournalEvent::StepDone: return "step-done";
    case JournalEvent::StepFailed: return "step-failed";
    case JournalEvent::UndoStarted: return "undo-started";
    case JournalEvent::UndoDone: return "undo-done";
    case JournalEvent::RolledBack: return "rolled-back";
    case JournalEvent::Facts: return "facts";
    case JournalEvent::GateChecked: return "gate";
    case JournalEvent::Progress: return "progress";
  }
  return "?";
}

std::string plan_digest(std::string_view plan_text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis
  for (unsigned char c : plan_text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;  // FNV-1a 64 prime
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

Journal::Journal(std::filesystem::path path, int fd, std::vector<JournalRecord> records)
    : path_(std::move(path)), fd_(fd), records_(std::move(records)) {}

Journal::Journal(Journal&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)), records_(std::move(other.records_)) {}

Journal& Journal::operator=(Journal&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    records_ = std::move(other.records_);
  }
  return *this;
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

Result<Journal> Journal::open(const std::filesystem::path& path, const JournalHeader& header, std::vector<std::string>& warnings) {
  std::string content = read_text(path);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return fail(ErrorCode::Io, "cannot open journal '" + path.string() + "': " + std::strerror(errno));
  Journal journal{path, fd, {}};
  // Two runs on one journal would both see an action as not started and both do it.
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    return fail(ErrorCode::Invalid, "journal '" + path.string() + "' is in use by another cutover run; wait for it to finish");
  }

  if (content.empty()) {
    json first{{"format", kFormat}, {"version", kVersion}, {"domain", header.domain}, {"plan_digest", header.plan_digest}};
    auto written = write_all(fd, first.dump() + "\n", path);
    if (!written) return std::unexpected(written.error());
    return journal;
  }

  auto parsed = parse_records(content, header, path, warnings);
  if (!parsed) return std::unexpected(parsed.error());
  journal.records_ = std::move(parsed->records);
  std::size_t good_end = parsed->good_end;
  if (good_end < content.size() && ::ftruncate(fd, static_cast<off_t>(good_end)) != 0) {
    return fail(ErrorCode::Io, "cannot truncate journal '" + path.string() + "': " + std::strerror(errno));
  }
  return journal;
}

Result<std::vector<JournalRecord>> Journal::read(const std::filesystem::path& path, const JournalHeader& header,
                                                 std::vector<std::string>& warnings) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return fail(ErrorCode::Io, "no journal at '" + path.string() + "'");
  std::ifstream in{path, std::ios::binary};
  if (!in) return fail(ErrorCode::Io, "cannot read journal '" + path.string() + "'");
  auto parsed = parse_records(read_text(path), header, path, warnings);
  if (!parsed) return std::unexpected(parsed.error());
  return std::move(parsed->records);
}

Result<void> Journal::append(const JournalRecord& record) {
  auto written = write_all(fd_, encode(record), path_);
  if (!written) return written;
  records_.push_back(record);
  return {};
}

std::optional<std::int64_t> Journal::done_at(const std::string& step) const {
  const JournalRecord* done = last_since_rollback(records_, step, {JournalEvent::StepDone});
  if (done == nullptr) return std::nullopt;
  return done->at;
}

bool Journal::started(const std::string& step) const {
  return last_since_rollback(records_, step, {JournalEvent::StepStarted, JournalEvent::ActionStarted}) != nullptr;
}

bool Journal::any_action_done(const std::string& step) const {
  return last_since_rollback(records_, step, {JournalEvent::ActionDone}) != nullptr;
}

ActionState Journal::state_of(const std::string& step, std::size_t index, JournalEvent started, JournalEvent done) const {
  ActionState state = ActionState::NotStarted;
  for (const auto& r : records_) {
    if (r.step != step) continue;
    if (r.event == JournalEvent::RolledBack) state = ActionState::NotStarted;
    if (r.action != index) continue;
    if (r.event == started && state != ActionState::Done) state = ActionState::InDoubt;
    if (r.event == done) state = ActionState::Done;
  }
  return state;
}

ActionState Journal::action_state(const std::string& step, std::size_t action) const {
  return state_of(step, action, JournalEvent::ActionStarted, JournalEvent::ActionDone);
}

// Undo records keep their own index space (the rollback's actions), so they
// never read as the step's forward actions, nor those as undos.
ActionState Journal::undo_state(const std::string& step, std::size_t undo) const {
  return state_of(step, undo, JournalEvent::UndoStarted, JournalEvent::UndoDone);
}

std::optional<std::map<std::string, std::string>> Journal::facts() const {
  for (const auto& r : records_) {
    if (r.event == JournalEvent::Facts) return r.data;
  }
  return std::nullopt;
}

std::map<std::string, std::string> Journal::step_data(const std::string& step) const {
  std::map<std::string, std::string> out;
  for (const auto& r : records_) {
    if (r.step == step && r.event == JournalEvent::ActionDone) {
      for (const auto& [k, v] : r.data) out[k] = v;
    }
  }
  return out;
}

}  // namespace cutover::planner
