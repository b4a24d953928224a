"""Keeping a store's links current: new reports into stories, then each changed story's links.

The pipeline calls `relink` after saving a batch. Only the stories that changed are linked again, so
the cost does not grow with the archive; all stories are checked once when the linking rules change
(their stored links were made by other rules).
"""

from __future__ import annotations

from collections.abc import Iterable

from triangulate.link.store import StoryStore
from triangulate.link.stories import link_stories
from triangulate.link.story_links import link_story, links_rules, links_signature
from triangulate.records import Story

RULES = "rules"  # the link state holding the rules the stored links were made by


def relink(store: StoryStore) -> int:
    """Link the reports new to the store into stories (stored ones are met through the index),
    then re-link the stories whose links are due: those whose reports changed, by this call or by
    earlier `link_stories` calls, of this run or of one stopped before it got here (the store keeps
    them, marked in the transaction that changed them). Returns how many stories were linked again."""
    link_stories(store)
    rules = links_rules()
    if store.link_state(RULES) == rules:
        return update_story_links(store, store.links_due())
    relinked = update_story_links(store)
    store.set_link_state(RULES, rules)
    return relinked


def update_story_links(store: StoryStore, story_ids: Iterable[str] | None = None) -> int:
    """Merged events, claim groups and contradictions of each story whose reports changed, among
    `story_ids` (default: every story, and the links of stories gone are dropped); the other stories
    keep their stored links. Returns how many stories were linked again. Each story linked is no
    longer due."""
    if story_ids is None:
        stories = store.stories()
        store.prune_story_links(s.id for s in stories)
        gone = set(store.links_due()) - {s.id for s in stories}
    else:
        # a story gone (merged into another) took its links with it
        wanted = sorted(set(story_ids))
        found = {i: store.story(i) for i in wanted}
        stories = [s for s in found.values() if s is not None]
        gone = {i for i, s in found.items() if s is None}
    store.clear_links_due(gone)
    return sum(_update(store, story) for story in stories)


def _update(store: StoryStore, story: Story) -> bool:
    signature = links_signature(story, store.analyzer_versions(story.doc_ids))
    if store.story_link_signatures([story.id]).get(story.id) == signature:
        store.clear_links_due([story.id])
        return False
    docs = [a for a in (store.analyzed(d) for d in story.doc_ids) if a is not None]
    store.save_story_links(link_story(story, docs), signature)  # clears the story's due mark with its links
    return True
