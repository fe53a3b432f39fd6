"""How the names people write are matched to units."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Spacing normalise_text would change: a run of spaces, or any space but the plain one.
_ODD_SPACES = re.compile(r"\s\s|[^\S ]")


def normalise_text(text):
    """NFC, with stray spaces (non-breaking ones too) trimmed: what we store for any typed text."""
    if (
        # Text already so (most of a file) is returned as it is: imports call this per cell.
        not _ODD_SPACES.search(text)
        and text == text.strip()
        and unicodedata.is_normalized("NFC", text)
    ):
        return text
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def name_key(name):
    """The key two spellings share when they mean the same name.

    Documents differ in case, spacing and the punctuation a list item ends with
    ("- Ban TĐKT, Sở Nội vụ." and "Ban TĐKT, Sở Nội vụ;"), never in words.
    """
    return normalise_text(name).rstrip(" .;,").casefold()


def normalise_text_block(text):
    """NFC, each line trimmed, blank lines at the ends dropped: for notes and reasons."""
    lines = [line.strip() for line in unicodedata.normalize("NFC", text or "").splitlines()]
    return "\n".join(lines).strip()


def search_key(text):
    """Lower case, no accents, đ as d, single spaces: "Nguyễn Văn A", "nguyen van a" and
    "NGUYEN  VAN A" share "nguyen van a".

    Neither database folds Vietnamese accents the same way (SQLite has no unaccent at all), so
    each searchable name is stored beside its key and both the key and the query go through
    this function.
    """
    decomposed = unicodedata.normalize("NFD", normalise_text(text or ""))
    # Control characters (what is left of them once spacing is normalised) are no part of a
    # name, and a NUL in a query is refused by PostgreSQL: a typed or pasted one is dropped.
    bare = "".join(
        char
        for char in decomposed
        if not unicodedata.combining(char) and unicodedata.category(char) != "Cc"
    )
    return bare.replace("đ", "d").replace("Đ", "D").casefold()


# --- Vietnamese alphabetical order -------------------------------------------------------------
#
# Neither database sorts Vietnamese by its alphabet out of the box: SQLite compares code points
# ("Hội Nông dân" before "Hội đồng", every "Đ…" and "Ủy…" after "Z"), PostgreSQL follows
# whatever collation the database was created with. So a name's place is stored beside it as a
# string of digits, which every collation of either database orders the same way (digits only,
# nothing a locale would skip): first the letters of the Vietnamese alphabet, two digits each
# (a ă â b c d đ e ê … ơ … ư …, the foreign f j w z where Latin has them), then after "00"
# one digit per letter for its tone (none, huyền, hỏi, ngã, sắc, nặng), as dictionaries do.

_ALPHABET = [" ", *"0123456789", *"aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"]
_LETTER_CODES = {char: f"{index + 10:02d}" for index, char in enumerate(_ALPHABET)}
_OTHER_CODE = "99"  # a letter of another script: after every Vietnamese one
# A letter with a mark that makes it a letter of its own; the tones' marks, in dictionary order.
_MARKED_LETTERS = {
    **{("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê"},
    **{("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"},
}
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_SKIPPED = re.compile(r"[^\w\s]|_")


def _letters(text):
    """(base letter, tone digit) for each letter of `text`, in lower case."""
    for char in text.casefold():
        base, *marks = unicodedata.normalize("NFD", char)
        tone = "0"
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            else:
                base = _MARKED_LETTERS.get((base, mark), base)
        yield base, tone


def sort_key(text):
    """The place of `text` in Vietnamese alphabetical order, as digits to store and order by:
    "Hội đồng …" < "Hội Nông dân tỉnh" < "Sở Y tế" < "Ủy ban nhân dân tỉnh"."""
    words = _SPACES.sub(" ", _SKIPPED.sub(" ", normalise_text(text or ""))).strip()
    letters = list(_letters(words))
    primary = "".join(_LETTER_CODES.get(base, _OTHER_CODE) for base, _tone in letters)
    return primary + "00" + "".join(tone for _base, tone in letters)


# --- Finding a unit by what people type ----------------------------------------------------------

# The abbreviations the plan and the offices write for the words of units' names (their search
# keys, punctuation as spaces): "UBND tỉnh", "Sở GD&ĐT", "HĐ TĐKT tỉnh", "Sở NN & PTNT".
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "hdtdkt": "hoi dong thi dua khen thuong",
    "tdkt": "thi dua khen thuong",
    "khsk": "khoa hoc sang kien",
    "hd": "hoi dong",
    "vp": "van phong",
    "tp": "thanh pho",
    "tw": "trung uong",
    "nn ptnt": "nong nghiep va phat trien nong thon",
    "gd dt": "giao duc va dao tao",
    "kh dt": "ke hoach va dau tu",
    "kh cn": "khoa hoc va cong nghe",
    "tn mt": "tai nguyen va moi truong",
    "tt tt": "thong tin va truyen thong",
    "ld tb xh": "lao dong thuong binh va xa hoi",
    "vh tt dl": "van hoa the thao va du lich",
    "gtvt": "giao thong van tai",
    "lhpn": "lien hiep phu nu",
    "ldld": "lien doan lao dong",
    "ccb": "cuu chien binh",
    "bhxh": "bao hiem xa hoi",
    "kbnn": "kho bac nha nuoc",
    "bchqs": "bo chi huy quan su",
}
_ABBREVIATION = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(short) for short in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?!\w)"
)


def words_key(text):
    """search_key with punctuation as spaces: "Sở GD&ĐT" and "so gd-dt" share "so gd dt"."""
    return _SPACES.sub(" ", _SKIPPED.sub(" ", search_key(text))).strip()


def query_keys(text):
    """The keys a typed name is looked for by: as typed, and with its abbreviations spelled
    out ("UBND Cao Lộc" is also "uy ban nhan dan cao loc"). Empty when nothing was typed."""
    key = words_key(text)
    if not key:
        return []
    spelled = _ABBREVIATION.sub(lambda match: ABBREVIATIONS[match.group(1)], key)
    return [key] if spelled == key else [key, spelled]
