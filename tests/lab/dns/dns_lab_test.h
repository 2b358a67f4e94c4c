#pragma once
// DnsLabTest: the fixture every DNS lab test starts from, a fresh DnsLab per
// test. Fixtures that need more (a zone's questions, CLI flags) derive from it.

#include <vector>

#include "dns/domain_name.h"
#include "dns/zone_file.h"
#include "tests/lab/common/started_lab_test.h"
#include "tests/lab/dns/dns_lab.h"

namespace cutover::lab {

class DnsLabTest : public StartedLabTest<DnsLab> {
 protected:
  /// The lab's root servers, as a --root-hints file names them to the checks.
  std::vector<dns::ServerAddress> root_servers() const { return *dns::read_root_hints(lab_.root_hints()); }
};

/// A name the test spells correctly (parse failures are test bugs).
inline dns::DomainName name(const char* text) { return *dns::DomainName::parse(text); }

}  // namespace cutover::lab
