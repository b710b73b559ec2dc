"""A small FastAPI service, the stack Tollgate's guide builds on, served by
uvicorn as the upstream of the proxy tests. It binds a free loopback port
itself and prints it on the first line of stdout."""

import hashlib
import socket
import sys
import uuid

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse, StreamingResponse

app = FastAPI()
ITEMS = {}


@app.get("/items/{item_id}")
async def read_item(item_id: int, q: str = ""):
    return {"id": item_id, "q": q, "name": ITEMS.get(item_id, "item %d" % item_id)}


@app.post("/items")
async def create_item(request: Request):
    body = await request.json()
    item_id = len(ITEMS) + 1
    ITEMS[item_id] = body.get("name", "")
    return JSONResponse({"id": item_id, "received": body}, status_code=201)


@app.get("/echo/headers")
async def echo_headers(request: Request):
    # Every field the proxy sent, names lower-cased, in order.
    return {"headers": [[k, v] for k, v in request.headers.items()],
            "path": request.url.path, "query": request.url.query}


@app.get("/moved")
async def moved():
    return RedirectResponse("/items/1", status_code=302)


@app.get("/bytes/{n}")
async def some_bytes(n: int):
    chunk = b"x" * 65536

    async def produce():
        left = n
        while left > 0:
            part = chunk[: min(left, len(chunk))]
            left -= len(part)
            yield part

    return StreamingResponse(produce(), media_type="application/octet-stream")


@app.get("/things/{thing_id}")
async def read_thing(thing_id: uuid.UUID):
    return {"thing": str(thing_id), "kind": "widget"}


@app.get("/session")
async def session():
    # Credentials the recorder must not keep, next to a field it keeps.
    response = JSONResponse({"signedIn": True})
    response.set_cookie("sid", "cookie-secret-123", httponly=True)
    response.headers["X-Auth-Token"] = "token-secret-456"
    response.headers["X-Custom"] = "kept"
    return response


@app.post("/upload")
@app.put("/upload")
async def upload(request: Request):
    # Reads the body as it arrives: what came, how, and its digest.
    digest = hashlib.sha256()
    size = 0
    async for part in request.stream():
        digest.update(part)
        size += len(part)
    return {"bytes": size, "sha256": digest.hexdigest(),
            "chunked": "chunked" in request.headers.get("transfer-encoding", ""),
            "contentLength": request.headers.get("content-length")}


@app.get("/status/{code}")
async def status(code: int):
    return Response(content="status %d" % code, status_code=code, media_type="text/plain")


def main():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    print(sock.getsockname()[1], flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    sys.exit(main())
