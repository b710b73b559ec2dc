"""The upstream of the proxy desync tests: a bare ASGI app under uvicorn with
the h11 parser (strict, and not Tollgate's). Every request it parses is kept
in a journal, in order (only whole ones: a request whose body is cut is not), and answered
with its own journal entry as JSON, so
a test can compare what the client was answered with what the upstream
framed. GET /__journal returns the whole journal. It binds a free loopback
port itself and prints it on the first line of stdout."""

import json
import socket
import sys

import uvicorn

JOURNAL = []


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    body = b""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return  # the request was cut: it never was a whole request
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    if scope["path"] == "/__journal":
        payload = json.dumps(JOURNAL).encode()
    else:
        entry = {
            "n": len(JOURNAL),
            "method": scope["method"],
            "path": scope["path"],
            "query": scope["query_string"].decode("latin-1"),
            "headers": [[k.decode("latin-1"), v.decode("latin-1")] for k, v in scope["headers"]],
            "body": body.decode("latin-1"),
        }
        JOURNAL.append(entry)
        payload = json.dumps(entry).encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


if __name__ == "__main__":
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    print(sock.getsockname()[1], flush=True)
    sys.stdout.flush()
    uvicorn.run(app, fd=sock.fileno(), http="h11", log_level="warning", lifespan="off")
