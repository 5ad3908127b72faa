"""The accounts app's Spanish and French catalogues: no fuzzy entry (Django
skips them, so a string would silently stay in English) and every
translation keeps its placeholders (msgfmt --check-format)."""

import shutil
import subprocess
from pathlib import Path

import pytest

CATALOGUES = sorted(
    (Path(__file__).resolve().parents[2] / "accounts" / "locale").glob("*/LC_MESSAGES/django.po")
)


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-3])
def test_no_fuzzy_entries(catalogue):
    assert "#, fuzzy" not in catalogue.read_text(encoding="utf-8")


MSGFMT = shutil.which("msgfmt")


@pytest.mark.skipif(MSGFMT is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-3])
def test_translations_keep_their_placeholders(catalogue):
    command = [MSGFMT, "--check-format", "-o", "/dev/null", str(catalogue)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - our own files
    assert result.returncode == 0, result.stderr
