"""Read the access logs of the app servers after a load run: which server served what, per user.

    python bench/per_server.py a=access-a.log b=access-b.log

Each line of a log (gunicorn's --access-logformat in bench/run_load.sh) is
    <client> <request number> <method> <path> <status>
where client and number are the X-Load-Client and X-Load-Seq headers bench/proxy.py passes on.
Only the servers' own logs are read, so the counts do not take the proxy's word for anything.
"""

import itertools
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass

LOGIN = "/accounts/login/"
UPLOAD = re.compile(r"^/phan-viec/\d+/$")
DOWNLOAD = re.compile(r"^/bao-cao/\d+/minh-chung/$")


@dataclass(frozen=True)
class Entry:
    server: str
    client: str
    number: int
    method: str
    path: str
    status: int


def read_log(server, lines):
    for line in lines:
        parts = line.split()
        if len(parts) < 5 or parts[0] == "-" or not parts[1].isdigit():
            continue  # not a request of the load test (e.g. the script's readiness check)
        yield Entry(server, parts[0], int(parts[1]), parts[2], parts[3], int(parts[4]))


def summarise(entries):
    """The figures of a run, from every server's entries."""
    per_server = Counter(entry.server for entry in entries)
    errors = Counter(entry.server for entry in entries if entry.status >= 400)
    posts = Counter(entry.server for entry in entries if entry.method == "POST")
    by_client = defaultdict(list)
    for entry in entries:
        by_client[entry.client].append(entry)
    servers = sorted(per_server)
    per_user = {server: [] for server in servers}
    both = alternated = pairs = 0
    sign_ins = sessions_elsewhere = uploads = downloads_elsewhere = 0
    for requests in by_client.values():
        requests.sort(key=lambda entry: entry.number)
        counts = Counter(entry.server for entry in requests)
        for server in servers:
            per_user[server].append(counts[server])
        both += len(counts) == len(servers)
        for before, after in itertools.pairwise(requests):
            pairs += 1
            alternated += before.server != after.server
            if before.method == "POST" and before.path == LOGIN and before.status == 302:
                sign_ins += 1
                # The session was made on `before.server`; the next page is signed in elsewhere.
                sessions_elsewhere += after.server != before.server and after.status == 200
        for index, entry in enumerate(requests):
            if entry.method == "POST" and UPLOAD.match(entry.path) and entry.status == 302:
                uploads += 1
                following = []
                for later in requests[index + 1 :]:
                    if later.method == "POST":
                        break
                    following.append(later)
                downloads_elsewhere += any(
                    DOWNLOAD.match(later.path)
                    and later.server != entry.server
                    and later.status == 200
                    for later in following
                )
    return {
        "servers": {
            server: (per_server[server], posts[server], errors[server]) for server in servers
        },
        "users": len(by_client),
        "per_user": {server: (min(n), max(n)) for server, n in per_user.items() if n},
        "users_on_every_server": both,
        "alternated": (alternated, pairs),
        "sign_ins": (sign_ins, sessions_elsewhere),
        "uploads": (uploads, downloads_elsewhere),
    }


def report(figures):
    servers = ", ".join(
        f"{server}: {count} requests ({posted} form posts, {failed} errors)"
        for server, (count, posted, failed) in figures["servers"].items()
    )
    per_user = ", ".join(
        f"on {server} {low}-{high}" for server, (low, high) in figures["per_user"].items()
    )
    alternated, pairs = figures["alternated"]
    sign_ins, elsewhere = figures["sign_ins"]
    uploads, downloaded = figures["uploads"]
    return "\n".join(
        [
            f"PER SERVER {servers}",
            f"PER USER {figures['users']} users, requests per user {per_user}; "
            f"users served by every server: {figures['users_on_every_server']}",
            f"ALTERNATION {alternated} of {pairs} consecutive requests of a user "
            "went to another server",
            f"SESSIONS {sign_ins} sign-ins; the next page, on another server, "
            f"signed in (200): {elsewhere}",
            f"UPLOADS {uploads} uploads; downloaded through another server (200): {downloaded}",
        ]
    )


def main(arguments):
    entries = []
    for argument in arguments:
        server, _, path = argument.partition("=")
        with open(path, encoding="utf-8") as log:
            entries.extend(read_log(server, log))
    print(report(summarise(entries)))


if __name__ == "__main__":
    main(sys.argv[1:])
