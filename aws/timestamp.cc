#include "aws/timestamp.h"

#include <charconv>
#include <cstdio>

namespace cutover::aws {
namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2200;

bool read_int(std::string_view text, size_t pos, size_t len, int& out) {
  if (pos + len > text.size()) return false;
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc{} && ptr == text.data() + pos + len;
}

}  // namespace

std::optional<Timestamp> parse_iso8601(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() < 19 || !read_int(text, 0, 4, y) || !read_int(text, 5, 2, mo) || !read_int(text, 8, 2, d) || !read_int(text, 11, 2, h) ||
      !read_int(text, 14, 2, mi) || !read_int(text, 17, 2, s)) {
    return std::nullopt;
  }
  using namespace std::chrono;
  // A Timestamp counts nanoseconds in 64 bits (years 1678 to 2262): a year
  // beyond would overflow (found by tests/fuzz/sts_xml). AWS reports none.
  if (y < kFirstYear || y > kLastYear || h > 23 || mi > 59 || s > 60) return std::nullopt;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  Timestamp out = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
  size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    size_t end = pos + 1;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    std::string fraction(text.substr(pos + 1, std::min<size_t>(end - pos - 1, 6)));
    fraction.resize(6, '0');
    out += microseconds{std::stol(fraction)};
    pos = end;
  }
  std::string_view zone = text.substr(pos);
  if (zone != "Z" && zone != "+00:00" && !zone.empty()) return std::nullopt;
  return out;
}

std::string format_iso8601(Timestamp time) {
  using namespace std::chrono;
  auto secs = floor<seconds>(time);
  auto day = floor<days>(secs);
  year_month_day ymd{day};
  hh_mm_ss hms{secs - day};
  char out[24];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02ld:%02ld:%02lldZ", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long long>(hms.seconds().count()));
  return out;
}

std::optional<Timestamp> from_epoch_seconds(double seconds) {
  // The same years as parse_iso8601: a huge or non-finite number would make
  // the conversion to integer nanoseconds undefined (found by tests/fuzz/domains_json).
  constexpr double kFirst = -2208988800.0;  // 1900-01-01T00:00:00Z
  constexpr double kEnd = 7289654400.0;     // 2201-01-01T00:00:00Z
  if (!(seconds >= kFirst && seconds < kEnd)) return std::nullopt;
  return Timestamp{std::chrono::duration_cast<Timestamp::duration>(std::chrono::duration<double>(seconds))};
}

}  // namespace cutover::aws
