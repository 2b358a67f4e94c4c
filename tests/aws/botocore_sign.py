#!/usr/bin/env python3
"""Signs requests with botocore's SigV4Auth, for aws_sigv4_botocore_test.

Reads JSON lines (method, host, path as on the wire, query pairs decoded,
headers, body, credentials, region, service, amz_date) from argv[1] and writes
one JSON line {"authorization": ...} per request to argv[2]. The clock is
pinned to each request's amz_date so the C++ signer and botocore sign the same
instant."""
import datetime
import json
import sys
from unittest import mock
from urllib.parse import quote

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(req):
    query = "&".join(
        f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in req["query"]
    )
    url = f"http://{req['host']}{req['path']}" + (f"?{query}" if query else "")
    request = AWSRequest(method=req["method"], url=url, data=req["body"].encode())
    for name, value in req["headers"]:
        request.headers[name] = value
    creds = Credentials(req["access_key_id"], req["secret_access_key"], req["token"] or None)
    now = datetime.datetime.strptime(req["amz_date"], "%Y%m%dT%H%M%SZ")
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=now):
        botocore.auth.SigV4Auth(creds, req["service"], req["region"]).add_auth(request)
    return {"authorization": request.headers["Authorization"]}


def main():
    with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as dst:
        for line in src:
            dst.write(json.dumps(sign(json.loads(line))) + "\n")


if __name__ == "__main__":
    main()
