#!/usr/bin/env python3
"""Posts every file of a directory, in name (= period) order, to a running
`kchart serve` over one keep-alive connection: the crash test's client.

    python3 post_all.py PORT TOKEN DIR

Stops at the first failure (the server killed under it is the point)."""
import http.client
import os
import sys

port, token, directory = int(sys.argv[1]), sys.argv[2], sys.argv[3]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
for name in sorted(os.listdir(directory)):
    with open(os.path.join(directory, name), "rb") as f:
        body = f.read()
    conn.request("POST", "/api/ingest?name=" + name, body,
                 {"Authorization": "Bearer " + token})
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        sys.exit(f"{name}: {r.status}")
