"""Keeping a store's links current: new reports into stories, then each changed story's links.

The pipeline calls `relink` after saving a batch; stories whose reports did not change keep
the links stored for them.
"""

from __future__ import annotations

from triangulate.link.store import StoryStore
from triangulate.link.stories import link_stories
from triangulate.link.story_links import link_story, links_signature


def relink(store: StoryStore) -> int:
    """Link the reports new to the store into stories (stored ones are met through the index),
    then re-link the stories whose reports changed. Returns how many stories were linked again."""
    link_stories(store)
    return update_story_links(store)


def update_story_links(store: StoryStore) -> int:
    """Merged events, claim groups and contradictions of each story whose reports changed;
    the other stories keep their stored links. Returns how many stories were linked again."""
    stories = store.stories()
    stored = store.story_link_signatures()
    relinked = 0
    for story in stories:
        signature = links_signature(story, store.analyzer_versions(story.doc_ids))
        if stored.get(story.id) == signature:
            continue
        docs = [a for a in (store.analyzed(d) for d in story.doc_ids) if a is not None]
        store.save_story_links(link_story(story, docs), signature)
        relinked += 1
    store.prune_story_links(s.id for s in stories)
    return relinked
