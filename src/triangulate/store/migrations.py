"""Numbered schema migrations, recorded in the database itself.

A migration is never edited once released: add a new one. Each runs in its own
transaction and is recorded in `schema_migrations`, so a database from any
earlier version opens and upgrades.
"""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "documents, analyses, actors, events, claims, stories, errors",
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            external_id TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            url TEXT,
            published TEXT,
            language TEXT NOT NULL DEFAULT 'en',
            text TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE TABLE analyses (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            analyzer_version TEXT NOT NULL,
            places TEXT NOT NULL,
            times TEXT NOT NULL,
            mentions TEXT NOT NULL,
            warnings TEXT NOT NULL
        );
        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            provisional INTEGER NOT NULL,
            body TEXT NOT NULL
        );
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX events_doc ON events(doc_id, seq);
        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX claims_doc ON claims(doc_id, seq);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            body TEXT NOT NULL
        );
        CREATE TABLE story_documents (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            PRIMARY KEY (story_id, doc_id)
        );
        CREATE TABLE errors (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            UNIQUE (source, code, message)
        );
        """,
    ),
    Migration(
        2,
        "full-text search over document text",
        """
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid'
        );
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        """,
    ),
    Migration(
        3,
        "story linking index: per-report link profiles, candidate keys, term document counts",
        """
        CREATE TABLE link_profiles (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL UNIQUE,
            story_id TEXT NOT NULL,
            analyzer_version TEXT NOT NULL,
            published TEXT,
            body TEXT NOT NULL
        );
        CREATE INDEX link_profiles_story ON link_profiles(story_id, seq);
        CREATE TABLE link_keys (
            key TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES link_profiles(doc_id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            PRIMARY KEY (key, doc_id)
        );
        CREATE INDEX link_keys_recent ON link_keys(key, seq);
        CREATE INDEX link_keys_doc ON link_keys(doc_id);
        CREATE TABLE link_terms (
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL
        );
        """,
    ),
    Migration(
        4,
        "per-story links: merged events, claim groups, contradictions",
        """
        CREATE TABLE story_links (
            story_id TEXT PRIMARY KEY,
            signature TEXT NOT NULL,
            body TEXT NOT NULL
        );
        """,
    ),
    Migration(
        5,
        "responsibility statements found per report (who claims, admits, accuses, denies)",
        """
        CREATE TABLE responsibility (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX responsibility_doc ON responsibility(doc_id, seq);
        """,
    ),
    Migration(
        6,
        "marked regions of a document (bylines, datelines, captions) with its analysis",
        """
        ALTER TABLE analyses ADD COLUMN regions TEXT NOT NULL DEFAULT '[]';
        """,
    ),
    Migration(
        7,
        "fetch state of live sources (validators for conditional requests) and document look-up by url",
        """
        CREATE TABLE fetch_state (
            url TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            fetched_at TEXT NOT NULL,
            status INTEGER,
            error TEXT,
            attempts INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX documents_url ON documents(url);
        CREATE INDEX documents_external_id ON documents(external_id);
        """,
    ),
    Migration(
        8,
        "reports waiting to be linked (a queue, so linking never scans the archive), the link state, and"
        " postings that answer the time window from the index alone",
        """
        CREATE TABLE link_queue (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
        );
        INSERT INTO link_queue(doc_id)
            SELECT d.id FROM documents d JOIN analyses a ON a.doc_id = d.id
            LEFT JOIN link_profiles p ON p.doc_id = d.id
            WHERE p.doc_id IS NULL OR p.analyzer_version != a.analyzer_version;
        CREATE TABLE link_state (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        INSERT INTO link_state(name, value) SELECT 'linked', CAST(COUNT(*) AS TEXT) FROM link_profiles;
        ALTER TABLE link_keys ADD COLUMN published TEXT;
        UPDATE link_keys SET published = (SELECT p.published FROM link_profiles p WHERE p.doc_id = link_keys.doc_id);
        DROP INDEX link_keys_recent;
        CREATE INDEX link_keys_window ON link_keys(key, seq, published, doc_id);
        """,
    ),
    Migration(
        9,
        "stories whose links are due: marked in the transaction that links reports into them, cleared as each"
        " story's links are saved, so that a run stopped in between leaves no story with stale links; a new"
        " mark each time, so that a writer whose story changed meanwhile does not clear it",
        """
        CREATE TABLE story_links_due (
            mark INTEGER PRIMARY KEY AUTOINCREMENT,
            story_id TEXT NOT NULL UNIQUE
        );
        INSERT INTO story_links_due(story_id)
            SELECT s.id FROM stories s LEFT JOIN story_links l ON l.story_id = s.id WHERE l.story_id IS NULL;
        """,
    ),
    Migration(
        10,
        "each story's latest report date, so that the newest stories are listed a page at a time from an index",
        """
        ALTER TABLE stories ADD COLUMN last_published TEXT NOT NULL DEFAULT '';
        UPDATE stories SET last_published = (
            SELECT COALESCE(MAX(d.published), '') FROM story_documents sd JOIN documents d ON d.id = sd.doc_id
            WHERE sd.story_id = stories.id);
        CREATE INDEX stories_newest ON stories(last_published, id);
        """,
    ),
    Migration(
        11,
        "what linking each story found that linking it again takes back (comparisons of its mentions, its"
        " claims' terms), so that a report joining a story does not make the story's work again",
        """
        CREATE TABLE story_link_memos (
            story_id TEXT PRIMARY KEY,
            body TEXT NOT NULL
        );
        """,
    ),
    Migration(
        12,
        "the postings and the term counts kept in their keys' order (tables without rowids): a key's postings"
        " are read from one b-tree, a term's count in one look-up, and the postings take half the disk",
        """
        CREATE TABLE link_keys_by_key (
            key TEXT NOT NULL,
            seq INTEGER NOT NULL,
            doc_id TEXT NOT NULL REFERENCES link_profiles(doc_id) ON DELETE CASCADE,
            published TEXT,
            PRIMARY KEY (key, seq)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO link_keys_by_key(key, seq, doc_id, published)
            SELECT key, seq, doc_id, published FROM link_keys ORDER BY key, seq;
        DROP TABLE link_keys;
        ALTER TABLE link_keys_by_key RENAME TO link_keys;
        CREATE INDEX link_keys_doc ON link_keys(doc_id);
        CREATE TABLE link_terms_by_term (
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO link_terms_by_term(term, df) SELECT term, df FROM link_terms ORDER BY term;
        DROP TABLE link_terms;
        ALTER TABLE link_terms_by_term RENAME TO link_terms;
        """,
    ),
    Migration(
        13,
        "covering indexes of the linked reports: a report's story and a story's reports are read from small"
        " indexes, without a visit to each report's row (a page of its own, with its profile) in the table;"
        " likewise the ids of the events and claims found in a story's reports, without their bodies",
        """
        DROP INDEX link_profiles_story;
        CREATE INDEX link_profiles_story ON link_profiles(story_id, seq, doc_id);
        CREATE INDEX link_profiles_doc_story ON link_profiles(doc_id, story_id);
        DROP INDEX events_doc;
        CREATE INDEX events_doc ON events(doc_id, seq, id);
        DROP INDEX claims_doc;
        CREATE INDEX claims_doc ON claims(doc_id, seq, id);
        """,
    ),
)
