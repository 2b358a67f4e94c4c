// dns/axfr and dns/update against a real Knot pair: the transfer returns the
// zone as the file has it, UPDATE changes it on the primary, and wrong keys
// are refused with a named TSIG error that never shows the secret.

#include <functional>
#include <thread>

#include "dns/axfr.h"
#include "dns/update.h"
#include "tests/lab/rfc2136_providers/lab_fixture.h"

namespace cutover::lab {
namespace {

using dns::RecordType;
using A = KnotPairAddresses;

class TransferUpdateLab : public KnotPairTest {
 protected:
  dns::TsigKey key() const { return *dns::read_tsig_key_file(lab_.key_file()); }
  dns::TsigKey key_with(const std::string& key_name, const std::string& secret) const {
    return *dns::read_tsig_key_file(lab_.write_key_file("other.key", key_name, secret));
  }
  // The key tests' UPDATE: www.example.test changed on the primary, signed with `signer`.
  dns::Result<void> update_www_with(const dns::TsigKey& signer) const {
    auto batch = dns::replace_rrset(name("www.example.test."), RecordType::A, 120, {"192.0.2.66"});
    return dns::send_update(address(A::kPrimary), name("example.test."), batch, signer);
  }
  // Knot may publish an accepted update a little later (LAB-NOTES): transfers
  // example.test from the primary into `sets` until `done(sets)` or `within` passes.
  void transfer_until(std::vector<dns::RecordSet>& sets, const std::function<bool(const std::vector<dns::RecordSet>&)>& done,
                      std::chrono::seconds within, std::chrono::milliseconds pause) const {
    auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
      auto listed = dns::transfer_zone(address(A::kPrimary), name("example.test."), key());
      ASSERT_TRUE(listed.has_value()) << listed.error().message;
      sets = std::move(*listed);
      if (done(sets)) break;
      std::this_thread::sleep_for(pause);
    }
  }
};

const dns::RecordSet* find(const std::vector<dns::RecordSet>& sets, const char* owner, RecordType type) {
  auto it = std::ranges::find_if(sets, [&](const auto& s) { return s.name.text() == owner && s.type == type; });
  return it == sets.end() ? nullptr : &*it;
}

TEST_F(TransferUpdateLab, AxfrReturnsEveryRrsetSoaFirst) {
  for (const char* server : {A::kPrimary, A::kSecondary}) {
    auto sets = dns::transfer_zone(address(server), name("example.test."), key());
    ASSERT_TRUE(sets.has_value()) << sets.error().message;
    ASSERT_FALSE(sets->empty());
    EXPECT_EQ(sets->front().type, RecordType::SOA);
    EXPECT_EQ(std::ranges::count(*sets, RecordType::SOA, &dns::RecordSet::type), 1);
    const auto* www = find(*sets, "www.example.test.", RecordType::A);
    ASSERT_NE(www, nullptr);
    EXPECT_EQ(www->ttl, 300u);
    auto values = www->rdata;
    std::ranges::sort(values);
    EXPECT_EQ(values, (std::vector<std::string>{"192.0.2.10", "192.0.2.11"}));
    const auto* ns = find(*sets, "example.test.", RecordType::NS);
    ASSERT_NE(ns, nullptr);
    EXPECT_EQ(ns->ttl, 3600u);
    EXPECT_EQ(ns->rdata.size(), 2u);
    ASSERT_NE(find(*sets, "example.test.", RecordType::MX), nullptr);
    EXPECT_EQ(find(*sets, "example.test.", RecordType::MX)->rdata, std::vector<std::string>{"10 mail.example.test."});
    ASSERT_NE(find(*sets, "note.example.test.", RecordType::TXT), nullptr);
    EXPECT_EQ(find(*sets, "note.example.test.", RecordType::TXT)->rdata, std::vector<std::string>{"\"hello world\""});
    EXPECT_EQ(sets->size(), 8u);  // SOA, NS, MX, ns1 A, ns2 A, mail A, www A, note TXT
  }
}

TEST_F(TransferUpdateLab, UpdateReplacesAndDeletesRrsetsOnThePrimary) {
  auto batch = dns::replace_rrset(name("www.example.test."), RecordType::A, 120, {"192.0.2.99"});
  auto api = dns::replace_rrset(name("api.example.test."), RecordType::AAAA, 60, {"2001:db8::1", "2001:db8::2"});
  batch.insert(batch.end(), api.begin(), api.end());
  batch.push_back(dns::delete_rrset(name("note.example.test."), RecordType::TXT));
  auto sent = dns::send_update(address(A::kPrimary), name("example.test."), batch, key());
  ASSERT_TRUE(sent.has_value()) << sent.error().message;

  std::vector<dns::RecordSet> sets;
  auto note_deleted = [](const auto& s) { return !find(s, "note.example.test.", RecordType::TXT); };
  ASSERT_NO_FATAL_FAILURE(transfer_until(sets, note_deleted, std::chrono::seconds(5), std::chrono::milliseconds(50)));
  ASSERT_NE(find(sets, "www.example.test.", RecordType::A), nullptr);
  EXPECT_EQ(find(sets, "www.example.test.", RecordType::A)->rdata, std::vector<std::string>{"192.0.2.99"});
  EXPECT_EQ(find(sets, "www.example.test.", RecordType::A)->ttl, 120u);
  ASSERT_NE(find(sets, "api.example.test.", RecordType::AAAA), nullptr);
  EXPECT_EQ(find(sets, "api.example.test.", RecordType::AAAA)->rdata.size(), 2u);
  EXPECT_EQ(find(sets, "note.example.test.", RecordType::TXT), nullptr);
}

// ~150 KB of records: the UPDATE is split into several messages (never inside
// an RRset) and the AXFR comes back in several, each MAC chained to the last.
TEST_F(TransferUpdateLab, BigBatchesSplitAndLongTransfersVerifyEveryMessage) {
  const std::string text = "\"" + std::string(200, 'x') + "\"";
  std::vector<dns::UpdateRecord> batch;
  for (int i = 0; i < 600; ++i) {
    auto owner = name(("bulk" + std::to_string(i) + ".example.test.").c_str());
    auto records = dns::replace_rrset(owner, RecordType::TXT, 300, {text, "\"second\""});
    batch.insert(batch.end(), records.begin(), records.end());
  }
  auto sent = dns::send_update(address(A::kPrimary), name("example.test."), batch, key());
  ASSERT_TRUE(sent.has_value()) << sent.error().message;

  std::vector<dns::RecordSet> sets;
  auto all_there = [](const auto& s) { return s.size() == 8u + 600u; };
  ASSERT_NO_FATAL_FAILURE(transfer_until(sets, all_there, std::chrono::seconds(10), std::chrono::milliseconds(100)));
  ASSERT_EQ(sets.size(), 8u + 600u);
  const auto* last = find(sets, "bulk599.example.test.", RecordType::TXT);
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->rdata.size(), 2u);
}

TEST_F(TransferUpdateLab, WrongSecretIsRefusedAsBadsigWithoutShowingIt) {
  const std::string secret = "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZyE=";
  auto wrong = key_with(LabKey::kName, secret);
  auto sent = update_www_with(wrong);
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, dns::ErrorCode::Refused);
  EXPECT_NE(sent.error().message.find("NOTAUTH (BADSIG)"), std::string::npos) << sent.error().message;
  EXPECT_NE(sent.error().message.find("127.57.0.1"), std::string::npos) << sent.error().message;
  EXPECT_EQ(sent.error().message.find(secret), std::string::npos);
  EXPECT_EQ(sent.error().message.find(LabKey::kSecret), std::string::npos);

  auto sets = dns::transfer_zone(address(A::kPrimary), name("example.test."), wrong);
  ASSERT_FALSE(sets.has_value());
  EXPECT_EQ(sets.error().code, dns::ErrorCode::Refused);
  EXPECT_NE(sets.error().message.find("BADSIG"), std::string::npos) << sets.error().message;
  EXPECT_EQ(sets.error().message.find(secret), std::string::npos);

  // Nothing changed.
  EXPECT_EQ(values_at(A::kPrimary, "www.example.test.", RecordType::A), (std::vector<std::string>{"192.0.2.10", "192.0.2.11"}));
}

TEST_F(TransferUpdateLab, UnknownKeyIsRefusedAsBadkey) {
  auto unknown = key_with("nobody-key", LabKey::kSecret);
  auto sent = update_www_with(unknown);
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, dns::ErrorCode::Refused);
  EXPECT_NE(sent.error().message.find("BADKEY"), std::string::npos) << sent.error().message;
  EXPECT_NE(sent.error().message.find("nobody-key"), std::string::npos) << sent.error().message;
}

TEST_F(TransferUpdateLab, AZoneTheServerDoesNotHoldIsRefused) {
  auto batch = dns::replace_rrset(name("www.other.test."), RecordType::A, 120, {"192.0.2.66"});
  auto sent = dns::send_update(address(A::kPrimary), name("other.test."), batch, key());
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, dns::ErrorCode::Refused) << sent.error().message;
  EXPECT_NE(sent.error().message.find("UPDATE of zone other.test. at 127.57.0.1 refused: NOTAUTH"), std::string::npos)
      << sent.error().message;
}

TEST_F(TransferUpdateLab, NobodyListeningIsANetworkErrorNamingTheServer) {
  auto sets = dns::transfer_zone(address(A::kDead), name("example.test."), key(), {.timeout = std::chrono::seconds(2)});
  ASSERT_FALSE(sets.has_value());
  EXPECT_TRUE(sets.error().code == dns::ErrorCode::Network || sets.error().code == dns::ErrorCode::Timeout);
  EXPECT_NE(sets.error().message.find("127.57.99.1"), std::string::npos) << sets.error().message;
}

}  // namespace
}  // namespace cutover::lab
