#!/usr/bin/env bash
# Installs everything cutover needs to build, test and run its lab on Debian 12.
# Idempotent and non-interactive; safe to run again. Needs root (or sudo).
set -euo pipefail

packages=(
  # build
  g++ cmake ninja-build pkg-config
  libldns-dev libcurl4-openssl-dev libssl-dev libtinyxml2-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libbenchmark-dev
  # tests/run.sh checks every C++ file against .clang-format
  clang-format
  # the fuzz smoke (tests/fuzz, issue 13): libFuzzer exists only in clang, and
  # its runtime with ASan's and UBSan's comes in libclang-rt; 14 is Debian 12's clang
  clang-14 libclang-rt-14-dev
  # the lab: real DNS servers and clients on loopback
  knot knot-dnsutils nsd unbound ldnsutils dnsperf bind9-dnsutils iproute2 procps time
  # BIND 9 as the old provider of the RFC 2136 copy (tests/lab/bind_zones)
  bind9
  # PowerDNS serves the Route 53 lab's hosted zones (tests/lab/e2e/route53_lab.py):
  # its LUA records answer weighted and multivalue sets per query, as Route 53 does
  pdns-server pdns-backend-bind
  # the e2e scripts read the AWS lab's JSON request log
  jq
  # the AWS side of the lab runs moto's server and botocore under python3
  python3 ca-certificates curl
)

# Packaging (issue 12): the build makes cutover(1) with help2man; cpack's DEB
# generator finds the runtime library packages with dpkg-shlibdeps (dpkg-dev);
# CI reads the unpacked man page with man (man-db).
packages+=(help2man dpkg-dev man-db)

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  # The lab starts its own DNS servers on loopback addresses: keep the packages'
  # system services from starting (and holding port 53) while they install.
  policy=/usr/sbin/policy-rc.d
  had_policy=no
  [ -e "$policy" ] && had_policy=yes
  if [ "$had_policy" = no ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  [ "$had_policy" = no ] && $sudo rm -f "$policy"
fi

# Packaged services that did start anyway would take port 53 from the lab.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  for service in knot nsd unbound named pdns; do
    $sudo systemctl disable --now "$service" >/dev/null 2>&1 || true
  done
fi

# Debian's AppArmor profile for unbound only lets it read /etc/unbound and
# /var/lib/unbound; the lab runs it with a configuration of its own.
profile=/etc/apparmor.d/usr.sbin.unbound
if [ -f "$profile" ] && [ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = "Y" ] && command -v apparmor_parser >/dev/null; then
  $sudo apparmor_parser -R "$profile" >/dev/null 2>&1 || true
  $sudo mkdir -p /etc/apparmor.d/disable
  $sudo ln -sf "$profile" /etc/apparmor.d/disable/ 2>/dev/null || true
fi

# The main job (plans/run.sh) runs the DNS lab only: it needs none of the AWS side.
if [ "${1:-}" = "--dns-only" ]; then
  echo "install-deps: all dependencies of the DNS lab present"
  exit 0
fi

# The operator's view (issue 12): tests/lab/e2e/report_test.sh renders the HTML
# report in headless Chromium from Debian (a screenshot and a PDF), with DejaVu
# fonts, the report's own. Not needed by the main job, hence after --dns-only.
if ! command -v chromium >/dev/null || ! dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q "install ok installed"; then
  echo "install-deps: installing chromium fonts-dejavu-core"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
fi

# moto's server (5.2.1: the AWS lab patches its internals), botocore and the
# AWS CLI come with this machine kind's python3; elsewhere from PyPI (Debian
# 12's own python3 wants pip from apt and --break-system-packages).
if ! python3 -c 'import moto, botocore' 2>/dev/null || ! command -v aws >/dev/null; then
  echo "install-deps: python3 lacks moto/botocore or the aws CLI is missing; trying pip" >&2
  python3 -m pip --version >/dev/null 2>&1 ||
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-pip
  python3 -m pip install --quiet "moto[server]==5.2.1" awscli ||
    python3 -m pip install --quiet --break-system-packages "moto[server]==5.2.1" awscli || {
      echo "install-deps: could not install moto and the aws CLI; the AWS lab tests need them" >&2
      exit 1
    }
fi
echo "install-deps: all dependencies present"
