"""The AWS lab's proxy: SigV4 verification, request log, fault injection,
lasting PENDING/creating states and the Route 53 Domains transfer operations,
in front of a moto server running in the same process.

Only the standard library, botocore and moto; one module per concern:

  identities.py    the lab's accounts, static keys, keys learned from STS
  errors.py        LabError and the AWS error bodies (XML and JSON)
  faults.py        injected faults: throttling, HTTP errors, latency, resets
  signatures.py    SigV4 verification with botocore
  operations.py    which service and operation a request is, mutating or not, its idempotency key
  route53.py       Route 53: operation lookup, admission (rate, prior request, batch size), change ids
  health_checks.py Route 53 health checks: the state a test sets, GetHealthCheckStatus
  domains.py       Route 53 Domains: seeded domains, transfer lock, transfers between accounts
  rds.py           RDS: lasting "creating" states and pagination
  moto_patches.py  what the lab changes inside moto
  lab.py           the lab's state (config, log, generation) over the concerns above
  server.py        the HTTP proxy and its control API (/_lab/...), serve()

See README.md for the interface.
"""

from .errors import LabError
from .identities import ACCOUNT_ALIASES, ACCOUNT_NEW, ACCOUNT_OLD, ROLE_ARN_NEW, STATIC_KEYS
from .lab import DEFAULT_CONFIG, Lab
from .server import serve
from .signatures import SigError, verify_sigv4

__all__ = ["ACCOUNT_ALIASES", "ACCOUNT_NEW", "ACCOUNT_OLD", "DEFAULT_CONFIG", "Lab", "LabError", "ROLE_ARN_NEW",
           "STATIC_KEYS", "SigError", "serve", "verify_sigv4"]
