"""Word (.docx) ingestion: paragraphs and tables in body order, merged cells as a markdown pipe table prints them."""
from __future__ import annotations

import re
import zipfile

from auditor.errors import InputError
from auditor.ingest.files import checked_head
from auditor.model import RawDocument, RawTable, Source, TextBlock

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
MAX_UNPACKED_MB = 512  # a .docx that unpacks to more than this is refused as a zip bomb
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: an encrypted .docx or an old .doc
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_CAPTION_LABEL = re.compile(r"^\s*tabel\b", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def _tag(name: str) -> str:
    return f"{{{W}}}{name}"


def read_docx(path: str) -> RawDocument:
    check_docx(path)
    from docx import Document  # lazy: only .docx input needs python-docx

    try:
        body = Document(path).element.body
    except Exception:  # python-docx raises KeyError, ValueError, lxml errors... for a damaged package
        raise InputError(path, "berkas .docx rusak atau bukan dokumen Word; buka di Word dan simpan ulang sebagai .docx.",
                         "damaged .docx or not a Word document; open it in Word and save it again as .docx.") from None
    items: list[TextBlock | RawTable] = []
    _read_blocks(body, items)
    return RawDocument(path=path, kind="docx", items=_captions_first(items))


def check_docx(path: str) -> None:
    """One clear line for what is not a readable .docx: empty, encrypted, an old .doc, not a zip, a zip bomb."""
    head = checked_head(path)
    if head.startswith(_CFB_MAGIC):
        with open(path, "rb") as handle:
            encrypted = _ENCRYPTED in handle.read(4 << 20)
        if encrypted:
            raise InputError(path, "dokumen Word ini dilindungi kata sandi; simpan ulang tanpa kata sandi "
                                   "(File > Info > Protect Document) atau kirim PDF-nya.",
                             "this Word document is password-protected; save it again without a password "
                             "(File > Info > Protect Document) or send its PDF.")
        raise InputError(path, "format Word 97-2003 (.doc) tidak didukung; simpan ulang sebagai .docx atau PDF.",
                         "the Word 97-2003 format (.doc) is not supported; save it again as .docx or PDF.")
    if not zipfile.is_zipfile(path):
        raise InputError(path, "bukan dokumen Word (.docx) yang utuh; berkas rusak atau berformat lain.",
                         "not an intact Word document (.docx); the file is damaged or of another format.")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise InputError(path, "bukan dokumen Word (.docx) yang utuh; berkas rusak atau berformat lain.",
                         "not an intact Word document (.docx); the file is damaged or of another format.") from None
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise InputError(path, "berkas zip ini bukan dokumen Word (.docx); berikan .docx, PDF atau markdown.",
                         "this zip file is not a Word document (.docx); give a .docx, PDF or markdown file.")
    if unpacked > MAX_UNPACKED_MB << 20:
        raise InputError(path, f"isi .docx melebihi {MAX_UNPACKED_MB} MB setelah dibuka; berkas ditolak.",
                         f"the .docx unpacks to more than {MAX_UNPACKED_MB} MB; the file is refused.")


def _read_blocks(parent, items: list[TextBlock | RawTable]) -> None:
    for child in parent.iterchildren():
        if child.tag == _tag("p"):
            text = paragraph_text(child)
            if text:
                items.append(TextBlock(_kind(child), text, Source()))
        elif child.tag == _tag("tbl"):
            rows = table_rows(child)
            if any(cell for row in rows for cell in row):  # a layout grid left empty holds nothing to read
                items.append(RawTable(rows=rows, sources=[Source() for _ in rows]))
        elif child.tag in (_tag("sdt"), _tag("sdtContent"), _tag("customXml")):
            _read_blocks(child.find("w:sdtContent", NS) if child.tag == _tag("sdt") else child, items)


def paragraph_text(paragraph) -> str:
    """The visible text of a paragraph: runs, tabs and breaks as spaces; deleted and text-box text left out."""
    parts = []
    for node in paragraph.iter(_tag("t"), _tag("tab"), _tag("br"), _tag("cr"), _tag("noBreakHyphen")):
        if any(a.tag in (_tag("txbxContent"), _tag("del")) for a in node.iterancestors()):
            continue
        if node.tag == _tag("t"):
            parts.append(node.text or "")
        elif node.tag == _tag("noBreakHyphen"):
            parts.append("-")
        else:
            parts.append(" ")
    return _SPACE.sub(" ", "".join(parts)).strip()


def _kind(paragraph) -> str:
    style = paragraph.find("w:pPr/w:pStyle", NS)
    name = (style.get(_tag("val")) if style is not None else "") or ""
    lowered = name.lower().replace(" ", "")
    if lowered.startswith(("heading", "judul", "title")) or paragraph.find("w:pPr/w:outlineLvl", NS) is not None:
        return "heading"
    if lowered.startswith("list") or paragraph.find("w:pPr/w:numPr", NS) is not None:
        return "list_item"
    return "caption" if lowered == "caption" else "paragraph"


def table_rows(table) -> list[list[str]]:
    """Every row on the table's grid: a cell spanning columns (gridSpan) or rows (vMerge) keeps its text
    in its first grid cell and the cells it covers hold ""."""
    rows: list[list[str]] = []
    for tr in table.findall("w:tr", NS):
        row: list[str] = [""] * _grid_skip(tr, "gridBefore")
        for tc in tr.findall("w:tc", NS) + [tc for sdt in tr.findall("w:sdt", NS)
                                             for tc in sdt.findall("w:sdtContent/w:tc", NS)]:
            span = tc.find("w:tcPr/w:gridSpan", NS)
            width = int(span.get(_tag("val"), "1")) if span is not None else 1
            merge = tc.find("w:tcPr/w:vMerge", NS)
            covered = merge is not None and merge.get(_tag("val"), "continue") == "continue"
            text = "" if covered else _cell_text(tc)
            row += [text] + [""] * (max(width, 1) - 1)
        row += [""] * _grid_skip(tr, "gridAfter")
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _grid_skip(tr, name: str) -> int:
    node = tr.find(f"w:trPr/w:{name}", NS)
    return int(node.get(_tag("val"), "0")) if node is not None else 0


def _cell_text(tc) -> str:
    """A cell's paragraphs joined by a space, as the PDF and markdown readers join a cell's lines."""
    texts = [paragraph_text(p) for p in tc.iter(_tag("p"))]
    return _SPACE.sub(" ", " ".join(t for t in texts if t)).strip()


def _captions_first(items: list[TextBlock | RawTable]) -> list[TextBlock | RawTable]:
    """A caption printed under its table ("Tabel 3.1 …" or Word's Caption style) moves above it, where the
    structure stage looks for a table's title; a table that already has a "Tabel …" line above keeps
    what follows it as text."""
    result: list[TextBlock | RawTable] = []
    for position, item in enumerate(items):
        before = result[-1] if result else None
        follows_table = isinstance(before, RawTable)
        if isinstance(item, TextBlock) and item.kind == "caption":
            item = TextBlock("paragraph", item.text, item.source)
            if follows_table and not _labelled(result[:-1]):
                result.insert(len(result) - 1, item)
                continue
        elif (isinstance(item, TextBlock) and follows_table and _CAPTION_LABEL.match(item.text)
              and not _labelled(result[:-1]) and not _next_is_table(items, position)):
            result.insert(len(result) - 1, item)
            continue
        result.append(item)
    return result


def _labelled(before: list[TextBlock | RawTable]) -> bool:
    """Whether the table about to be placed has a "Tabel …" line among the short lines just above it."""
    for item in reversed(before[-3:]):
        if isinstance(item, RawTable):
            return False
        if _CAPTION_LABEL.match(item.text):
            return True
    return False


def _next_is_table(items: list[TextBlock | RawTable], position: int) -> bool:
    """A "Tabel …" line followed by a table is that table's title, not the caption of the one above."""
    return position + 1 < len(items) and isinstance(items[position + 1], RawTable)
