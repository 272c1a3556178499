#!/usr/bin/env python3
"""The review page of a long draft: its CPU time at 2,500, 5,000 and 10,000 quotes.

    python bench/review.py [--quotes 2500,5000,10000]

A report of N sentences and a draft citing every one (half of them twice,
as a long report drafts), the page made in this process: CPU seconds
(time.process_time) for each size, and the ratio to the smallest, which
stays near the ratio of the sizes if the page is linear in the report
(`tests/test_review.py` asserts that by counting the work done). The
figures go to stdout and to bench/out/review.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from briefing import review  # noqa: E402


def long_draft(quotes: int) -> tuple[dict, str]:
    """A report of `quotes` sentences, five to a paragraph, and a draft
    proposing a new official for each sentence, half of them citing the
    next sentence too."""
    sentences = [f"Official Number{n} met Counterpart{n} in City{n % 97} to talk about item {n}." for n in range(quotes)]
    text = "\n".join(" ".join(sentences[i:i + 5]) for i in range(0, quotes, 5)) + "\n"
    proposals = [{"action": "new", "collection": "officials", "id": f"official-number{n}",
                  "fields": {"name": f"Official Number{n}", "country": "FILL IN: the report does not say"},
                  "evidence": [{"source": "long", "quote": sentences[n]},
                               *([{"source": "long", "quote": sentences[n + 1]}] if n % 2 == 0 and n + 1 < quotes else [])],
                  "confidence": round(0.5 + (n % 5) / 10, 2), "why": "a title and a name"}
                 for n in range(quotes)]
    return {"source": "long", "proposals": proposals}, text


def measure(quotes: int) -> dict:
    draft, text = long_draft(quotes)
    started = time.process_time()
    made = review.page(draft, text, "drafts/long.md", None)
    return {"quotes": quotes, "report_bytes": len(text.encode("utf-8")), "page_bytes": len(made.encode("utf-8")),
            "cpu_seconds": round(time.process_time() - started, 3)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quotes", default="2500,5000,10000", help="sizes, comma-separated")
    args = parser.parse_args(argv)
    results = [measure(int(size)) for size in args.quotes.split(",")]
    for result in results:
        print(f"review page, {result['quotes']:,} quotes ({result['report_bytes'] / 1e6:.1f} MB report): "
              f"{result['cpu_seconds']:.2f} s CPU, ×{result['cpu_seconds'] / max(results[0]['cpu_seconds'], 1e-9):.1f} "
              f"for ×{result['quotes'] / results[0]['quotes']:.0f} the quotes")
    out = HERE / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "review.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
