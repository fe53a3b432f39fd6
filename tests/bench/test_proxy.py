"""The pieces of the several-servers load test (bench/run_load.sh SERVERS=2) that run quickly:
the proxy alternates each user's requests between the servers and passes requests through
whole, and the access-log report counts what the servers' logs say."""

import asyncio

from bench.per_server import read_log, report, summarise
from bench.proxy import Router, serve


def test_router_alternates_each_clients_requests_and_spreads_the_rest():
    router = Router(["a", "b"])
    assert [router.pick()[0] for _ in range(3)] == ["a", "b", "a"]
    first = [router.pick("u1") for _ in range(4)]
    second = [router.pick("u2") for _ in range(3)]
    assert first == [("b", 1), ("a", 2), ("b", 3), ("a", 4)]
    assert second == [("a", 1), ("b", 2), ("a", 3)]


async def _app_server(name):
    """A stand-in app server: answers with its name, the request number and the body it got."""

    async def handle(reader, writer):
        head = await reader.readuntil(b"\r\n\r\n")
        fields = dict(
            line.lower().split(b": ", 1) for line in head[:-4].split(b"\r\n")[1:] if b": " in line
        )
        body = await reader.readexactly(int(fields.get(b"content-length", b"0")))
        answer = b"%s seq=%s body=%s" % (name, fields.get(b"x-load-seq", b"-"), body)
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s"
            % (len(answer), answer)
        )
        await writer.drain()
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


async def _request(port, client=None, body=b""):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    named = b"X-Load-Client: %s\r\n" % client if client else b""
    writer.write(
        b"POST /phan-viec/1/ HTTP/1.1\r\nHost: x\r\n%sContent-Length: %d\r\n\r\n%s"
        % (named, len(body), body)
    )
    await writer.drain()
    answer = await reader.read()
    writer.close()
    head, _, content = answer.partition(b"\r\n\r\n")
    status, *lines = head.split(b"\r\n")
    headers = dict(line.split(b": ", 1) for line in lines)
    return status, headers, content


def _port(server):
    return server.sockets[0].getsockname()[1]


def test_proxy_sends_one_users_requests_to_the_servers_in_turn():
    async def scenario():
        a, b = await _app_server(b"a"), await _app_server(b"b")
        proxy = await serve(0, [("127.0.0.1", _port(a)), ("127.0.0.1", _port(b))])
        port = _port(proxy)
        seen = []
        for number in range(4):
            for client in (b"u1", b"u2"):
                body = b"%s-%d" % (client, number) * 1000  # bigger than one read
                status, headers, content = await _request(port, client, body)
                assert status == b"HTTP/1.1 200 OK"
                assert content.endswith(b" body=" + body)
                seen.append((client, content.split(b" ")[:2], headers[b"X-Served-By"]))
        status, _headers, _content = await _request(port)  # no client named: next in turn
        assert status == b"HTTP/1.1 200 OK"
        for server in (a, b):
            server.close()
        status, _headers, _content = await _request(port, b"u1")
        proxy.close()
        return seen, status

    seen, status_with_servers_down = asyncio.run(scenario())
    u1 = [(name_and_seq, served) for client, name_and_seq, served in seen if client == b"u1"]
    names = [name for (name, _seq), _served in u1]
    assert names in ([b"a", b"b", b"a", b"b"], [b"b", b"a", b"b", b"a"])
    # Each server was told the user's request number; the user was told which server answered.
    assert [seq for (_name, seq), _served in u1] == [b"seq=1", b"seq=2", b"seq=3", b"seq=4"]
    assert len({served for _name_and_seq, served in u1}) == 2
    assert status_with_servers_down == b"HTTP/1.1 502 Bad Gateway"


def test_access_log_report_counts_what_each_server_served():
    a_log = [
        "u1 1 GET /accounts/login/ 200",
        "u1 3 GET / 200",  # the session made on b is signed in on a
        "u1 5 GET /bao-cao/7/minh-chung/ 200",
        "u2 2 POST /accounts/login/ 302",
        "u2 4 POST /phan-viec/3/ 302",
        "u2 6 GET /bao-cao/8/minh-chung/ 200",  # same server as the upload: not counted
        "- - GET /accounts/login/ 200",  # the script's readiness check
    ]
    b_log = [
        "u1 2 POST /accounts/login/ 302",
        "u1 4 POST /phan-viec/3/ 302",
        "u2 1 GET /accounts/login/ 200",
        "u2 3 GET / 500",
        "u2 5 GET /phan-viec/3/ 200",
    ]
    entries = [*read_log("a", a_log), *read_log("b", b_log)]
    figures = summarise(entries)
    assert figures["servers"] == {"a": (6, 2, 0), "b": (5, 2, 1)}
    assert figures["per_user"] == {"a": (3, 3), "b": (2, 3)}
    assert figures["users_on_every_server"] == 2
    assert figures["alternated"] == (9, 9)
    assert figures["sign_ins"] == (2, 1)
    assert figures["uploads"] == (2, 1)
    assert "UPLOADS 2 uploads; downloaded through another server (200): 1" in report(figures)
