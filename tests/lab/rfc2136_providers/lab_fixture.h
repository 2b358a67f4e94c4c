#pragma once
// The fixture of the provider lab tests: a fresh Knot pair per test, and
// direct queries to one server (no polling: what apply() promised must hold
// the moment it returns).

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dns/prober.h"
#include "tests/lab/common/started_lab_test.h"
#include "tests/lab/rfc2136_providers/knot_pair.h"

namespace cutover::lab {

class KnotPairTest : public StartedLabTest<KnotPair> {
 protected:
  static dns::DomainName name(const char* text) { return *dns::DomainName::parse(text); }
  static dns::ServerAddress address(const char* text) { return *dns::parse_server_address(text); }

  // One query, no recursion; the values of `type` at `owner` found in the
  // answer or (for a delegation) the authority section, sorted.
  static std::vector<std::string> values_at(const char* server, const char* owner, dns::RecordType type) {
    std::vector<dns::ProbeRequest> request{{.server = address(server), .question = {.name = name(owner), .type = type}}};
    auto outcomes = dns::probe(request, {.timeout = std::chrono::milliseconds(500), .attempts = 3});
    EXPECT_TRUE(outcomes.has_value());
    std::vector<std::string> out;
    if (!outcomes) return out;
    const auto& reply = outcomes->front().reply;
    for (const auto* section : {&reply.answer, &reply.authority}) {
      for (const auto& r : *section) {
        if (r.name == name(owner) && r.type == type) out.push_back(r.rdata);
      }
    }
    std::ranges::sort(out);
    return out;
  }
};

}  // namespace cutover::lab
