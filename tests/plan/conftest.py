import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from units.models import Unit


@pytest.fixture
def pdf_file():
    def make(name="bao-cao.pdf"):
        return SimpleUploadedFile(name, b"%PDF-1.4\n%test\n", "application/pdf")

    return make


@pytest.fixture
def add_units(db):
    """Create n more participating units (with parts in "Các đơn vị" tasks when synced)."""

    def make(n):
        Unit.objects.bulk_create(
            Unit(code=f"extra-{i}", name=f"Đơn vị thêm {i}", kind="department") for i in range(n)
        )

    return make
