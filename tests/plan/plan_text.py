"""An independent reading of the plan document kept in fixtures/, to check the data file against.

The document is the plan's web page flattened to text: section I's table became one
cell per paragraph, so a task is its number, then its content lines, then its
responsible-unit lines. The content of tasks 4 and 10 is itself a bullet list, so a
line belongs to the units only when every item on it is a known unit spelling.
"""

import re
import unicodedata
from pathlib import Path

PLAN_DOCUMENT = Path(__file__).resolve().parents[2] / "fixtures" / "ke-hoach-tdkt-2013-lang-son.txt"

# The alias table of DESIGN.md, with the collective phrases: every spelling the plan uses.
SPELLINGS = {
    "Ban Thi đua - Khen thưởng, Sở Nội vụ": [
        "Ban TĐKT, Sở Nội vụ",
        "Sở Nội vụ, Ban TĐKT",
        "Ban TĐKT Sở Nội vụ",
    ],
    "Hội đồng Thi đua - Khen thưởng tỉnh": ["Hội đồng TĐKT tỉnh", "HĐTĐKT tỉnh", "HĐ TĐKT tỉnh"],
    "Văn phòng UBND tỉnh": ["VP UBND tỉnh", "Văn phòng UBND tỉnh"],
    "Ủy ban nhân dân tỉnh": ["UBND tỉnh"],
    "Hội đồng Khoa học sáng kiến tỉnh": ["Hội đồng KHSK tỉnh"],
    "Sở Kế hoạch và Đầu tư": ["Sở Kế hoạch và Đầu tư"],
    "Sở Nông nghiệp và Phát triển nông thôn": ["Sở NN & PTNT"],
    "Sở Giáo dục và Đào tạo": ["Sở Giáo dục và Đào tạo"],
}
COLLECTIVES = ["Các đơn vị", "Các đơn vị liên quan", "Các ngành liên quan"]
QUARTERS = {"QUÝ I": 1, "QUÝ II": 2, "QUÝ III": 3, "QUÝ IV": 4}


def squeeze(text):
    return " ".join(text.split())


def canonical_of(written):
    """The canonical name a written spelling stands for, or the phrase itself; None if unknown."""
    key = squeeze(written)
    if key in COLLECTIVES:
        return key
    for canonical, spellings in SPELLINGS.items():
        if key in (squeeze(s) for s in spellings):
            return canonical
    return None


def unit_items(line):
    """The items of a responsible-units line ("- A; - B."), or None if it is a content line."""
    if not line.startswith("- "):
        return None
    items = [item.strip().rstrip(";.").strip() for item in re.split(r";\s*-\s", line[2:])]
    if all(canonical_of(item) for item in items):
        return items
    return None


def read_tasks(path=PLAN_DOCUMENT):
    """[{number, quarter, content, responsible: [written spelling, ...]}] in the plan's order."""
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    section = text.split("I. NỘI DUNG, THỜI GIAN VÀ PHÂN CÔNG THỰC HIỆN", 1)[1]
    section = section.split("II. GIẢI PHÁP CHỦ YẾU", 1)[0]
    lines = [line.rstrip() for line in section.splitlines() if line.strip()]
    tasks, quarter, task = [], None, None
    for line in lines:
        if line in ("TT", "Nội dung nhiệm vụ chủ yếu", "Đơn vị thực hiện"):
            continue
        if line in QUARTERS:
            quarter = QUARTERS[line]
        elif line.isdigit():
            task = {"number": int(line), "quarter": quarter, "content": [], "responsible": []}
            tasks.append(task)
        elif task["responsible"] or unit_items(line):
            task["responsible"].extend(unit_items(line) or [line])
        else:
            task["content"].append(line)
    for task in tasks:
        task["content"] = "\n".join(task["content"])
    return tasks
