"""Find the words in a parsed sentence that name an event (`triggers.tsv`).

A trigger is a verb ("withdrew", "struck") or a noun ("the withdrawal", "an
airstrike on") whose lemma is in the lexicon. Some rows need a second word
("pull out", "open a corridor", "safe passage") or an object of a kind ("took
the town": @place; "captured 20 fighters": @actor), and those win over bare rows.
Participles that only describe a noun ("the besieged town", "an area
controlled by HTS") are not events.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from marsad.events.lexicon import TriggerRow, cues, territory, triggers

VERB_TAGS = ("VERB",)
NOUN_TAGS = ("NOUN", "PROPN")
# Dependency labels of a participle that modifies a noun instead of telling an event.
MODIFIER_DEPS = ("amod", "acl")
OBJECT_DEPS = ("dobj", "obj", "attr", "nsubjpass", "pobj")


@dataclass(frozen=True)
class Trigger:
    token: object            # spaCy Token
    row: TriggerRow


def _pos_ok(token, pos: str) -> bool:
    if pos == "VERB":
        return token.pos_ in VERB_TAGS
    if pos == "NOUN":
        return token.pos_ in NOUN_TAGS
    return token.pos_ in VERB_TAGS + NOUN_TAGS


def objects(token) -> list:
    """The token's direct objects and the objects of its prepositions and particles."""
    out = []
    for c in token.children:
        if c.dep_ in ("dobj", "obj", "attr"):
            out.append(c)
        elif c.dep_ in ("prep", "prt", "agent"):
            out.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
            out.extend(p for g in c.children if g.dep_ == "prep" for p in g.children if p.dep_ == "pobj")
    return out


def _of_time(prep) -> bool:
    """A preposition whose object is a time ("on Tuesday", "in June")."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return prep.dep_ == "prep" and bool(objs) and all(g.ent_type_ in ("DATE", "TIME") for g in objs)


def _words_near(token) -> set[str]:
    """Lemmas and words that can satisfy a row's `with`: children, objects, their modifiers."""
    near = [token, token.head] if token.pos_ in NOUN_TAGS else [token]
    if token.pos_ in NOUN_TAGS and token.dep_ in ("dobj", "obj") and token.head.lemma_.lower() in cues("light"):
        # "carried out several strikes on positions": the light verb holds the noun's preposition
        near.extend(c for c in token.head.children if c.dep_ == "prep")
    for c in token.children:
        if _of_time(c):
            continue    # "called a massacre on Tuesday": a date's "on" is no "call on"
        near.append(c)
        # a grandchild preposition is another word's ("calling it an act of aggression on Syria" is
        # no "call on"); only the trigger's own prepositions, or a clause's "for", satisfy a row
        near.extend(g for g in c.children if g.dep_ in ("pobj", "compound", "amod")
                    or (g.dep_ == "mark" and c.dep_ in ("advcl", "ccomp")))  # "called for X to be ..."
    near.extend(o for o in objects(token) if not _of_time(o.head))
    words = set()
    for t in near:
        if t.i == token.i:
            continue
        words.update((t.lemma_.lower(), t.lower_))
    return words


# Prepositions whose object can be the ground an action takes ("advanced on", "pulled out of").
GROUND_PREPS = frozenset({"from", "into", "to", "towards", "toward", "on", "of", "out", "across"})


def _ground_objects(token) -> list:
    """Direct objects (or passive subjects) and objects of movement prepositions."""
    out = [c for c in token.children if c.dep_ in ("dobj", "obj", "attr", "nsubjpass")]
    for c in token.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in GROUND_PREPS:
            out.extend(g for g in c.children if g.dep_ == "pobj")
            out.extend(p for g in c.children if g.dep_ == "prep" for p in g.children if p.dep_ == "pobj")
    return out


def _names_ground(token, is_place: Callable) -> bool:
    """A phrase whose head or its "of" complement is a place or a ground noun ("the center of
    al-Bab"; not "care of the problem in the border area")."""
    near = [token] + [c for c in token.children if c.dep_ == "compound"]
    near += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj"]
    return any(is_place(t) or t.lemma_.lower() in territory() for t in near)


def _addressed(token) -> bool:
    """"asked Ankara to let them in": someone is asked to do something (not "a source who asked
    not to be named")."""
    return any(c.dep_ in ("dobj", "obj") for c in token.children) and \
        any(c.dep_ == "xcomp" for c in token.children)


def _leaves_in_state(token) -> bool:
    """"The battle left Raqqa in ruins", "left 10 million homeless", "fighters left behind": what
    a place or people were left in, not anyone leaving (`result` cues)."""
    for c in token.children:
        if c.dep_ == "oprd" or (c.dep_ == "ccomp" and c.pos_ == "ADJ") or \
                (c.dep_ == "advmod" and c.lower_ == "behind"):
            return True
        if c.dep_ == "prep" and c.lower_ == "in" and \
                any(g.dep_ == "pobj" and g.lemma_.lower() in cues("result") for g in c.children):
            return True
    return False


def needs_met(token, row: TriggerRow, is_place: Callable, is_actor: Callable) -> bool:
    if row.roles == "intrans" and any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in token.children):
        return False  # "pulled out bodies", "two people were pulled out alive" are no withdrawal
    if row.type == "RETREAT" and token.pos_ in VERB_TAGS and _leaves_in_state(token):
        return False
    if row.roles == "negated" and not any(c.dep_ == "neg" for c in token.children):
        return False
    if row.roles == "state" and token.tag_ in ("VBZ", "VBP") and \
            not any(c.dep_ in ("aux", "auxpass") for c in token.children):
        return False  # "the group still controls Mosul" tells how things stand, not an event
    if not row.needs:
        return True
    words = _words_near(token)
    ground = _ground_objects(token)
    if row.roles == "direct":   # "took the town", not "were taken to Idlib"
        ground = [c for c in token.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    for need in row.needs:
        if need == "@place" and any(_names_ground(o, is_place) for o in ground):
            return True
        if need == "@actor" and any(is_actor(o) and not is_place(o) for o in ground):
            return True
        if need == "@addressee" and _addressed(token):
            return True
        if need in words:
            return True
    return False


def is_modifier(token) -> bool:
    """A participle used as an adjective or reduced relative clause, not a told event
    ("an agreement to withdraw", an infinitive, is one)."""
    return token.pos_ in VERB_TAGS and token.dep_ in MODIFIER_DEPS and token.tag_ != "VB"


def _hyphenated_rows(tok, table) -> tuple | None:
    """The parser splits "cease-fire" into "cease", "-", "fire": the word is the whole compound."""
    if tok.i < 2 or tok.nbor(-1).text != "-" or tok.nbor(-1).whitespace_ or tok.nbor(-2).whitespace_:
        return None
    first = tok.nbor(-2).lower_
    return table.get(f"{first}-{tok.lemma_.lower()}") or table.get(f"{first}-{tok.lower_}")


def find_triggers(span, is_place: Callable, is_actor: Callable) -> list[Trigger]:
    """Triggers in a sentence span, in text order, one per token."""
    table = triggers()
    found = []
    for tok in span:
        rows = _hyphenated_rows(tok, table) or table.get(tok.lemma_.lower()) or table.get(tok.lower_)
        if not rows:
            continue
        if tok.pos_ == "PROPN" and is_actor(tok):
            continue  # a word of a name ("the Government of National Accord") tells no event
        if is_modifier(tok):  # only backing air power counts as a participle ("backed by jets")
            rows = tuple(r for r in rows if r.roles == "support")
        for row in rows:
            if _pos_ok(tok, row.pos) and needs_met(tok, row, is_place, is_actor):
                found.append(Trigger(tok, row))
                break
    return found
