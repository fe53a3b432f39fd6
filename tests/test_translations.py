"""The English catalogue is complete and its compiled file matches it."""

import gettext
import re

from django.conf import settings
from django.utils import translation

CATALOGUE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"


def _unquote(block):
    return "".join(
        bytes(part, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        for part in re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    )


def po_entries():
    """{msgid: [msgstr, ...]} of the active (not obsolete, not fuzzy) entries."""
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    entries = {}
    for chunk in text.split("\n\n"):
        if chunk.startswith("#~") or "#, fuzzy" in chunk or "\nmsgid " not in "\n" + chunk:
            continue
        msgid = _unquote(re.search(r"^msgid (.*?)(?=^msg)", chunk, re.S | re.M).group(1))
        strs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', chunk + "\n", re.M)
        entries[msgid] = [_unquote(s) for s in strs]
    entries.pop("", None)
    return entries


def test_every_string_has_an_english_translation():
    missing = [msgid for msgid, strs in po_entries().items() if not all(strs)]
    assert missing == []


def test_compiled_catalogue_is_up_to_date():
    with open(CATALOGUE / "django.mo", "rb") as file:
        compiled = gettext.GNUTranslations(file)
    singular = {k for k in compiled._catalog if isinstance(k, str) and k}
    plural = {k[0] for k in compiled._catalog if isinstance(k, tuple)}
    assert set(po_entries()) == singular | plural


# Vietnamese letters that English text never contains: any heading, column title, button
# or menu entry carrying one was left untranslated.
VIETNAMESE = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I
)
LABELS = re.compile(
    r'<(?:h1|h2|th scope="col"|a class="(?:btn|nav-link)[^"]*")[^>]*>(.*?)</(?:h1|h2|th|a)>', re.S
)


def _english_labels(client, url):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # LocaleMiddleware leaves the request's language active in this thread: restore the
    # one before, or the tests that run after this one would read English messages.
    with translation.override(translation.get_language()):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return [
        re.sub(r"<[^>]+>|\s+", " ", m.group(1)).strip()
        for m in LABELS.finditer(response.content.decode())
    ]


def test_the_emulation_pages_speak_english(client, staff):
    client.force_login(staff)
    groupings = _english_labels(client, "/thi-dua/2013/")
    section_two = _english_labels(client, "/thi-dua/2013/muc-ii/")
    assert "Clusters and blocks for 2013" in groupings
    assert {"Section II targets", "Inspections", "Exemplars", "Emulation"} <= set(groupings)
    assert "Section II targets for 2013" in section_two
    untranslated = [label for label in groupings + section_two if VIETNAMESE.search(label)]
    assert untranslated == []
