"""Zip bombs through the upload check every document goes through (evidence, submissions,
dossier documents): refused, and the check stays under 300 MB above the idle process."""

from tests import hostile_files as hostile

PEAK_MB = 300


def test_an_odt_whose_mimetype_inflates_to_a_gibibyte_is_refused_in_little_memory():
    data = hostile.bomb_odt(gigabytes=1)
    assert len(data) < 1.1 * 1024 * 1024
    message, rise = hostile.run_reader(data, reader="document", name="ke-hoach.odt")
    assert "giải nén lớn bất thường" in message
    assert rise < PEAK_MB, f"{rise:.0f} MB above idle"


def test_a_bomb_whose_headers_lie_about_its_size_is_read_no_further_than_its_type():
    # The headers say 60 bytes: the declared-size check passes it, the type check reads
    # 100 bytes of it and finds no ODF type.
    data = hostile.bomb_odt(gigabytes=1, declared=60)
    message, rise = hostile.run_reader(data, reader="document", name="ke-hoach.odt")
    assert "không phải là tệp ODT thật" in message
    assert rise < PEAK_MB, f"{rise:.0f} MB above idle"
