"""Zip containers (XLSX, DOCX, ODT...) looked at before anything inflates them.

A zip states each member's sizes, and those statements can lie in both directions: a 1 MB
ODT whose `mimetype` inflates to 1 GiB, a 2 KB XLSX whose central directory lists a million
members. So the checks here come in two steps: the declared sizes first (cheap, refuses the
honest bombs), then, where a reader will inflate a member, the real inflated bytes counted
as they come (`inflate`), which stops at the cap whatever the header said.
"""

import struct
import zipfile
import zlib

# The central directory is read whole by zipfile (one object of some 500 bytes per member):
# 1 MB of it is ~20,000 members, far more than any office document has.
MAX_DIRECTORY_BYTES = 1024 * 1024
# Deflate's best is ~1030:1; office XML compresses 5-50:1 and images not at all. A member
# above this ratio (and above SMALL, where ratios mean nothing) is a bomb, not a document.
MAX_RATIO = 200
SMALL = 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The zip is damaged, or states or holds more than a document may; `reason` says which:
    "damaged" or "too_large"."""

    def __init__(self, reason):
        self.reason = reason
        super().__init__(reason)


def open_zip(file, *, max_total):
    """A ZipFile on `file` (bytes-like object or seekable file) after checking what it declares:
    a central directory of at most MAX_DIRECTORY_BYTES, members that inflate to at most
    `max_total` bytes together, none at a ratio above MAX_RATIO. Raises ArchiveError."""
    try:
        file.seek(0)
        # zipfile's own reader of the end record: what ZipFile is about to trust.
        end = zipfile._EndRecData(file)
        if end is None:
            raise ArchiveError("damaged")
        if end[zipfile._ECD_SIZE] > MAX_DIRECTORY_BYTES:
            raise ArchiveError("too_large")
        _one_directory(file, end)
        file.seek(0)
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error) as error:
        raise ArchiveError("damaged") from error
    except NotImplementedError as error:
        # A member that says it needs a newer zip than zipfile reads ("zip file version 6.4"):
        # no office program writes one, so it is damaged as far as an import is concerned.
        raise ArchiveError("damaged") from error
    infos = archive.infolist()
    if any(not info.filename for info in infos):
        # A member with no name: no office program writes one, and zipfile's own is_dir()
        # fails on it.
        archive.close()
        raise ArchiveError("damaged")
    if sum(info.file_size for info in infos) > max_total:
        archive.close()
        raise ArchiveError("too_large")
    for info in infos:
        if info.file_size > SMALL and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            archive.close()
            raise ArchiveError("too_large")
    return archive


def _one_directory(file, end):
    """Refuse a zip that other readers could see differently from zipfile: bytes before its
    first member (zipfile shifts every offset by them, others may not), or a second end
    record after the central directory (readers differ on which one they take)."""
    size, offset = end[zipfile._ECD_SIZE], end[zipfile._ECD_OFFSET]
    location = end[zipfile._ECD_LOCATION]
    if end[zipfile._ECD_SIGNATURE] == zipfile.stringEndArchive64:
        location -= zipfile.sizeEndCentDir64 + zipfile.sizeEndCentDir64Locator
    if location != offset + size:
        raise ArchiveError("damaged")
    file.seek(offset)
    tail = file.read(MAX_DIRECTORY_BYTES + 128 * 1024)
    if tail.count(zipfile.stringEndArchive) != 1 or tail.count(zipfile.stringEndArchive64) > 1:
        raise ArchiveError("damaged")


def inflate(data, info, limit):
    """The real inflated bytes of member `info` of the zip `data` (bytes), in chunks of at most
    1 MB; ArchiveError("too_large") as soon as they pass `limit`, whatever the header declared.

    Inflated here from the raw stream, not through zipfile, which stops at the declared size
    (a reader that trusts the stream, as calamine's does, would go on).
    """
    view = memoryview(data)
    offset = info.header_offset
    try:
        magic, name_length, extra_length = _LOCAL_HEADER.unpack_from(view, offset)
    except struct.error as error:
        raise ArchiveError("damaged") from error
    if magic != b"PK\x03\x04" or info.flag_bits & 0x1:  # no header, or encrypted
        raise ArchiveError("damaged")
    start = offset + _LOCAL_HEADER.size + name_length + extra_length
    raw = view[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        if len(raw) > limit:
            raise ArchiveError("too_large")
        for begin in range(0, len(raw), _CHUNK):
            yield bytes(raw[begin : begin + _CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise ArchiveError("damaged")  # neither Excel nor LibreOffice writes another method
    inflater = zlib.decompressobj(-15)
    total = 0
    try:
        for begin in range(0, len(raw), 64 * 1024):
            pending = bytes(raw[begin : begin + 64 * 1024])
            while pending:
                chunk = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                total += len(chunk)
                if total > limit:
                    raise ArchiveError("too_large")
                if chunk:
                    yield chunk
            if inflater.eof:
                break
        chunk = inflater.flush()
    except zlib.error as error:
        raise ArchiveError("damaged") from error
    total += len(chunk)
    if total > limit:
        raise ArchiveError("too_large")
    if chunk:
        yield chunk
