# The addresses of the end-to-end labs, in one place. The shell labs source
# this file (lab.sh, common.sh, plans/run.sh); the Python ones read it with
# lab_servers.topology(). Plain NAME=VALUE lines only, so both can.
# Each lab owns a /16 of 127.0.0.0/8 and so never meets another: the C++ labs
# have 127.53 (DNS), 127.55 (gates), 127.59 (BIND zones), 127.60 (DNS faults:
# Knot behind dns_faults/fault_relay.py); their addresses are in their
# headers. tests/lab/common/topology_test.py checks that the example plans in
# plans/ use only addresses listed here.

# The RFC 2136 lab (lab.sh): Knot for the root, the TLD test., the old and the
# new provider of example.test and the child dev.example.test; Unbound.
E2E_NET=127.56
E2E_ROOT=127.56.0.1
E2E_TLD1=127.56.1.1
E2E_TLD2=127.56.1.2
E2E_OLD1=127.56.2.1
E2E_OLD2=127.56.2.2
E2E_NEW1=127.56.3.1
E2E_NEW2=127.56.3.2
E2E_DEV1=127.56.4.1
E2E_RESOLVER=127.56.9.1

# The Route 53 lab (route53_lab.py): Knot for the root and the TLD, Unbound,
# and hosted zone n served by PowerDNS on R53_NET.(R53_FIRST_ZONE_SLOT+n).k.
R53_NET=127.58
R53_ROOT=127.58.0.1
R53_TLD1=127.58.1.1
R53_TLD2=127.58.1.2
R53_RESOLVER=127.58.9.1
R53_FIRST_ZONE_SLOT=10

# The DNS faults lab (dns_faults/, C++ with a Python relay): Knot on 127.60.1-2.x,
# one faulty relay per address on 127.60.3-4.x, spoofed answers from 127.60.9.1.
DNS_FAULTS_NET=127.60
