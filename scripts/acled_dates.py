"""Why ACLED event dates miss: run the pipeline on dev notes and sort the misses into classes.

    .venv/bin/python scripts/acled_dates.py [--limit 1000] [--offset 0] [--show 5]

Classes: no event; event without a date; a range (our start and end differ) and whether the
gold is its first or last day; a wrong single day (and whether the gold day is one of the
note's other time expressions); with the note's opening words for a look.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from triangulate.evaluate.acled import load_gold
from triangulate.evaluate.common import default_data_dir
from triangulate.pipeline import Pipeline
from triangulate.records import Document, document_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--show", type=int, default=5)
    args = parser.parse_args()
    gold = load_gold(default_data_dir() / "acled", args.offset + args.limit)[args.offset:]
    docs = [Document(id=document_id(g.notes) + f"-{g.row}", external_id=f"acled:{g.row}", text=g.notes)
            for g in gold]
    classes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    range_gold: Counter[str] = Counter()
    for g, analyzed in zip(gold, Pipeline().analyze_documents(docs), strict=True):
        times = analyzed.times
        if not analyzed.events:
            cls = "no event"
        else:
            date = analyzed.events[0].date
            if date is None or date.start_date is None:
                cls = "event without a date"
            elif date.start_date == g.event_date and date.end_date in (None, date.start_date):
                cls = "ok"
            elif date.end_date and date.end_date != date.start_date:
                inside = date.start_date <= g.event_date <= date.end_date
                where = ("first day" if g.event_date == date.start_date else
                         "last day" if g.event_date == date.end_date else "inside" if inside else "outside")
                range_gold[where] += 1
                cls = f"range, gold {where}"
            else:
                others = {t.start_date for t in times if t.start_date == t.end_date}
                cls = "wrong day, gold among the note's dates" if g.event_date in others else "wrong day"
        classes[cls] += 1
        if cls != "ok" and len(examples[cls]) < args.show:
            ours = analyzed.events[0].date if analyzed.events else None
            found = ", ".join(f"{t.text!r}={t.value}" for t in times)
            examples[cls].append(f"gold {g.event_date} ours {ours.value if ours else None} "
                                 f"| times: {found} | {g.notes[:160]!r}")
    total = sum(classes.values())
    for cls, n in classes.most_common():
        print(f"{n:5d} {100 * n / total:5.1f}%  {cls}")
        for line in examples.get(cls, []):
            print(f"        {line}")


if __name__ == "__main__":
    main()
