// BIND zone files (dns/zone_file, read with ldns), and the other files of
// names the checks read the same way: names files and root hints. Each
// record line is also put through canonical_record_line, and the zone
// through parity_questions, as `cutover check parity --zone-file` does.

#include <cstdint>
#include <string>

#include "dns/zone_file.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cutover::dns;
  static cutover::fuzz::ScratchFile file("zone.db");
  static const DomainName kOrigin = *DomainName::parse("example.com.");
  auto text = cutover::fuzz::as_text(data, size);
  const std::string path = file.write(text).string();
  for (const auto& origin : {std::optional<DomainName>{}, std::optional<DomainName>{kOrigin}}) {
    if (auto zone = read_zone_file(path, origin)) (void)parity_questions(*zone);
  }
  (void)read_names_file(path);
  (void)read_root_hints(path);
  std::size_t start = 0;
  for (int lines = 0; start < text.size() && lines < 64; ++lines) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    (void)canonical_record_line(std::string(text.substr(start, end - start)));
    start = end + 1;
  }
  return 0;
}
