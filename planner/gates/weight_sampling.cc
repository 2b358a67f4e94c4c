#include "planner/gates/weight_sampling.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "planner/providers/record_ops.h"

namespace cutover::planner::live {
namespace {

std::string percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", share * 100.0);
  return buffer;
}

std::set<std::string> comparable(const std::vector<std::string>& values) {
  std::set<std::string> out;
  for (const auto& v : values) out.insert(comparable_value(v));
  return out;
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : " ") + v;
  return out.empty() ? "(nothing)" : out;
}

}  // namespace

ShareBound share_bound(std::uint32_t weight, std::uint32_t total, std::uint32_t samples) {
  if (samples == 0) return {};
  double p = total == 0 ? 0.0 : static_cast<double>(weight) / static_cast<double>(total);
  if (p <= 0.0 || p >= 1.0) return ShareBound{.expected = p, .tolerance = 0.0};
  double n = static_cast<double>(samples);
  return ShareBound{.expected = p, .tolerance = kShareSigmas * std::sqrt(p * (1.0 - p) / n) + 0.5 / n};
}

std::optional<std::size_t> matching_set(const std::vector<std::string>& values, const std::vector<WeightedRecord>& sets) {
  if (values.empty()) return std::nullopt;
  auto seen = comparable(values);
  for (std::size_t i = 0; i < sets.size(); ++i) {
    if (comparable(sets[i].answers) == seen) return i;
  }
  return std::nullopt;
}

std::pair<Seen, std::string> judge_sample(const ServerSample& sample, const std::vector<WeightedRecord>& sets) {
  std::size_t answered = sample.strays;
  std::uint32_t total = 0;
  for (std::size_t i = 0; i < sets.size(); ++i) {
    answered += i < sample.counts.size() ? sample.counts[i] : 0;
    total += sets[i].weight;
  }
  bool off = sample.strays > 0;
  std::string line = sample.server + ": " + std::to_string(answered) + " answers:";
  for (std::size_t i = 0; i < sets.size(); ++i) {
    std::size_t count = i < sample.counts.size() ? sample.counts[i] : 0;
    // All weights 0: Route 53 answers every set equally.
    auto bound = total == 0 ? share_bound(1, static_cast<std::uint32_t>(sets.size()), static_cast<std::uint32_t>(answered))
                            : share_bound(sets[i].weight, total, static_cast<std::uint32_t>(answered));
    double share = answered == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(answered);
    bool outside = answered > 0 && std::abs(share - bound.expected) > bound.tolerance + 1e-12;
    off = off || outside;
    line += (i == 0 ? " " : ", ") + sets[i].set_identifier + " " + std::to_string(count) + " (" + percent(share) + ", expected " +
            percent(bound.expected) + (bound.tolerance > 0 ? " +- " + percent(bound.tolerance) : " exactly") +
            (outside ? ": OUTSIDE" : "") + ")";
  }
  if (sample.strays > 0) line += "; " + std::to_string(sample.strays) + " answers are neither target, e.g. " + sample.stray_example;
  if (sample.silent > 0) line += "; " + std::to_string(sample.silent) + " queries unanswered";
  if (off) return {Seen::Differs, line};
  if (sample.silent > 0 || answered == 0) return {Seen::Silent, line};
  return {Seen::Agrees, line};
}

std::vector<std::string> weight_differences(const std::vector<Rrset>& listing, const dns::DomainName& name, dns::RecordType type,
                                            const std::vector<WeightedRecord>& sets, std::uint32_t ttl) {
  std::vector<std::string> out;
  std::set<std::string> expected;
  for (const auto& set : sets) {
    expected.insert(set.set_identifier);
    auto held = find_rrset(listing, RrsetKey{.name = name, .type = type, .set_identifier = set.set_identifier});
    if (!held) {
      out.push_back("set '" + set.set_identifier + "' is missing (expected weight " + std::to_string(set.weight) + ")");
      continue;
    }
    auto weight = held->routing ? held->routing->weight : std::nullopt;
    if (weight != set.weight) {
      out.push_back("set '" + set.set_identifier + "' has weight " + (weight ? std::to_string(*weight) : std::string("none")) +
                    ", expected " + std::to_string(set.weight));
    }
    bool same = set.alias ? held->alias == set.alias : (!held->alias && held->ttl == ttl && same_values(held->values, set.values));
    if (!same) out.push_back("set '" + set.set_identifier + "' holds " + joined(held->values) + " (TTL " + std::to_string(held->ttl) + ")");
  }
  for (const auto& r : listing) {
    if (r.name != name || r.type != type || expected.contains(r.set_identifier())) continue;
    out.push_back(r.set_identifier().empty() ? "a plain set answers beside the weighted ones: " + joined(r.values)
                                             : "another set '" + r.set_identifier() + "' answers too");
  }
  return out;
}

}  // namespace cutover::planner::live
