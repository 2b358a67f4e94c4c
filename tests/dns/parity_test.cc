// The parity rules, one test each: RDATA compares byte for byte on the wire;
// only owner names and the domain names inside RDATA ignore letter case.
#include "dns/parity.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dns/ldns_convert.h"

namespace cutover::dns {
namespace {

// A record as the prober would hand it over: parsed by ldns from the text.
Record record(const std::string& text) {
  ldns_rr* raw = nullptr;
  EXPECT_EQ(ldns_rr_new_frm_str(&raw, text.c_str(), 3600, nullptr, nullptr), LDNS_STATUS_OK) << text;
  auto out = detail::to_record(raw);
  ldns_rr_free(raw);
  return out.value();
}

RRsetView view_of(const std::vector<std::string>& lines) {
  Outcome outcome{.kind = OutcomeKind::Answer};
  outcome.reply.authoritative = true;
  for (const auto& line : lines) outcome.reply.answer.push_back(record(line));
  const auto& first = outcome.reply.answer.front();
  return rrset_view(outcome, Question{.name = first.name, .type = first.type});
}

bool same(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return same_rrset(view_of(a), view_of(b), TtlRule::Ignore);
}

TEST(ParityRules, ARefusalOrAFailureNeverAgreesNotEvenWithItself) {
  for (auto kind : {OutcomeKind::Refused, OutcomeKind::ServerFailure, OutcomeKind::Timeout}) {
    RRsetView view{.kind = kind};
    EXPECT_FALSE(same_rrset(view, view, TtlRule::Ignore)) << to_string(kind);
  }
}

TEST(ParityRules, TxtDifferingOnlyInCaseDiffers) {
  EXPECT_FALSE(same({"t.example.test. 300 IN TXT \"v=spf1 include:Example.com -all\""},
                    {"t.example.test. 300 IN TXT \"v=spf1 include:example.com -all\""}));
  EXPECT_TRUE(same({"t.example.test. 300 IN TXT \"Token\""}, {"t.example.test. 300 IN TXT \"Token\""}));
}

TEST(ParityRules, TxtCaseDifferenceShowsInTheEvidence) {
  auto view = view_of({"t.example.test. 300 IN TXT \"Token\""});
  EXPECT_EQ(view.records, std::vector<std::string>{"t.example.test. txt \"Token\""});
}

TEST(ParityRules, NsTargetDifferingInCaseIsTheSame) {
  EXPECT_TRUE(same({"example.test. 300 IN NS NS1.Example.TEST."}, {"example.test. 300 IN NS ns1.example.test."}));
  EXPECT_FALSE(same({"example.test. 300 IN NS ns1.example.test."}, {"example.test. 300 IN NS ns2.example.test."}));
}

TEST(ParityRules, OwnerDifferingInCaseIsTheSame) {
  EXPECT_TRUE(same({"WWW.Example.test. 300 IN A 192.0.2.1"}, {"www.example.test. 300 IN A 192.0.2.1"}));
}

TEST(ParityRules, NamesInsideRdataIgnoreCaseOtherFieldsDoNot) {
  EXPECT_TRUE(same({"example.test. 300 IN MX 10 Mail.Example.test."}, {"example.test. 300 IN MX 10 mail.example.test."}));
  EXPECT_FALSE(same({"example.test. 300 IN MX 10 mail.example.test."}, {"example.test. 300 IN MX 20 mail.example.test."}));
  EXPECT_TRUE(same({"_s._tcp.example.test. 300 IN SRV 0 5 443 Target.example.test."},
                   {"_s._tcp.example.test. 300 IN SRV 0 5 443 target.example.test."}));
  EXPECT_TRUE(same({"example.test. 300 IN SOA NS1.example.test. Hostmaster.example.test. 1 2 3 4 5"},
                   {"example.test. 300 IN SOA ns1.example.test. hostmaster.example.test. 1 2 3 4 5"}));
  EXPECT_TRUE(same({"d.example.test. 300 IN DNAME Other.TEST."}, {"d.example.test. 300 IN DNAME other.test."}));
  // NAPTR: the regexp field is text and keeps its case; the replacement is a name.
  EXPECT_TRUE(same({"n.example.test. 300 IN NAPTR 100 10 \"S\" \"SIP+D2U\" \"\" _Sip._udp.example.test."},
                   {"n.example.test. 300 IN NAPTR 100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.example.test."}));
  EXPECT_FALSE(same({"n.example.test. 300 IN NAPTR 100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.example.test."},
                    {"n.example.test. 300 IN NAPTR 100 10 \"s\" \"SIP+D2U\" \"\" _sip._udp.example.test."}));
}

TEST(ParityRules, CaaTagOrValueDifferingInCaseDiffers) {
  EXPECT_FALSE(same({"example.test. 300 IN CAA 0 issue \"letsencrypt.org\""}, {"example.test. 300 IN CAA 0 ISSUE \"letsencrypt.org\""}));
  EXPECT_FALSE(same({"example.test. 300 IN CAA 0 issue \"letsencrypt.org\""}, {"example.test. 300 IN CAA 0 issue \"LetsEncrypt.org\""}));
}

TEST(ParityRules, TxtSplitIntoStringsDifferentlyDiffers) {
  EXPECT_FALSE(same({"t.example.test. 300 IN TXT \"abc\" \"def\""}, {"t.example.test. 300 IN TXT \"abcdef\""}));
  EXPECT_FALSE(same({"t.example.test. 300 IN TXT \"ab\" \"cdef\""}, {"t.example.test. 300 IN TXT \"abc\" \"def\""}));
  EXPECT_TRUE(same({"t.example.test. 300 IN TXT \"abc\" \"def\""}, {"t.example.test. 300 IN TXT \"abc\" \"def\""}));
}

TEST(ParityRules, OrderOfRecordsDoesNotMatterTheirSetDoes) {
  EXPECT_TRUE(same({"a.example.test. 300 IN A 192.0.2.1", "a.example.test. 300 IN A 192.0.2.2"},
                   {"a.example.test. 300 IN A 192.0.2.2", "a.example.test. 300 IN A 192.0.2.1"}));
  EXPECT_FALSE(same({"a.example.test. 300 IN A 192.0.2.1", "a.example.test. 300 IN A 192.0.2.2"}, {"a.example.test. 300 IN A 192.0.2.1"}));
}

TEST(ParityRules, ALongerTtlFailsNotLongerAShorterOneDoesNot) {
  auto old_view = view_of({"www.example.test. 300 IN A 192.0.2.1"});
  auto longer = view_of({"www.example.test. 86400 IN A 192.0.2.1"});
  auto shorter = view_of({"www.example.test. 60 IN A 192.0.2.1"});
  EXPECT_FALSE(same_rrset(old_view, longer, TtlRule::NotLonger));
  EXPECT_TRUE(same_rrset(old_view, shorter, TtlRule::NotLonger));
  EXPECT_TRUE(same_rrset(old_view, old_view, TtlRule::NotLonger));
  EXPECT_FALSE(same_rrset(old_view, shorter, TtlRule::Equal));
  EXPECT_TRUE(same_rrset(old_view, longer, TtlRule::Ignore));
}

// A referral for dev.example.test.: its NS in the authority section, and in
// the additional section the glue plus an address the server added that is
// not glue (outside the delegation).
RRsetView referral_view(const std::string& glue_address) {
  Outcome outcome{.kind = OutcomeKind::Referral};
  outcome.reply.authority.push_back(record("dev.example.test. 300 IN NS ns1.dev.example.test."));
  outcome.reply.additional.push_back(record("ns1.dev.example.test. 300 IN A " + glue_address));
  outcome.reply.additional.push_back(record("ns.elsewhere.test. 300 IN A 192.0.2.200"));
  return rrset_view(outcome, Question{.name = *DomainName::parse("dev.example.test."), .type = RecordType::NS});
}

TEST(ParityRules, AReferralComparesItsGlue) {
  EXPECT_TRUE(same_rrset(referral_view("192.0.2.9"), referral_view("192.0.2.9"), TtlRule::Ignore));
  EXPECT_FALSE(same_rrset(referral_view("192.0.2.9"), referral_view("192.0.2.10"), TtlRule::Ignore));
  auto view = referral_view("192.0.2.9");
  EXPECT_EQ(view.records, (std::vector<std::string>{"dev.example.test. ns ns1.dev.example.test.", "ns1.dev.example.test. a 192.0.2.9"}));
}

TEST(ParityRules, KeysAloneCompareAsTheFullView) {
  Outcome outcome{.kind = OutcomeKind::Answer};
  outcome.reply.authoritative = true;
  outcome.reply.answer.push_back(record("www.example.test. 300 IN A 192.0.2.1"));
  outcome.reply.answer.push_back(record("WWW.example.test. 60 IN A 192.0.2.2"));
  Question q{.name = *DomainName::parse("www.example.test"), .type = RecordType::A};
  auto full = rrset_view(outcome, q);
  auto keys = rrset_keys(outcome, q);
  EXPECT_TRUE(keys.records.empty());
  EXPECT_EQ(keys.keys, full.keys);
  EXPECT_EQ(keys.ttl, 60u);
  EXPECT_TRUE(same_rrset(full, keys, TtlRule::Equal));
}

}  // namespace
}  // namespace cutover::dns
