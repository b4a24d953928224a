"""Keeping a store's links current: new reports into stories, then each changed story's links.

The pipeline calls `relink` after saving a batch. Only the stories that changed are linked again, so
the cost does not grow with the archive; all stories are checked once when the linking rules change
(their stored links were made by other rules). A story linked again takes back what its last linking
found that still holds (`memo.LinkMemo`: comparisons of its mentions, its claims' terms), so that a
report joining a story costs about its own comparisons with the story's; the links are the same as
made from scratch. When the rules change, nothing remembered holds and every story is linked whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from triangulate.link.analyses import forget, keep, kept, out_of_collector
from triangulate.link.memo import LinkMemo
from triangulate.link.store import StoryStore
from triangulate.link.stories import link_stories
from triangulate.link.story_links import link_story, links_rules, links_signature
from triangulate.records import AnalyzedDocument, Story

RULES = "rules"  # the link state holding the rules the stored links were made by


def relink(store: StoryStore, saved: Mapping[str, AnalyzedDocument] | None = None, *, keep_read: bool = True) -> int:
    """Link the reports new to the store into stories (stored ones are met through the index),
    then re-link the stories whose links are due: those whose reports changed, by this call or by
    earlier `link_stories` calls, of this run or of one stopped before it got here (the store keeps
    them, marked in the transaction that changed them). Returns how many stories were linked again.
    `saved`: analyses as this process saved them, not read back (`analyzed_many`). `keep_read`: see
    `update_story_links`."""
    link_stories(store, saved=saved)
    rules = links_rules()
    if store.link_state(RULES) == rules:
        return update_story_links(store, store.links_due(), saved, keep_read=keep_read)
    relinked = update_story_links(store, saved=saved, keep_read=keep_read)
    store.set_link_state(RULES, rules)
    return relinked


def update_story_links(
    store: StoryStore, story_ids: Iterable[str] | None = None, saved: Mapping[str, AnalyzedDocument] | None = None,
    *, keep_read: bool = True,
) -> int:
    """Merged events, claim groups and contradictions of each story whose reports changed, among
    `story_ids` (default: every story, and the links of stories gone are dropped); the other stories
    keep their stored links. Returns how many stories were linked again. Each story linked is no
    longer due, unless another writer changed it meanwhile (then that writer links it).

    With `keep_read` False, the stories' analyses read are not kept for later linkings (`link.analyses`):
    for a store closed after this call (a run's), whose later linkings never come. The stories linked here are
    each read once, so nothing kept would be met again, and keeping cost a collector pass per story
    (`out_of_collector`: about 1.7% of a 300-report run's CPU after the parse, in the tail of a 2-process run)."""
    marks = store.links_due()  # read before the stories: a story changed after this has a new mark
    forget(store, store.link_pending())  # saved again and not linked yet: read as they are now
    if story_ids is None:
        ids = store.story_ids()
        store.prune_story_links(ids)
        alive = set(ids)
        store.clear_links_due({i: m for i, m in marks.items() if i not in alive})
    else:
        ids = sorted(set(story_ids))
    relinked = 0
    for story_id in ids:  # a story read at a time: a store's stories hold all its reports' ids
        story = store.story(story_id)
        if story is None:  # a story gone (merged into another) took its links with it
            if story_id in marks:
                store.clear_links_due({story_id: marks[story_id]})
            continue
        relinked += _update(store, story, marks.get(story_id), saved, keep_read)
    return relinked


def _update(
    store: StoryStore, story: Story, mark: int | None, saved: Mapping[str, AnalyzedDocument] | None = None,
    keep_read: bool = True,
) -> bool:
    versions = store.analyzer_versions(story.doc_ids)
    signature = links_signature(story, versions)
    if store.story_link_signatures([story.id]).get(story.id) == signature:
        if mark is not None:
            store.clear_links_due({story.id: mark})
        return False
    version = store.link_counts_version()  # before reading: a commit of another writer after it forgets them
    held = kept(store, version)
    known = {**{d: held[d] for d in story.doc_ids if d in held}, **(saved or {})}
    if keep_read:
        with out_of_collector():  # kept for the next linkings: frozen once read, not walked by each young pass
            found = store.analyzed_many(story.doc_ids, known)
        keep(store, version, found)
    else:
        found = store.analyzed_many(story.doc_ids, known)
    docs = [found[d] for d in story.doc_ids if d in found]
    # what the story's last linking found is taken back where it still holds (none when the rules changed)
    memo = LinkMemo.from_json(store.story_link_memo(story.id))
    memo.fit(links_rules(), versions)
    links = link_story(story, docs, memo)
    # neither the story's analyses (tens of MB for a story of 2,000 reports) nor the memo's columns are held
    # while the memo's text is made and saved
    del found, docs
    text = memo.to_json()
    del memo
    return store.save_story_links(links, signature, mark, text)  # clears the mark with the links
