"""The shared field cases: story banks as candidates keep them, in ../shared/field-cases/ beside the project.

CI lays shared/ beside the clone; FIELD_CASES_DIR points elsewhere.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

FIELD_CASES = Path(os.environ.get("FIELD_CASES_DIR") or Path(settings.BASE_DIR).parent / "shared" / "field-cases")


def field_case(name):
    """The text of field case `name`; the test fails, saying where to put it, when it is missing."""
    path = FIELD_CASES / name
    if not path.exists():
        pytest.fail(f"{path} is missing: the field cases live in ../shared/field-cases/ (or set FIELD_CASES_DIR)")
    return path.read_text(encoding="utf-8")


def markdown_part_samples():
    """The part texts of 14-markdown-part-samples.md, in order (each block follows an HTML comment)."""
    samples = field_case("14-markdown-part-samples.md")
    return [block.strip() for block in re.split(r"<!--.*?-->", samples, flags=re.S) if block.strip()]
