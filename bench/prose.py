"""Plain prose pages of the same count and mean size as a briefing's, built by
MkDocs with the same theme and plugins: what our pages should cost at most.

    python bench/prose.py BRIEFING_PROJECT DESTINATION
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

WORDS = ("the of and to in a that for is on with as by it was at from this be an are have which their "
         "talks visit trade defence minister secretary officials cooperation agreement partnership technology "
         "meeting dialogue security economic relations bilateral strategic discussed agreed both sides week "
         "government delegation capital summit framework progress review committee joint statement").split()


def paragraph(rng: random.Random, words: int) -> str:
    sentences, left = [], words
    while left > 0:
        length = min(left, rng.randrange(8, 24))
        sentence = " ".join(rng.choice(WORDS) for _ in range(length))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        left -= length
    return " ".join(sentences)


def make(briefing: Path, destination: Path, seed: int = 1) -> dict:
    """Writes the plain project; returns its page count and mean size. Each
    page of the briefing, generated or hand-written, has a prose page at the
    same path, and the nav is the briefing's: the other pages are left out of
    it, as the plugin leaves out the record pages (a nav listing every page
    would make each page's cost grow with their number)."""
    folders = [briefing / "generated", briefing / "content"]
    pages = {p.relative_to(folder): p for folder in folders for p in sorted(folder.rglob("*.md"))}
    mean = sum(p.stat().st_size for p in pages.values()) // max(len(pages), 1)
    if destination.exists():
        shutil.rmtree(destination)
    docs = destination / "content"
    docs.mkdir(parents=True)
    config = yaml.load((briefing / "mkdocs.yml").read_text("utf-8"), Loader=yaml.SafeLoader)
    config["plugins"] = [p for p in config.get("plugins") or [] if not (isinstance(p, dict) and "briefing" in p)
                         and p != "briefing"]
    for key in ("hooks", "extra_css", "extra"):
        config.pop(key, None)
    config["not_in_nav"] = "/**"
    config.get("theme", {}).pop("custom_dir", None)
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    rng = random.Random(seed)
    for number, relative in enumerate(pages):
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        body, size = [f"# Page {number}\n"], 0
        while size < mean:
            text = paragraph(rng, rng.randrange(40, 120))
            body.append(text)
            size += len(text) + 2
        target.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    return {"pages": len(pages), "mean_bytes": mean}


if __name__ == "__main__":
    print(make(Path(sys.argv[1]), Path(sys.argv[2])))
