"""`draft`'s CPU time, for `make bench`: a report of 3,000 words onto a
briefing of 1,000 engagements (the target: under 2 s), and the hostile texts
of issue 25 (a 215 KB run of "A", 1 MB of capitalised words without
punctuation, 20,000 capitals before "(AB)") onto the shipped briefing, each
under a CPU budget. CPU time of this process (user and system), the least of
a few runs: other work on the same cores moves wall-clock times by a third.

    python bench/draftbench.py [--out bench/out/draft]

tests/test_draft_linear.py proves the same linearity without a clock."""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from briefing import pipeline  # noqa: E402
from briefing.draft import Drafter  # noqa: E402
from briefing.project import Project  # noqa: E402

# (what, seconds of CPU it may take)
SPEED_TARGET = 2.0
HOSTILE_BUDGET = 30.0


def cpu(work: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def report_of(sources: Path, words: int, seed: int = 1) -> str:
    """A report of about `words` words, of the briefing's own reports' sentences in a shuffled order
    (so that it names its people, offices and engagements)."""
    sentences = [line.strip() for path in sorted(sources.glob("*.txt"))
                 for line in path.read_text("utf-8").split(". ") if len(line.split()) > 4]
    random.Random(seed).shuffle(sentences)
    out, count = ["date 2025-06-04"], 0
    while count < words:
        for sentence in sentences:
            out.append(sentence.rstrip(".") + ".")
            count += len(sentence.split())
            if count >= words:
                break
    return "\n".join(out) + "\n"


def hostile() -> dict[str, str]:
    rng = random.Random(7)
    words = ["Alpha", "Minister", "Secretary", "Ministry", "Beta", "Dialogue", "Council", "Wang", "Premier"]
    capitalised = " ".join(rng.choice(words) for _ in range(1_000_000 // 8))[:1_000_000]
    return {"215 KB of \"A\"": "A" * 215_000,
            "1 MB of capitalised words without punctuation": capitalised,
            "20,000 capitals before \"(AB)\"": "A " * 20_000 + "(AB)"}


def figures(out: Path, engagements: int = 1000) -> list[str]:
    from corpus import make_project  # bench/corpus.py

    lines = ["## draft", "", "| case | CPU seconds | budget | met |", "| --- | --- | --- | --- |"]
    project = out / str(engagements)
    make_project(project, engagements)
    briefing = pipeline.check(Project(project))
    text = report_of(project / "seeds" / "sources", 3000)
    seconds = cpu(lambda: Drafter(briefing, "bench", text, "2025-06-04").run())
    lines.append(f"| a {len(text.split()):,}-word report onto {len(briefing.events):,} engagements | {seconds:.2f} | "
                 f"{SPEED_TARGET} | {'met' if seconds < SPEED_TARGET else 'MISSED'} |")
    shipped = pipeline.check(Project(REPO))
    for name, text in hostile().items():
        seconds = cpu(lambda text=text: Drafter(shipped, "bench", text, "2025-06-04").run(), runs=1)
        lines.append(f"| {name} | {seconds:.2f} | {HOSTILE_BUDGET} | "
                     f"{'met' if seconds < HOSTILE_BUDGET else 'MISSED'} |")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "draft")
    parser.add_argument("--engagements", type=int, default=1000)
    args = parser.parse_args(argv)
    print("\n".join(figures(args.out, args.engagements)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
