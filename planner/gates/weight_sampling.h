#pragma once
// The pure parts of the weighted shift's gates: how far a sampled share may
// stray from its weight, which target an answer is, how one server's sample
// reads, and whether a zone's listing holds a step's weights. No I/O here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/gates/gate_parts.h"
#include "planner/providers/rrset.h"
#include "planner/steps/weights.h"

namespace cutover::planner::live {

/// How many standard deviations of the binomial a sampled share may stray.
/// With n samples per server a share p is seen as k/n, k ~ Binomial(n, p).
/// At 4 sigma a correct server fails by chance about once in 16,000 checks
/// (two-sided normal tail 6.3e-5), so a shift of a few steps over a few
/// servers stops spuriously about once in a thousand shifts; at 3 sigma it
/// would be one in twenty, which teaches people to ignore the gate. With 200
/// samples the bound is at most +-14.5 points (p = 0.5), still far below the
/// jumps a misconfigured weight makes (a set answered 0 % or 100 %).
inline constexpr double kShareSigmas = 4.0;

/// The share of answers a set should get, and how far the sampled share may be from it.
struct ShareBound {
  double expected{0};
  double tolerance{0};  // 0 for a share of 0 or 1: never / always, exactly
};

/// weight / total over `samples` answers: tolerance kShareSigmas * sqrt(p(1-p)/n)
/// plus half a sample (continuity: counts are whole). Route 53 answers a
/// weight-0 set never while another has weight, and all sets equally when every weight is 0.
ShareBound share_bound(std::uint32_t weight, std::uint32_t total, std::uint32_t samples);

/// The index of the set whose answers are exactly `values` (compared as
/// comparable_value, in any order); nullopt when the answer is none of them.
std::optional<std::size_t> matching_set(const std::vector<std::string>& values, const std::vector<WeightedRecord>& sets);

/// What one server answered over its samples.
struct ServerSample {
  std::string server{};
  std::vector<std::size_t> counts{};  // per set, answers that were exactly that set
  std::size_t strays{0};              // answers that were none of the sets (or not an answer)
  std::size_t silent{0};              // queries without a reply
  std::string stray_example{};        // one stray answer, for evidence
};

/// How the sample stands against the weights, with its evidence line
/// ("127.0.0.1: 200 answers: blue 181 (90.5 %), green 19 (9.5 %, expected 10.0 % +- 8.7 %)").
/// Differs on any stray or a share outside its bound; Silent when queries went unanswered.
std::pair<Seen, std::string> judge_sample(const ServerSample& sample, const std::vector<WeightedRecord>& sets);

/// What differs between the weighted sets at name/type in `listing` and
/// `sets` (missing, another weight or content, a set or plain set not in the
/// step), one line each; empty when the listing holds exactly the step.
std::vector<std::string> weight_differences(const std::vector<Rrset>& listing, const dns::DomainName& name, dns::RecordType type,
                                            const std::vector<WeightedRecord>& sets, std::uint32_t ttl);

}  // namespace cutover::planner::live
