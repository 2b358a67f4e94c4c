#include "planner/render/action_text.h"

namespace cutover::planner {
namespace {

std::string provider_of_zone(const Plan& plan, const std::string& key) {
  auto it = plan.zones.find(key);
  if (it == plan.zones.end()) return "unknown";
  return it->second.provider_kind() == ZoneProvider::Route53 ? "route53" : "rfc2136";
}

std::string values_text(const RecordSet& set) {
  switch (set.values_from) {
    case ValuesFrom::ZoneNameservers: return "<name servers of zone '" + set.values_zone + "'>";
    case ValuesFrom::ClusterEndpoint: return "<writer endpoint of cluster " + set.values_zone + ">";
    case ValuesFrom::Literal: break;
  }
  if (set.keep_values) return "<current values>";
  std::string out;
  for (const auto& v : set.values) out += (out.empty() ? "" : " ") + v;
  return out;
}

ActionText records(const Plan& plan, const ChangeRecords& a) {
  auto provider = provider_of_zone(plan, a.zone);
  ActionText text{
      .provider = provider,
      .operation = provider == "route53" ? "ChangeResourceRecordSets" : "UPDATE",
      .summary = std::to_string(a.changes.size()) + (a.changes.size() == 1 ? " change" : " changes") + " in zone '" + a.zone + "'"};
  for (const auto& change : a.changes) text.details.push_back(describe(change));
  return text;
}

// A planned set: "a-x.dev.example.com. CNAME 60 x.a.lb.example.com." or "... A ALIAS target. (zone Z...)".
std::string planned_set(const Rrset& set) {
  std::string out = set.name.text() + " " + std::string(dns::to_string(set.type));
  if (set.alias) {
    out += " ALIAS " + set.alias->name.text() + (set.alias->same_zone ? " (same zone)" : " (zone " + set.alias->hosted_zone_id + ")");
    if (set.alias->evaluate_target_health) out += " evaluating target health";
    return out;
  }
  out += " " + std::to_string(set.ttl);
  for (const auto& v : set.values) out += " " + v;
  return out;
}

ActionText bulk(const Plan& plan, const ApplyRecords& a) {
  auto provider = provider_of_zone(plan, a.zone);
  bool r53 = provider == "route53";
  ActionText text{.provider = provider,
                  .operation = r53 ? "ListResourceRecordSets + ChangeResourceRecordSets" : "AXFR + UPDATE",
                  .summary = "make zone '" + a.zone + "' hold " + std::to_string(a.wanted.size()) + " record sets" +
                             (a.deleted.empty() ? "" : " and not " + std::to_string(a.deleted.size())) +
                             ": CREATE what is missing, UPSERT what differs, DELETE what is listed, " +
                             (r53 ? "in requests of up to 1,000 records / 32,000 characters, then one wait until INSYNC"
                                  : "in UPDATE messages to the primary, then until every server serves it")};
  for (const auto& set : a.wanted) text.details.push_back(planned_set(set));
  for (const auto& key : a.deleted) text.details.push_back("DELETE " + describe(key));
  return text;
}

struct Describer {
  const Plan& plan;
  ActionText operator()(const SnapshotRecords& a) const {
    auto provider = provider_of_zone(plan, a.zone);
    return {provider,
            provider == "route53" ? "ListResourceRecordSets" : "AXFR",
            "keep the " + std::to_string(a.keys.size()) + " record sets of zone '" + a.zone +
                "' this step changes, as they are now, in the journal (for the rollback)",
            {}};
  }
  ActionText operator()(const ApplyRecords& a) const { return bulk(plan, a); }
  ActionText operator()(const RestoreRecords& a) const {
    auto provider = provider_of_zone(plan, a.zone);
    return {provider,
            provider == "route53" ? "ListResourceRecordSets + ChangeResourceRecordSets" : "AXFR + UPDATE",
            "put back in zone '" + a.zone + "' the record sets kept in the journal before the change (created ones deleted)",
            {}};
  }
  ActionText operator()(const CreateZone& a) const {
    return {"route53", "CreateHostedZone", "create hosted zone " + a.name.text() + " (CallerReference " + a.caller_reference + ")", {}};
  }
  ActionText operator()(const CopyRecords& a) const {
    std::string what = "copy records from '" + a.from_zone + "' to '" + a.to_zone + "'";
    if (a.only_below) what += " for names under " + a.only_below->text();
    for (const auto& skip : a.skip_below) what += ", except under " + skip.text();
    auto provider = provider_of_zone(plan, a.to_zone);
    return {provider, provider == "route53" ? "ListResourceRecordSets + ChangeResourceRecordSets" : "AXFR + UPDATE", what, {}};
  }
  ActionText operator()(const CopyHealthChecks& a) const {
    return {"route53",
            "GetHealthCheck + CreateHealthCheck",
            "recreate in the account of zone '" + a.copy.to_zone + "' the health checks that the records of '" + a.copy.from_zone +
                "' name (CallerReference " + a.copy.health_check_prefix + "<source id>)",
            {}};
  }
  ActionText operator()(const DeleteHealthChecks& a) const {
    return {"route53",
            "ListHealthChecks + DeleteHealthCheck",
            "delete the health checks of the account of zone '" + a.zone + "' made by this plan (CallerReference " + a.reference_prefix +
                "...)",
            {}};
  }
  ActionText operator()(const ChangeRecords& a) const { return records(plan, a); }
  ActionText operator()(const SetDelegation& a) const {
    std::string target = "<name servers of zone '" + a.nameservers_of_zone + "'>";
    if (plan.registrar && std::holds_alternative<ParentZoneRegistrar>(*plan.registrar)) {
      const auto& parent = std::get<ParentZoneRegistrar>(*plan.registrar).zone;
      auto provider = provider_of_zone(plan, parent);
      return {provider,
              provider == "route53" ? "ChangeResourceRecordSets" : "UPDATE",
              "UPSERT " + a.domain.text() + " NS " + std::to_string(a.ttl) + " " + target + " in parent zone '" + parent + "'",
              {}};
    }
    return {"route53domains", "UpdateDomainNameservers", "set the name servers of " + a.domain.text() + " to " + target, {}};
  }
  ActionText operator()(const TransferDomain& a) const {
    return {"route53domains",
            "TransferDomainToAnotherAwsAccount",
            "transfer " + a.domain.text() + " from account '" + a.from_account + "' to the account id of '" + a.to_account + "'",
            {}};
  }
  ActionText operator()(const AcceptTransfer& a) const {
    return {"route53domains",
            "AcceptDomainTransferFromAnotherAwsAccount",
            "accept " + a.domain.text() + " in account '" + a.account + "' with the password from the transfer",
            {}};
  }
  ActionText operator()(const CancelTransfer& a) const {
    return {"route53domains", "CancelDomainTransferToAnotherAwsAccount", "cancel the transfer of " + a.domain.text(), {}};
  }
  ActionText operator()(const LockTransfer& a) const {
    return {"route53domains",
            "EnableDomainTransferLock",
            "turn the transfer lock of " + a.domain.text() + " on in account '" + a.account + "'",
            {}};
  }
  ActionText operator()(const DeleteZone& a) const {
    return {provider_of_zone(plan, a.zone), "DeleteHostedZone", "delete zone '" + a.zone + "' (its records first)", {}};
  }
  ActionText operator()(const DeleteRecordsBelow& a) const {
    auto provider = provider_of_zone(plan, a.zone);
    return {provider,
            provider == "route53" ? "ChangeResourceRecordSets" : "UPDATE",
            "DELETE every record under " + a.below.text() + " in zone '" + a.zone + "' (the delegation NS stays)",
            {}};
  }
  ActionText operator()(const CloneCluster& a) const {
    return {"rds",
            "RestoreDBClusterToPointInTime",
            "clone " + a.source_cluster + " as " + a.clone_name + " (RestoreType copy-on-write, UseLatestRestorableTime)",
            {}};
  }
  ActionText operator()(const CreateInstance& a) const {
    return {"rds", "CreateDBInstance", "create " + a.instance + " (" + a.instance_class + ") in cluster " + a.cluster, {}};
  }
  ActionText operator()(const TagCluster& a) const {
    return {"rds", "AddTagsToResource", "tag cluster " + a.cluster + " with cutover:lifecycle=" + std::string(to_string(a.stage)), {}};
  }
  ActionText operator()(const SetWeights& a) const {
    auto provider = provider_of_zone(plan, a.zone);
    ActionText text{.provider = provider,
                    .operation = "ChangeResourceRecordSets",
                    .summary = "set the weights of " + a.name.text() + " " + std::string(dns::to_string(a.type)) + " in zone '" + a.zone +
                               "' to " + weights_text(a.sets) + " (only the sets that differ are sent)"};
    for (const auto& set : a.sets) {
      std::string what = set.alias ? "ALIAS " + set.alias->name.text() : std::to_string(a.ttl);
      for (const auto& v : set.values) what += " " + v;
      text.details.push_back("UPSERT " + a.name.text() + " " + std::string(dns::to_string(a.type)) + " set '" + set.set_identifier +
                             "' weight " + std::to_string(set.weight) + " " + what);
    }
    for (const auto& id : a.remove) text.details.push_back("DELETE " + a.name.text() + " set '" + id + "'");
    return text;
  }
  ActionText operator()(const DeleteAbortedClones& a) const {
    return {"rds", "DeleteDBInstance + DeleteDBCluster", "delete clusters " + a.prefix + "* tagged aborted, instances first", {}};
  }
};

}  // namespace

ActionText describe(const Plan& plan, const Action& action) { return std::visit(Describer{plan}, action); }

std::string describe(const RecordChange& change) {
  return std::string(to_string(change.kind)) + " " + change.set.name.text() + " " + std::string(dns::to_string(change.set.type)) + " " +
         std::to_string(change.set.ttl) + " " + values_text(change.set);
}

}  // namespace cutover::planner
