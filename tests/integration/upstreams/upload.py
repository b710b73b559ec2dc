"""A client we did not write (Python's http.client) for the upload tests:
POSTs N bytes to the URL without holding them, with a Content-Length or
chunked (a generator body), and prints the status, then the answer's body and
the SHA-256 of what was sent, on one line each.

usage: upload.py URL BYTES length|chunked"""

import hashlib
import http.client
import sys
import urllib.parse

PIECE = bytes(range(256)) * 256  # 64 KiB, not all one byte


def pieces(total, digest):
    left = total
    while left > 0:
        part = PIECE[: min(left, len(PIECE))]
        left -= len(part)
        digest.update(part)
        yield part


def main():
    url = urllib.parse.urlsplit(sys.argv[1])
    total = int(sys.argv[2])
    chunked = sys.argv[3] == "chunked"
    digest = hashlib.sha256()
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    headers = {"Content-Type": "application/octet-stream"}
    if not chunked:
        headers["Content-Length"] = str(total)
    conn.request("POST", url.path, body=pieces(total, digest), headers=headers,
                 encode_chunked=chunked)
    response = conn.getresponse()
    print(response.status)
    print(response.read().decode("utf-8", "replace"))
    print(digest.hexdigest(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
