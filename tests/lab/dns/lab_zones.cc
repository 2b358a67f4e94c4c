#include "tests/lab/dns/lab_zones.h"

namespace cutover::lab {
namespace {

// Made with ldns-keygen -a ECDSAP256SHA256 -k and ldns-key2ds -n -2 (the
// private halves were thrown away: nothing is signed, only keys compared).
constexpr const char* kGoodkeyDs = "2532 13 2 1e3d64fd10041be19fb08220c5dc28e28bf08ce92834de1814ad02787640e7e5";
// The DS of a wrongkey.test. key (tag 12104) the zone does not publish.
constexpr const char* kWrongkeyDs = "12104 13 2 8fe65a7d694c14b57e73cddd17c4cff99805ba5907aeb2f63c6b7b80c853a829";

std::string big_txt() {
  // 14 strings of 200 octets: about 2.9 KB, over the 1232-octet EDNS buffer, so
  // the UDP reply is truncated and the prober must fall back to TCP.
  std::string out;
  for (int i = 0; i < 14; ++i) {
    out += "big 30 IN TXT \"" + std::to_string(i) + std::string(198, 'a' + i % 26) + "\"\n";
  }
  return out;
}

std::string example_body() {
  return "www 30 IN A 192.0.2.10\n"
         "www 30 IN AAAA 2001:db8::10\n"
         "mail 30 IN A 192.0.2.25\n"
         "@ 30 IN MX 10 mail.example.test.\n"
         "api 30 IN CNAME www.example.test.\n"
         "dev 10 IN NS ns1.dev.example.test.\n"
         "ns1.dev 10 IN A 127.53.30.1\n" +
         big_txt();
}

}  // namespace

std::string root_zone() {
  return "$ORIGIN .\n$TTL 30\n"
         ". IN SOA ns.root-servers.test. hostmaster.test. 1 60 60 3600 5\n"
         ". IN NS ns.root-servers.test.\n"
         "test. IN NS ns1.nic.test.\n"
         "test. IN NS ns2.nic.test.\n"
         "ns1.nic.test. IN A 127.53.1.1\n"
         "ns2.nic.test. IN A 127.53.1.2\n"
         "ns.root-servers.test. IN A 127.53.0.1\n";
}

std::string root_hints() {
  return ". 3600000 IN NS ns.root-servers.test.\n"
         "ns.root-servers.test. 3600000 IN A 127.53.0.1\n";
}

std::string tld_zone(bool example_to_new, int serial) {
  std::string out =
      "$ORIGIN test.\n$TTL 30\n"
      "@ IN SOA ns1.nic.test. hostmaster.nic.test. " +
      std::to_string(serial) +
      " 60 60 3600 5\n"
      "@ IN NS ns1.nic.test.\n@ IN NS ns2.nic.test.\n"
      "ns1.nic IN A 127.53.1.1\nns2.nic IN A 127.53.1.2\n"
      "ns.root-servers IN A 127.53.0.1\n"
      "ns1.new-dns IN A 127.53.20.1\nns2.new-dns IN A 127.53.20.2\n"
      "ns3.new-dns IN A 127.53.20.3\nns4.new-dns IN A 127.53.20.4\n"
      "broken IN NS ns1.broken.test.\nbroken IN NS ns2.broken.test.\nbroken IN NS ns3.broken.test.\n"
      "ns1.broken IN A 127.53.40.1\nns2.broken IN A 127.53.30.1\nns3.broken IN A 127.53.99.1\n"
      "signed IN NS ns1.signed.test.\nns1.signed IN A 127.53.40.1\n"
      "signed IN DS 12345 13 2 "
      "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF\n"
      "goodkey IN NS ns1.goodkey.test.\nns1.goodkey IN A 127.53.40.1\n"
      "goodkey IN DS " +
      std::string(kGoodkeyDs) +
      "\n"
      "wrongkey IN NS ns1.wrongkey.test.\nns1.wrongkey IN A 127.53.40.1\n"
      "wrongkey IN DS " +
      std::string(kWrongkeyDs) +
      "\n"
      // ns2.noglue.test. is inside the zone and has no glue here; the zone itself has its address.
      "noglue IN NS ns1.noglue.test.\nnoglue IN NS ns2.noglue.test.\nns1.noglue IN A 127.53.40.1\n";
  const std::string ttl = std::to_string(kExampleNsTtl);
  if (example_to_new) {
    for (int i = 1; i <= 4; ++i) out += "example " + ttl + " IN NS ns" + std::to_string(i) + ".new-dns.test.\n";
  } else {
    out += "example " + ttl + " IN NS ns1.example.test.\nexample " + ttl +
           " IN NS ns2.example.test.\n"
           "ns1.example " +
           ttl + " IN A 127.53.10.1\nns2.example " + ttl + " IN A 127.53.10.2\n";
  }
  return out;
}

std::string old_example_zone() {
  const std::string ttl = std::to_string(kExampleNsTtl);
  return "$ORIGIN example.test.\n$TTL 30\n"
         "@ IN SOA ns1.example.test. hostmaster.example.test. 1 60 60 3600 5\n"
         "@ " +
         ttl + " IN NS ns1.example.test.\n@ " + ttl +
         " IN NS ns2.example.test.\n"
         "ns1 IN A 127.53.10.1\nns2 IN A 127.53.10.2\n" +
         example_body();
}

std::string new_example_zone(bool stale) {
  const std::string ttl = std::to_string(kExampleNsTtl);
  std::string out =
      "$ORIGIN example.test.\n$TTL 30\n"
      "@ IN SOA ns1.new-dns.test. hostmaster.example.test. 100 60 60 3600 5\n";
  for (int i = 1; i <= 4; ++i) out += "@ " + ttl + " IN NS ns" + std::to_string(i) + ".new-dns.test.\n";
  out += "ns1 IN A 127.53.10.1\nns2 IN A 127.53.10.2\n";
  std::string body = example_body();
  if (stale) body.replace(body.find("192.0.2.10"), 10, "192.0.2.99");
  return out + body;
}

std::string dev_zone() {
  return "$ORIGIN dev.example.test.\n$TTL 30\n"
         "@ IN SOA ns1.dev.example.test. hostmaster.example.test. 1 60 60 3600 5\n"
         "@ 10 IN NS ns1.dev.example.test.\nns1 10 IN A 127.53.30.1\napp IN A 192.0.2.30\n";
}

std::string broken_zone() {
  return "$ORIGIN broken.test.\n$TTL 30\n"
         "@ IN SOA ns1.broken.test. hostmaster.broken.test. 1 60 60 3600 5\n"
         "@ IN NS ns1.broken.test.\n@ IN NS ns2.broken.test.\n@ IN NS ns3.broken.test.\n"
         "ns1 IN A 127.53.40.1\nns2 IN A 127.53.30.1\nns3 IN A 127.53.99.1\nwww IN A 192.0.2.40\n";
}

std::string key_zone(const std::string& zone, const std::string& dnskey) {
  return "$ORIGIN " + zone + ".\n$TTL 30\n@ IN SOA ns1." + zone + ". hostmaster." + zone + ". 1 60 60 3600 5\n@ IN NS ns1." + zone +
         ".\nns1 IN A 127.53.40.1\n@ IN DNSKEY " + dnskey + "\n";
}

std::string noglue_zone() {
  return "$ORIGIN noglue.test.\n$TTL 30\n"
         "@ IN SOA ns1.noglue.test. hostmaster.noglue.test. 1 60 60 3600 5\n"
         "@ IN NS ns1.noglue.test.\n@ IN NS ns2.noglue.test.\nns1 IN A 127.53.40.1\nns2 IN A 127.53.40.1\n";
}

std::string signed_zone() {
  return "$ORIGIN signed.test.\n$TTL 30\n"
         "@ IN SOA ns1.signed.test. hostmaster.signed.test. 1 60 60 3600 5\n"
         "@ IN NS ns1.signed.test.\nns1 IN A 127.53.40.1\nwww IN A 192.0.2.41\n";
}

}  // namespace cutover::lab
