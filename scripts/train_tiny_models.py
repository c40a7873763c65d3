"""Train tiny stanza models for the integration tests: tokenize, pos, lemma, depparse, ner.

In: nothing (a seeded synthetic news treebank is generated here). Out: a stanza models
directory (default fixtures/stanza_tiny) laid out the way `stanza.Pipeline(dir=...,
download_method=None)` reads it: `resources.json` plus `en/<processor>/tiny.pt`.
The models are trained with stanza's own training entry points (the same code as
`python -m stanza.models.tokenizer|tagger|lemmatizer|parser|ner_tagger --mode train`), with
small dimensions and ~150 steps. They are for exercising the real loading path, not for
accuracy. Deterministic: same seed, same corpus, same arguments.

    /work/venv/bin/python scripts/train_tiny_models.py [--out fixtures/stanza_tiny] [--steps 150]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SEED = 20240611
PACKAGE = "tiny"

FIRST = ["Maria", "John", "Ana", "Peter", "Laura", "David", "Sofia", "Omar", "Elena", "Mark", "Grace", "Tomas", "Nadia", "Paul", "Irene", "Victor", "Helen", "Samuel", "Clara", "Ivan"]
LAST = ["Lopez", "Carter", "Petrov", "Novak", "Byrne", "Okafor", "Lindqvist", "Haddad", "Moreau", "Brennan", "Tanaka", "Kowalski", "Ferreira", "Walsh", "Dube", "Keller", "Rossi", "Hale", "Mendes", "Quinn"]
ORG_ONE = ["Reuters", "Northwind", "Acme", "Interpol", "Greenpeace", "Unicef"]
ORG_TWO = [("Harbor", "Council"), ("Northwind", "Bank"), ("Health", "Ministry"), ("Valley", "Water"),
           ("Metro", "Transit"), ("River", "Authority"), ("City", "Hospital"), ("Crown", "Court")]
ROLES = ["mayor", "spokesman", "spokeswoman", "minister", "director", "chairman", "governor", "official"]
# (past form, lemma): the speech verbs the rules look for.
SPEECH = [("said", "say"), ("added", "add"), ("warned", "warn"), ("explained", "explain"),
          ("insisted", "insist"), ("argued", "argue"), ("wrote", "write"), ("noted", "note"),
          ("claimed", "claim"), ("announced", "announce"), ("told", "tell"), ("stressed", "stress")]
SUBJ_NOUNS = [("plan", "plan"), ("city", "city"), ("budget", "budget"), ("project", "project"),
              ("deal", "deal"), ("bridge", "bridge"), ("school", "school"), ("team", "team")]
PLURALS = [("prices", "price"), ("costs", "cost"), ("families", "family"), ("workers", "worker")]
OBJ_NOUNS = [("roads", "road"), ("money", "money"), ("houses", "house"), ("jobs", "job"),
             ("rules", "rule"), ("water", "water"), ("schools", "school"), ("report", "report")]
BASE_VERBS = [("fix", "fix"), ("build", "build"), ("protect", "protect"), ("find", "find"),
              ("cut", "cut"), ("change", "change"), ("review", "review"), ("fund", "fund")]
PAST_VERBS = [("rose", "rise"), ("fell", "fall"), ("failed", "fail"), ("worked", "work"),
              ("grew", "grow"), ("changed", "change"), ("improved", "improve")]
ADJS = ["safe", "ready", "wrong", "fair", "clear", "difficult", "possible", "late"]
ADVS = ["sharply", "quickly", "again", "slowly", "badly"]
MODALS = ["will", "must", "can", "should", "cannot"]
PRONS = [("We", "we"), ("I", "I"), ("They", "they"), ("It", "it")]
SPEAKER_PRONS = [("he", "he"), ("she", "she"), ("they", "they")]
QUOTES = [('"', '"'), ("“", "”")]
NO_SPACE_BEFORE = {",", ".", ":", "”", "!", "?"}


class Sentence:
    """A sentence under construction: CoNLL-U rows plus NER tags and spacing."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, form: str, lemma: str, upos: str, xpos: str, ner: str = "O") -> int:
        """Append a token; returns its 1-based id (head/deprel set later with `link`)."""
        self.rows.append({"form": form, "lemma": lemma, "upos": upos, "xpos": xpos,
                          "head": 0, "deprel": "_", "ner": ner, "space": True})
        return len(self.rows)

    def word(self, form: str, upos: str, xpos: str, ner: str = "O") -> int:
        """Append a token whose lemma is its own form (names, adjectives, role nouns)."""
        return self.add(form, form, upos, xpos, ner)

    def link(self, dep: int, head: int, deprel: str) -> None:
        """Attach token `dep` to `head` with `deprel`."""
        self.rows[dep - 1]["head"] = head
        self.rows[dep - 1]["deprel"] = deprel


def _name(s: Sentence, rng: random.Random) -> int:
    """A PERSON name, 'First Last' (flat) or a bare surname."""
    if rng.random() < 0.25:
        return s.add(rng.choice(LAST), rng.choice(LAST), "PROPN", "NNP", "S-PERSON")
    head = s.word(rng.choice(FIRST), "PROPN", "NNP", "B-PERSON")
    last = rng.choice(LAST)
    s.link(s.add(last, last, "PROPN", "NNP", "E-PERSON"), head, "flat")
    return head


def _org(s: Sentence, rng: random.Random) -> int:
    """An ORG name, one token or 'the X Y' with a compound."""
    if rng.random() < 0.4:
        org = rng.choice(ORG_ONE)
        return s.add(org, org, "PROPN", "NNP", "S-ORG")
    first, second = rng.choice(ORG_TWO)
    det = s.add("the", "the", "DET", "DT")
    mod = s.add(first, first, "PROPN", "NNP", "B-ORG")
    head = s.add(second, second, "PROPN", "NNP", "E-ORG")
    s.link(det, head, "det")
    s.link(mod, head, "compound")
    return head


def _subject(s: Sentence, rng: random.Random, initial: bool) -> int:
    """The subject inside a quote: a pronoun or a determiner + noun."""
    roll = rng.random()
    if roll < 0.4:
        form, lemma = rng.choice(PRONS)
        return s.add(form if initial or form == "I" else form.lower(), lemma, "PRON", "PRP")
    if roll < 0.6:
        form, lemma = rng.choice(PLURALS)
        return s.add(form.capitalize() if initial else form, lemma, "NOUN", "NNS")
    det = s.add("The" if initial else "the", "the", "DET", "DT")
    form, lemma = rng.choice(SUBJ_NOUNS)
    head = s.add(form, lemma, "NOUN", "NN")
    s.link(det, head, "det")
    return head


def _clause(s: Sentence, rng: random.Random, initial: bool = True) -> int:
    """A quoted clause with a correct tree; returns its root token."""
    subj = _subject(s, rng, initial)
    kind = rng.randrange(3)
    if kind == 0:  # we will fix the roads
        modal = rng.choice(MODALS)
        aux = s.add(modal, "can" if modal == "cannot" else modal, "AUX", "MD")
        verb = s.add(*rng.choice(BASE_VERBS), "VERB", "VB")
        det = s.add("the", "the", "DET", "DT")
        obj = s.add(*rng.choice(OBJ_NOUNS), "NOUN", "NNS")
        s.link(aux, verb, "aux")
        s.link(det, obj, "det")
        s.link(obj, verb, "obj")
        s.link(subj, verb, "nsubj")
        return verb
    if kind == 1:  # the plan is not safe
        plural = s.rows[subj - 1]["xpos"] == "NNS" or s.rows[subj - 1]["lemma"] in ("we", "they")
        cop = s.add(rng.choice(["are", "were"] if plural else ["is", "was"]), "be", "AUX", "VBZ")
        neg = s.add("not", "not", "PART", "RB") if rng.random() < 0.3 else 0
        adj = s.word(rng.choice(ADJS), "ADJ", "JJ")
        s.link(cop, adj, "cop")
        if neg:
            s.link(neg, adj, "advmod")
        s.link(subj, adj, "nsubj")
        return adj
    verb = s.add(*rng.choice(PAST_VERBS), "VERB", "VBD")  # prices rose sharply
    s.link(subj, verb, "nsubj")
    if rng.random() < 0.6:
        adv = rng.choice(ADVS)
        s.link(s.add(adv, adv, "ADV", "RB"), verb, "advmod")
    return verb


def _punct(s: Sentence, mark: str, head: int) -> None:
    xpos = {"“": "``", '"': "``", "”": "''", ",": ",", ".": ".", ":": ":"}[mark]
    s.link(s.add(mark, mark, "PUNCT", xpos), head, "punct")


def _speaker(s: Sentence, rng: random.Random, roll: float) -> int:
    """The speaker noun phrase: a name, an organisation, or 'the mayor'."""
    if roll < 0.6:
        return _name(s, rng)
    if roll < 0.85:
        return _org(s, rng)
    det = s.add("the", "the", "DET", "DT")
    head = s.word(rng.choice(ROLES), "NOUN", "NN")
    s.link(det, head, "det")
    return head


def _speech_verb(s: Sentence, rng: random.Random) -> int:
    form, lemma = rng.choice(SPEECH)
    return s.add(form, lemma, "VERB", "VBD")


def _finish(s: Sentence, root: int) -> Sentence:
    s.link(root, 0, "root")
    return s


def _quote_comma(s: Sentence, rng: random.Random, marks: tuple[str, str]) -> int:
    """Opening mark, a clause, a comma and the closing mark (“Q,”); returns the clause root."""
    op, cl = marks
    o = s.add(op, op, "PUNCT", "``")
    q = _clause(s, rng)
    s.link(o, q, "punct")
    _punct(s, ",", q)
    _punct(s, cl, q)
    return q


def _report(s: Sentence, q: int, verb: int) -> Sentence:
    """The quote as the speech verb's complement, a full stop, and the verb as the root."""
    s.link(q, verb, "ccomp")
    _punct(s, ".", verb)
    return _finish(s, verb)


def t_quote_x_said(rng: random.Random) -> Sentence:
    """“Q,” X said.  /  “Q,” he said."""
    s = Sentence()
    q = _quote_comma(s, rng, rng.choice(QUOTES))
    if rng.random() < 0.25:
        subj = s.add(*rng.choice(SPEAKER_PRONS), "PRON", "PRP")
    else:
        subj = _speaker(s, rng, rng.random())
    verb = _speech_verb(s, rng)
    s.link(subj, verb, "nsubj")
    return _report(s, q, verb)


def t_quote_said_x(rng: random.Random) -> Sentence:
    """“Q,” said X."""
    s = Sentence()
    q = _quote_comma(s, rng, rng.choice(QUOTES))
    verb = s.add("said", "say", "VERB", "VBD")
    subj = _speaker(s, rng, rng.random())
    s.link(subj, verb, "nsubj")
    return _report(s, q, verb)


def t_x_said_colon(rng: random.Random) -> Sentence:
    """X said: “Q.”"""
    s, (op, cl) = Sentence(), rng.choice(QUOTES)
    subj = _speaker(s, rng, rng.random() * 0.85)
    verb = _speech_verb(s, rng)
    s.link(subj, verb, "nsubj")
    colon = s.add(":", ":", "PUNCT", ":")
    o = s.add(op, op, "PUNCT", "``")
    q = _clause(s, rng)
    s.link(colon, q, "punct")
    s.link(o, q, "punct")
    _punct(s, ".", q)
    _punct(s, cl, q)
    s.link(q, verb, "ccomp")
    return _finish(s, verb)


def t_according_to(rng: random.Random) -> Sentence:
    """“Q,” according to X.  /  According to X, Q."""
    s, marks = Sentence(), rng.choice(QUOTES)
    if rng.random() < 0.5:
        acc = s.add("According", "accord", "VERB", "VBG")
        to = s.add("to", "to", "ADP", "IN")
        x = _speaker(s, rng, rng.random() * 0.85)
        comma = s.add(",", ",", "PUNCT", ",")
        q = _clause(s, rng, initial=False)
        s.link(comma, q, "punct")
        _punct(s, ".", q)
    else:
        q = _quote_comma(s, rng, marks)
        acc = s.add("according", "accord", "VERB", "VBG")
        to = s.add("to", "to", "ADP", "IN")
        x = _speaker(s, rng, rng.random() * 0.85)
        _punct(s, ".", q)
    s.link(acc, x, "case")
    s.link(to, acc, "fixed")
    s.link(x, q, "obl")
    return _finish(s, q)


def t_passive(rng: random.Random) -> Sentence:
    """“Q,” the council was told by X."""
    s = Sentence()
    q = _quote_comma(s, rng, rng.choice(QUOTES))
    det = s.add("the", "the", "DET", "DT")
    subj = s.word(rng.choice(["council", "court", "committee"]), "NOUN", "NN")
    aux = s.add("was", "be", "AUX", "VBD")
    verb = s.add("told", "tell", "VERB", "VBN")
    by = s.add("by", "by", "ADP", "IN")
    agent = _name(s, rng)
    s.link(det, subj, "det")
    s.link(subj, verb, "nsubj:pass")
    s.link(aux, verb, "aux:pass")
    s.link(by, agent, "case")
    s.link(agent, verb, "obl:agent")
    return _report(s, q, verb)


def t_appos(rng: random.Random) -> Sentence:
    """“Q,” X, the mayor of Y, said."""
    s = Sentence()
    q = _quote_comma(s, rng, rng.choice(QUOTES))
    subj = _name(s, rng)
    c1 = s.add(",", ",", "PUNCT", ",")
    det = s.add("the", "the", "DET", "DT")
    role = s.word(rng.choice(ROLES), "NOUN", "NN")
    of = s.add("of", "of", "ADP", "IN")
    org = _org(s, rng)
    c2 = s.add(",", ",", "PUNCT", ",")
    verb = _speech_verb(s, rng)
    s.link(c1, role, "punct")
    s.link(det, role, "det")
    s.link(of, org, "case")
    s.link(org, role, "nmod")
    s.link(c2, role, "punct")
    s.link(role, subj, "appos")
    s.link(subj, verb, "nsubj")
    return _report(s, q, verb)


def t_plain(rng: random.Random) -> Sentence:
    """X visited the Y on Monday.  (no quote, no speech verb)"""
    s = Sentence()
    subj = _speaker(s, rng, rng.random() * 0.85)
    verb = s.add(*rng.choice([("visited", "visit"), ("met", "meet"), ("left", "leave"), ("joined", "join")]), "VERB", "VBD")
    obj = _org(s, rng)
    on = s.add("on", "on", "ADP", "IN")
    day = s.word(rng.choice(["Monday", "Tuesday", "Friday"]), "PROPN", "NNP")
    s.link(subj, verb, "nsubj")
    s.link(obj, verb, "obj")
    s.link(on, day, "case")
    s.link(day, verb, "obl")
    _punct(s, ".", verb)
    return _finish(s, verb)


TEMPLATES: list[tuple[Callable[[random.Random], Sentence], int]] = [
    (t_quote_x_said, 6), (t_quote_said_x, 3), (t_x_said_colon, 3), (t_according_to, 2),
    (t_passive, 1), (t_appos, 2), (t_plain, 3),
]


def build_corpus(n_sentences: int, seed: int) -> list[list[Sentence]]:
    """Paragraphs of 1-3 synthetic sentences, all drawn from one seeded generator."""
    rng = random.Random(seed)
    funcs = [f for f, weight in TEMPLATES for _ in range(weight)]
    paragraphs: list[list[Sentence]] = []
    made = 0
    while made < n_sentences:
        para = [rng.choice(funcs)(rng) for _ in range(rng.randint(1, 3))]
        for s in para:
            _set_spacing(s)
            s.rows[0]["form"] = s.rows[0]["form"][:1].upper() + s.rows[0]["form"][1:]
        paragraphs.append(para)
        made += len(para)
    return paragraphs


def _set_spacing(s: Sentence) -> None:
    """No space after an opening mark, none before closing marks and punctuation."""
    rows = s.rows
    in_quote = False
    for i, row in enumerate(rows):
        form = row["form"]
        opening = form == "“" or (form == '"' and not in_quote)
        if form in ('"', "“", "”"):
            in_quote = opening
        if opening:
            row["space"] = False
        if i and (form in NO_SPACE_BEFORE or (form == '"' and not opening)):
            rows[i - 1]["space"] = False


def sentence_text(s: Sentence) -> str:
    """The sentence as raw text, following the spacing flags."""
    return "".join(r["form"] + (" " if r["space"] else "") for r in s.rows).rstrip()


def write_conllu(paragraphs: list[list[Sentence]], path: Path) -> None:
    """CoNLL-U with # text comments and SpaceAfter=No."""
    lines: list[str] = []
    for para in paragraphs:
        for s in para:
            lines.append(f"# text = {sentence_text(s)}")
            for i, r in enumerate(s.rows, 1):
                misc = "_" if r["space"] else "SpaceAfter=No"
                lines.append("\t".join([str(i), r["form"], r["lemma"], r["upos"], r["xpos"], "_",
                                        str(r["head"]), r["deprel"], "_", misc]))
            lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_tokenizer_data(paragraphs: list[list[Sentence]], txt: Path, labels: Path) -> None:
    """Raw text and per-character labels (1 end of token, 2 end of sentence), blank line per paragraph."""
    texts, labs = [], []
    for para in paragraphs:
        t, lab = [], []
        for s in para:
            for j, r in enumerate(s.rows):
                form = r["form"]
                t.append(form)
                lab.append("0" * (len(form) - 1) + ("2" if j == len(s.rows) - 1 else "1"))
                if r["space"] or j == len(s.rows) - 1:
                    t.append(" ")
                    lab.append("0")
        texts.append("".join(t).rstrip())
        labs.append("".join(lab)[: len(texts[-1])])
    txt.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    labels.write_text("\n\n".join(labs) + "\n", encoding="utf-8")


def write_ner(paragraphs: list[list[Sentence]], path: Path) -> None:
    """stanza's NER json: a list of sentences, each a list of {text, ner}."""
    data = [[{"text": r["form"], "ner": r["ner"]} for r in s.rows] for p in paragraphs for s in p]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def write_vectors(paragraphs: list[list[Sentence]], path: Path, dim: int, seed: int) -> None:
    """A word2vec-style text file of seeded random vectors for every (lowercased) word."""
    rng = random.Random(seed)
    words = sorted({r["form"].lower() for p in paragraphs for s in p for r in s.rows})
    lines = [f"{len(words)} {dim}"]
    for w in words:
        lines.append(w + " " + " ".join(f"{rng.uniform(-0.5, 0.5):.4f}" for _ in range(dim)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def write_resources(out: Path) -> None:
    """resources.json in the shape stanza's Pipeline reads with download_method=None."""
    lang = out / "en"
    deps = [{"model": "pretrain", "package": PACKAGE}]
    entry: dict = {"lang_name": "English"}
    for proc, needs in (("tokenize", False), ("lemma", False), ("pos", True), ("depparse", True),
                        ("ner", True), ("pretrain", False)):
        model = lang / proc / f"{PACKAGE}.pt"
        entry[proc] = {PACKAGE: {"md5": _md5(model), **({"dependencies": deps} if needs else {})}}
    default = {p: PACKAGE for p in ("tokenize", "pos", "lemma", "depparse", "ner")}
    entry["default_processors"] = default
    entry["packages"] = {"default": default}
    resources = {"en": entry}
    (out / "resources.json").write_text(json.dumps(resources, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")


def train_all(out: Path, steps: int, work: Path) -> None:
    """Generate the data, then run stanza's five trainers and lay the models out under `out`."""
    import torch

    torch.set_num_threads(1)  # other jobs share the CPU; one thread is also more reproducible
    torch.use_deterministic_algorithms(True)
    from stanza.models import lemmatizer, ner_tagger, parser, tagger, tokenizer
    from stanza.models.common.pretrain import Pretrain

    train_paras = build_corpus(400, SEED)
    dev_paras = build_corpus(40, SEED + 1)
    train_conllu, dev_conllu = work / "train.conllu", work / "dev.conllu"
    write_conllu(train_paras, train_conllu)
    write_conllu(dev_paras, dev_conllu)
    write_tokenizer_data(train_paras, work / "train.txt", work / "train.labels")
    write_tokenizer_data(dev_paras, work / "dev.txt", work / "dev.labels")
    write_ner(train_paras, work / "train.ner.json")
    write_ner(dev_paras, work / "dev.ner.json")
    (work / "mwt.json").write_text("[]\n", encoding="utf-8")
    write_vectors(train_paras + dev_paras, work / "vectors.txt", 16, SEED)

    lang = out / "en"
    for proc in ("tokenize", "pos", "lemma", "depparse", "ner", "pretrain"):
        (lang / proc).mkdir(parents=True, exist_ok=True)
    pretrain_pt = lang / "pretrain" / f"{PACKAGE}.pt"
    Pretrain(str(pretrain_pt), str(work / "vectors.txt")).load()
    common = ["--seed", str(SEED), "--shorthand", "en_tiny"]
    small = ["--word_emb_dim", "16", "--char_emb_dim", "16", "--char_hidden_dim", "32",
             "--hidden_dim", "32", "--num_layers", "1", "--wordvec_pretrain_file", str(pretrain_pt)]

    # (processor, stanza's trainer, takes the `small` embedding sizes, the trainer's own arguments)
    stages: list[tuple[str, Callable[[list[str]], object], bool, list[str]]] = [
        ("tokenize", tokenizer.main, False, [
            "--lang", "en", "--txt_file", str(work / "train.txt"),
            "--label_file", str(work / "train.labels"), "--dev_txt_file", str(work / "dev.txt"),
            "--dev_label_file", str(work / "dev.labels"), "--dev_conll_gold", str(dev_conllu),
            "--mwt_json_file", str(work / "mwt.json"), "--no_use_mwt",
            "--emb_dim", "16", "--hidden_dim", "32", "--steps", str(steps),
            "--eval_steps", str(steps + 1), "--batch_size", "32", "--lr0", "0.01", "--dropout", "0.1"]),
        ("lemma", lemmatizer.main, False, [
            "--dict_only", "--train_file", str(train_conllu),
            "--eval_file", str(dev_conllu), "--output_file", str(work / "lemma.out.conllu")]),
        ("pos", tagger.main, True, [
            "--lang", "en", "--train_file", str(train_conllu),
            "--eval_file", str(dev_conllu), "--output_file", str(work / "pos.out.conllu"),
            "--deep_biaff_hidden_dim", "32", "--composite_deep_biaff_hidden_dim", "16",
            "--tag_emb_dim", "8", "--transformed_dim", "16", "--max_steps", str(steps),
            "--eval_interval", str(steps), "--fix_eval_interval", "--batch_size", "64",
            "--lr", "0.01", "--dropout", "0.1", "--word_dropout", "0.1"]),
        ("depparse", parser.main, True, [
            "--lang", "en", "--train_file", str(train_conllu),
            "--eval_file", str(dev_conllu), "--output_file", str(work / "dep.out.conllu"),
            "--deep_biaff_hidden_dim", "32", "--deep_biaff_output_dim", "16", "--tag_emb_dim", "8",
            "--transformed_dim", "16", "--max_steps", str(steps), "--eval_interval", str(steps),
            "--batch_size", "1000", "--no_checkpoint", "--optim", "adam", "--lr", "0.01",
            "--dropout", "0.1", "--word_dropout", "0.1"]),
        ("ner", ner_tagger.main, True, [
            "--train_file", str(work / "train.ner.json"),
            "--eval_file", str(work / "dev.ner.json"), "--max_steps", str(steps),
            "--eval_interval", str(steps), "--batch_size", "32", "--optim", "adam", "--lr", "0.01"]),
    ]
    for name, trainer, sized, args in stages:
        t0 = time.perf_counter()
        trainer([*common, *(small if sized else []), "--mode", "train", *args,
                 "--save_dir", str(lang / name), "--save_name", f"{PACKAGE}.pt"])
        print(f"trained {name} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    write_resources(out)


def main(argv: list[str] | None = None) -> int:
    """Command line: where to write the models and how many steps to train."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "fixtures" / "stanza_tiny"))
    ap.add_argument("--steps", type=int, default=150)
    ap.add_argument("--keep-data", default=None, help="also keep the generated training data here")
    args = ap.parse_args(argv)
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep_data) if args.keep_data else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        train_all(out, args.steps, work)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {out} ({size / 1e6:.2f} MB) in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Vocabularies are built from sets of strings: fix str hashing so reruns match.
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])
    raise SystemExit(main())
