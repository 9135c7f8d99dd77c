"""Whether an event happened, is planned, failed or is denied, or is no event at all.

Read from the trigger's clause (`event_cues.tsv`): a modal "will"/"would" makes it
planned, "could"/"may"/"should" speculation (skipped); a governing verb passes its
meaning down ("agreed to withdraw": planned; "denied that its forces had
targeted": denied; "allowed them to leave": as "allowed" is); "not going to
withdraw" failed; a negated plain fact, a conditional ("if"), a question, or a
habitual statement ("repeatedly attacked") is no event (EVENTS.md section 7.4).
A noun trigger takes the status of the clause it sits in, and its fate verb:
"the deal collapsed" failed; "the ceasefire took effect" is a ceasefire holding.
"""
from __future__ import annotations

from marsad.events.lexicon import cues

OCCURRED, PLANNED, FAILED, DENIED = "occurred", "planned", "failed", "denied"
SKIP = "skip"
MAX_DEPTH = 4
# Nouns whose clause can tell their fate ("the truce collapsed", "the ceasefire took effect").
FATED_TYPES = frozenset({"AGREE", "CONCEDE"})


def _local(verb) -> tuple[str | None, bool]:
    """(effect of the verb's own modals and markers, negated?)."""
    effect, negated = None, False
    for c in verb.children:
        low = c.lower_
        if c.dep_ == "aux" and low in cues("modal"):
            effect = cues("modal")[low]
            if effect == SKIP:
                return SKIP, False
        elif c.dep_ == "neg" or (c.dep_ == "det" and low == "no"):
            negated = True
        elif c.dep_ == "mark" and low in cues("mark"):
            return SKIP, False
        elif c.dep_ == "advmod" and low in cues("habit"):
            return SKIP, False
        elif c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in cues("mark") for g in c.children):
            return SKIP, False  # "they will attack if the talks fail": a conditional
    return effect, negated


def clause_status(verb, depth: int = 0, own_negation: bool = True) -> str | None:
    """Status of the clause headed by `verb`, or None when it tells no event. A governor's
    own negation is read by the clause it governs ("not going to withdraw": failed)."""
    effect, negated = _local(verb)
    negated = negated and own_negation
    if _counterfactual(verb):
        return None  # "it would have killed them all": it did not happen
    if effect == SKIP:
        return None
    status = PLANNED if effect == "planned" else OCCURRED
    head = verb.head
    if depth < MAX_DEPTH and head.i != verb.i and verb.dep_ in ("xcomp", "ccomp", "conj", "advcl", "relcl"):
        gov = cues("governor").get(head.lemma_.lower()) if verb.dep_ in ("xcomp", "ccomp") else "inherit"
        if verb.dep_ == "xcomp" and head.lemma_.lower() == "be" and _infinitive(verb):
            gov = "planned"     # "both sides are to withdraw within 21 days"
        if gov == SKIP:
            return None
        if gov in ("planned", "denied", "failed"):
            _, head_negated = _local(head)
            outer = clause_status(head, depth + 1, own_negation=False)
            if outer is None:
                return None
            if gov == "planned":
                return FAILED if head_negated or negated else PLANNED
            return DENIED if gov == "denied" else FAILED
        if gov == "inherit" and head.pos_ in ("VERB", "AUX"):
            outer = clause_status(head, depth + 1)
            if outer is None:
                return None
            if outer != OCCURRED and status == OCCURRED and not (outer == PLANNED and _own_tense(verb)):
                status = outer
    if verb.dep_ == "advcl" and _infinitive(verb) and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in cues("intent") for c in head.children):
        # "reached a deal with the government to leave": the parser hangs the deal's infinitive
        # on the verb; agreed, not yet done (or not even agreed: "negotiating a deal to leave")
        if cues("governor").get(head.lemma_.lower()) == SKIP:
            return None
        status = PLANNED if status == OCCURRED else status
    if verb.dep_ == "advcl" and _infinitive(verb) and head.lemma_.lower() in cues("light") and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() not in cues("intent") for c in head.children):
        return None  # "launched a campaign two weeks ago to seize the capital": the aim, hung on the verb
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN") and _infinitive(verb) \
            and head.lemma_.lower() not in cues("intent"):
        return None  # "an offensive to capture Tripoli": an aim, not an event (but "a deal to withdraw" is)
    if depth < MAX_DEPTH and verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        # "a strategy of the regime to allow ...": the clause holding the noun decides
        holder = clause_verb(head)
        if head.dep_ in ("dobj", "obj") and cues("governor").get(holder.lemma_.lower()) == SKIP:
            return None  # "negotiating a deal to leave", "calls for a truce to evacuate": not agreed
        outer = clause_status(holder, depth + 1)
        if outer is None:
            return None
        if _infinitive(verb):
            status = PLANNED  # "a deal to withdraw": agreed, not yet done
        elif outer != OCCURRED and status == OCCURRED:
            status = outer
    if negated:
        # "will not withdraw", "not going to withdraw" failed; "did not attack" is no event
        return FAILED if status == PLANNED else None
    return status


def _own_tense(verb) -> bool:
    """A coordinated clause with a tense of its own ("X would head to Idlib, and Y had refused
    the deal") does not share the other clause's "would"; a bare verb ("will leave and hand
    over") does."""
    if verb.dep_ != "conj":
        return False
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP") and c.lower_ not in cues("modal")
        for c in verb.children)


def _infinitive(verb) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _counterfactual(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children) and \
        any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def telling_tag(token) -> str:
    """The tense tag of the finite verb that tells a trigger: "allowed ... to escape" is told
    by "allowed" (VBD), "make such deals" by "make" (VBP)."""
    cur = clause_verb(token)
    for _ in range(MAX_DEPTH):
        if cur.tag_ not in ("VB", "TO") or cur.dep_ not in ("xcomp", "ccomp", "advcl", "acl") \
                or cur.head.i == cur.i:
            break
        cur = cur.head
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "VBD") and c.lemma_ in ("have", "be")
           for c in cur.children) and cur.tag_ in ("VBN", "VBG"):
        return cur.tag_  # "have captured", "is negotiating"
    return cur.tag_


def clause_verb(token):
    """The verb whose clause holds a noun (the noun itself for verbs)."""
    cur = token
    for _ in range(MAX_DEPTH * 2):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def fate(noun) -> str | None:
    """What the clause says became of a deal or ceasefire noun: failed, effect, or nothing."""
    head = noun.head
    if noun.dep_ in ("nsubj", "dobj", "nsubjpass", "obj"):
        return cues("fate").get(head.lemma_.lower()) or None
    return None


def event_status(trigger, sentence_text: str) -> str | None:
    tok = trigger.token
    if tok.dep_ == "pcomp" and (tok.head.lower_ == "without" or tok.head.head.pos_ in ("NOUN", "PROPN")):
        return None  # "without bombing", "the risks of supporting the rebels": no event told
    if tok.dep_ == "relcl" and tok.tag_ in ("VBZ", "VBP"):
        return None  # "civilians who refuse to live under the regime": a description, not an event
    if sentence_text.rstrip().rstrip("\"”'’ )").endswith("?"):
        return None
    if tok.pos_ != "VERB" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return None
    verb = clause_verb(tok)
    if tok.pos_ != "VERB" and verb.i != tok.i and cues("governor").get(verb.lemma_.lower()) == SKIP:
        return None  # "calls for a truce", "called for the lifting of all sieges": asked for, not told
    if tok.pos_ != "VERB" and tok.dep_ == "pobj" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        return OCCURRED  # a mention inside a noun phrase ("reaction to the deal") has no clause of its own
    if tok.dep_ == "pcomp" and tok.head.head.pos_ in ("VERB", "AUX") and clause_status(tok.head.head) is None:
        return None  # "could benefit from a cease-fire by evacuating civilians": as unsure as its verb
    status = clause_status(verb, own_negation=trigger.row.roles != "negated")
    if status is None:
        return None
    if tok.pos_ != "VERB" and tok.dep_ in ("nsubj", "nsubjpass") and status == PLANNED \
            and trigger.row.type in FATED_TYPES and fate(tok) is None:
        status = OCCURRED  # "the agreement will allow them to leave": the agreement exists
    if tok.pos_ != "VERB" and trigger.row.type in FATED_TYPES and fate(tok) == "failed":
        return FAILED
    if trigger.row.type == "RETREAT" and status == OCCURRED and tok.dep_ == "xcomp" \
            and cues("attempt").get(tok.head.lemma_.lower()) == FAILED:
        return FAILED  # "militants try to retreat westwards": only tried
    if tok.pos_ != "VERB" and status == DENIED and verb.lemma_.lower() not in cues("light"):
        return OCCURRED  # "denied the evacuation was a surrender": the evacuation itself is not denied
    return status
