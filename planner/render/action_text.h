#pragma once
// How an action reads: the provider call it makes and a one-line summary, in
// the vocabulary of the zone's provider (Route 53 ChangeResourceRecordSets,
// RFC 2136 UPDATE, Route 53 Domains, RDS).

#include <string>
#include <vector>

#include "planner/plan/plan.h"
#include "planner/steps/step.h"

namespace cutover::planner {

struct ActionText {
  std::string provider{};              // "route53", "rfc2136", "route53domains", "rds"
  std::string operation{};             // "ChangeResourceRecordSets", "UPDATE", ...
  std::string summary{};               // one line for people
  std::vector<std::string> details{};  // e.g. each change of a batch
};

/// Describes `action` as the plan's providers will carry it out.
ActionText describe(const Plan& plan, const Action& action);

/// "UPSERT db.example.com. CNAME 60 old.cluster..." for one change.
std::string describe(const RecordChange& change);

}  // namespace cutover::planner
