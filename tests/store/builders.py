"""A stored report with something found in it, for the store tests (and the dossier's)."""

from __future__ import annotations

from datetime import date

from triangulate.records import (
    Actor,
    ActorMention,
    AnalyzedDocument,
    Claim,
    Document,
    Event,
    Place,
    Span,
    TimeRef,
    document_id,
)

TEXT = "Protesters gathered outside parliament in Beirut on Tuesday, police said."


def analyzed_report(text: str = TEXT, external_id: str = "beirut.txt", published: date | None = date(2020, 5, 6),
              title: str | None = None) -> AnalyzedDocument:
    doc_id = document_id(text)
    doc = Document(id=doc_id, external_id=external_id, title=title, text=text, published=published, outlet="Wire")
    span = Span(doc_id=doc_id, start=0, end=len(text), text=text)
    return AnalyzedDocument(
        document=doc,
        places=[Place(start=42, end=48, text="Beirut", name="Beirut", geonames_id=276781, country="LB",
                      lat=33.89, lon=35.49)],
        times=[TimeRef(start=52, end=59, text="Tuesday", value="2020-05-05",
                       start_date=date(2020, 5, 5), end_date=date(2020, 5, 5))],
        mentions=[ActorMention(start=61, end=67, text="police", actor_id="LBN.POL")],
        actors=[Actor(id="LBN.POL", name="Police Forces of Lebanon", country="LB", sectors=["police"])],
        events=[Event(id=f"{doc_id}:e0", doc_id=doc_id, type="PROTEST", mode="demo", evidence=[span])],
        claims=[Claim(id=f"{doc_id}:c0", doc_id=doc_id, speaker="LBN.POL", speaker_text="police", cue="said",
                      factuality="CT+", content=span, evidence=[span])],
    )


# migration 13 undone (SQLite and PostgreSQL alike): the story index without the doc ids, no (doc, story) index,
# the events' and claims' indexes without their ids
UNDO_13 = (
    "DROP INDEX IF EXISTS link_profiles_doc_story", "DROP INDEX IF EXISTS link_profiles_story",
    "CREATE INDEX link_profiles_story ON link_profiles(story_id, seq)",
    "DROP INDEX events_doc", "CREATE INDEX events_doc ON events(doc_id, seq)",
    "DROP INDEX claims_doc", "CREATE INDEX claims_doc ON claims(doc_id, seq)",
)
# as SQLite's postings and term counts were before migration 12: tables with rowids, and their indexes
SQLITE_UNDO_12 = (
    *UNDO_13,
    "CREATE TABLE link_keys_old (key TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES link_profiles(doc_id)"
    " ON DELETE CASCADE, seq INTEGER NOT NULL, published TEXT, PRIMARY KEY (key, doc_id))",
    "INSERT INTO link_keys_old(key, doc_id, seq, published) SELECT key, doc_id, seq, published FROM link_keys",
    "DROP TABLE link_keys", "ALTER TABLE link_keys_old RENAME TO link_keys",
    "CREATE INDEX link_keys_window ON link_keys(key, seq, published, doc_id)",
    "CREATE INDEX link_keys_doc ON link_keys(doc_id)",
    "CREATE TABLE link_terms_old (term TEXT PRIMARY KEY, df INTEGER NOT NULL)",
    "INSERT INTO link_terms_old(term, df) SELECT term, df FROM link_terms",
    "DROP TABLE link_terms", "ALTER TABLE link_terms_old RENAME TO link_terms",
    "DELETE FROM schema_migrations WHERE version >= 12",
)
# ... and PostgreSQL's: the postings' key (key, doc_id), and their index
POSTGRES_UNDO_12 = (
    *UNDO_13,
    "ALTER TABLE link_keys DROP CONSTRAINT link_keys_pkey", "ALTER TABLE link_keys ADD PRIMARY KEY (key, doc_id)",
    "CREATE INDEX link_keys_window ON link_keys(key, seq, published, doc_id)",
    "DELETE FROM schema_migrations WHERE version >= 12",
)
