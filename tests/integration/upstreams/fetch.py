"""A client we did not write (Python's urllib) for the streaming tests: GETs
the URL, reads the body in 1 MiB pieces without keeping it, and prints
"<status> <bytes> <first byte> <last byte>", or "cut <bytes>" when the body
ended short of what the framing promised."""

import http.client
import sys
import urllib.error
import urllib.request


def main():
    request = urllib.request.Request(sys.argv[1], headers={"Host": "localhost"})
    try:
        response = urllib.request.urlopen(request, timeout=60)
    except urllib.error.HTTPError as e:
        response = e
    total = 0
    first = last = b""
    try:
        while True:
            piece = response.read(1 << 20)
            if not piece:
                break
            if not first:
                first = piece[:1]
            last = piece[-1:]
            total += len(piece)
    except (http.client.IncompleteRead, ConnectionError):
        print("cut", total, flush=True)
        return 0
    print(response.status, total, first.decode("latin-1"), last.decode("latin-1"), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
