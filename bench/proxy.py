"""One address in front of several app servers, for the load test (bench/run_load.sh SERVERS=2).

    python bench/proxy.py 8765 127.0.0.1:8766 127.0.0.1:8767

Round robin, per request: a request goes to the server after the one its client's previous
request went to, so each simulated user's requests alternate between the servers (the worst
case for an app that keeps anything in one server's memory or on its disk; a real balancer
would spread them less evenly). The client is named by the X-Load-Client header the load test
sets; a request without it goes to the next server in turn. The proxy tells the server the
client's request number (X-Load-Seq, written in each server's access log, so the logs alone
show which server served each step) and tells the client which server answered (X-Served-By).

One request per connection (gunicorn's sync workers close each connection after the answer
anyway); request bodies by Content-Length only, which is what browsers and locust send.
"""

import asyncio
import sys

DROPPED = (b"connection:", b"keep-alive:", b"proxy-connection:", b"x-load-seq:")


class Router:
    """Which server takes the next request, and the client's request number."""

    def __init__(self, servers):
        self.servers = list(servers)
        self._next = 0
        self._clients = {}  # client -> (index of the server of its last request, requests)

    def pick(self, client=None):
        if client in self._clients:
            last, count = self._clients[client]
            index = (last + 1) % len(self.servers)
        else:
            index, count = self._next, 0
            self._next = (index + 1) % len(self.servers)
        if client is None:
            return self.servers[index], None
        self._clients[client] = (index, count + 1)
        return self.servers[index], count + 1


async def _forward(router, reader, writer):
    head = await reader.readuntil(b"\r\n\r\n")
    request_line, *lines = head[:-4].split(b"\r\n")
    fields = {}
    for line in lines:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(fields.get(b"content-length", b"0")))
    client = fields.get(b"x-load-client")
    (host, port), number = router.pick(client.decode() if client else None)
    kept = [line for line in lines if not line.lower().startswith(DROPPED)]
    kept.append(b"Connection: close")
    if number is not None:
        kept.append(b"X-Load-Seq: %d" % number)
    try:
        server_reader, server_writer = await asyncio.open_connection(host, port)
    except OSError:
        writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        return
    try:
        server_writer.write(b"\r\n".join([request_line, *kept]) + b"\r\n\r\n" + body)
        await server_writer.drain()
        writer.write(await server_reader.readline())  # the status line, then who answered
        writer.write(b"X-Served-By: %s:%d\r\n" % (host.encode(), port))
        while chunk := await server_reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    finally:
        server_writer.close()


async def serve(port, servers, host="127.0.0.1"):
    router = Router(servers)

    async def handle(reader, writer):
        try:
            await _forward(router, reader, writer)
            await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass  # the client went away, or sent something that is not HTTP
        finally:
            writer.close()

    return await asyncio.start_server(handle, host, port, limit=1 << 20)


def parse_server(text):
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


async def main(port, servers):
    server = await serve(port, servers)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), [parse_server(arg) for arg in sys.argv[2:]]))
