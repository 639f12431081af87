"""What an uploaded file is, from its content rather than its name.

`recognise(raw)` returns one of "json", "csv", "markdown", "xlsx", "anki", "zip", "pdf", "image",
"binary". `refusal(kind, raw)` is the message for a kind the import does not read (an Anki deck, a
PDF, an image, binary data: naming what was recognised and what can be imported), or None. Reads at
most a zip's directory, never its content (tables.py reads it, within limits).
"""

import io
import re
import zipfile

READABLE = ("a spreadsheet (.csv or .xlsx), Markdown notes, a Notion export (.zip), "
            "or a JSON file (this product's export or another tool's)")
IMAGES = {
    b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF",
    b"II*\x00": "TIFF", b"MM\x00*": "TIFF", b"BM": "BMP",
}
MARKDOWN_LINE = re.compile(r"(?m)^(#{1,6}[ \t]+\S|\*\*[^*\n]{1,60}:\*\*|[-*][ \t]+\S)")


def zip_names(raw):
    """The names in a zip archive's directory, or None when it is not a readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return None


def image_kind(raw):
    for magic, name in IMAGES.items():
        if raw.startswith(magic):
            return name
    if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
        return "WebP"
    if raw[4:8] == b"ftyp" and raw[8:12] in (b"heic", b"heix", b"mif1", b"avif"):
        return "HEIC/AVIF"
    return None


def recognise(raw):
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        names = zip_names(raw) or []
        if any(name in ("collection.anki2", "collection.anki21", "collection.anki21b") for name in names):
            return "anki"
        if "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names):
            return "xlsx"
        return "zip"
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if image_kind(raw):
        return "image"
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "json"
    if b"\x00" in raw[:4096] and raw.count(b"\x00") > len(raw) // 10:
        return "binary"
    text = head.decode("utf-8", "replace")
    first = re.sub(r"^(\s*<!--.*?-->)+\s*", "", text, flags=re.DOTALL).split("\n", 1)[0]
    if MARKDOWN_LINE.search(text) and (first.startswith(("#", "**")) or not re.search(r"[,;\t]", first)):
        return "markdown"
    return "csv"


def refusal(kind, raw):
    """The message for a file the import does not read, or None for one it does."""
    if kind == "anki":
        return ("This is an Anki deck (.apkg). Anki decks are exported from Practice for drilling, but they "
                f"cannot be imported: import {READABLE} instead.")
    if kind == "pdf":
        return ("This is a PDF document. Stories cannot be read back from a PDF; import "
                f"{READABLE}, or paste each story into the editor.")
    if kind == "image":
        return (f"This is an image ({image_kind(raw)}). Stories cannot be read from a picture; import "
                f"{READABLE}, or type the story into the editor.")
    if kind == "binary":
        return f"This file is not text (it holds binary data). Import {READABLE}."
    return None
