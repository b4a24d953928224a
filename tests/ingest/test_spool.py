"""Documents kept on disk while a run works through them."""

from __future__ import annotations

from datetime import date

from triangulate.ingest.spool import DocumentSpool
from triangulate.records import Document, document_id

TEXTS = (
    "Protesters blocked the road to the Basra oil terminal on Sunday, demanding jobs, police said.",
    "Shelling hit Kharkiv overnight,\nthe regional governor said — «two killed», 被炸 \u202e.",
    "A drone struck a depot near Al-Qaim, the military said.\r\n\x00 \\u0041 \"quoted\"",
)


def test_documents_come_back_as_they_went_in_in_any_order() -> None:
    docs = [Document(id=document_id(t), external_id=f"r{i}", text=t, title="Título" if i else None,
                     published=date(2024, 2, i + 1) if i != 1 else None, outlet="Wire", source=f"r.jsonl:{i + 1}")
            for i, t in enumerate(TEXTS)]
    with DocumentSpool(docs) as spool:
        assert len(spool) == 3
        assert spool.keys == [(d.id, d.published) for d in docs]
        assert [spool.get(i) for i in (2, 0, 1, 2)] == [docs[2], docs[0], docs[1], docs[2]]
        spool.add(docs[0])  # the same document again is another entry
        assert len(spool) == 4 and spool.text(3) == TEXTS[0]
