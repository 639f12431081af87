"""The shared field cases (../shared/field-cases/, or FIELD_CASES_DIR): story banks as candidates keep them."""

import os
from pathlib import Path

import pytest
from django.conf import settings

FIELD_CASES = Path(os.environ.get("FIELD_CASES_DIR") or Path(settings.BASE_DIR).parent / "shared" / "field-cases")


def field_case_bytes(name):
    path = FIELD_CASES / name
    if not path.exists():
        pytest.fail(f"{path} is missing: the field cases live in ../shared/field-cases/ (or set FIELD_CASES_DIR)")
    return path.read_bytes()
