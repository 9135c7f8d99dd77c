"""Where a sentence becomes events: triggers -> roles, places, status, date, numbers.

`events_in_sentence` is the whole story for one sentence: find trigger words
(`triggers`), drop those the clause does not assert (`status`), read who did
it to whom (`roles`) and where (`places`), take the sentence's dates and numbers
that belong to the trigger's clause, and return `Candidate`s. Two triggers of one
type in one sentence with the same actor ("killed in a Russian airstrike") are
one event. The stage (`marsad.events.run`) then merges candidates across
sentences (`merge`) and turns them into records.
"""
from __future__ import annotations

from dataclasses import replace

from marsad.events.candidate import Candidate
from marsad.events.context import SentenceContext
from marsad.events.lexicon import cues, mode_words
from marsad.events.merge import names_overlap
from marsad.events.places import event_places
from marsad.events.roles import event_roles, framing, subject_of
from marsad.events.status import PLANNED, clause_verb, event_status, fate, telling_tag
from marsad.events.triggers import Trigger, find_triggers
from marsad.records import Evidence, Quantity

STATEMENTS = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT"})
# Clause boundaries: a trigger's numbers and dates stop at these.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "conj", "relcl", "parataxis", "csubj"})
QUANTITY_UNITS = frozenset({"fighters", "civilians", "people", "families", "killed", "injured",
                            "buses", "vehicles", "villages", "km"})
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those"})
# Mode specificity, for one event told by two triggers ("struck ..., killing 25").
MODE_RANK = {"capture": 6, "airstrike": 5, "shelling": 4, "bombing": 4, "execution": 3, "clash": 2}
ARMED_KINDS = frozenset({"armed_group", "state_forces"})
# Participles on a truce noun that tell its agreement ("a cease-fire negotiated by Russia").
NEGOTIATED = frozenset({"negotiate", "broker", "mediate", "agree", "reach", "sign"})


def clause_tokens(token) -> list:
    """The trigger's clause: the subtree of its clause head, minus embedded clauses."""
    head = token
    while head.dep_ not in CLAUSE_DEPS and head.head.i != head.i and head.pos_ != "VERB":
        head = head.head
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children
                     if c.dep_ not in CLAUSE_DEPS or token in c.subtree)
    if token.pos_ != "VERB":
        out.extend(t for t in token.subtree if t not in out)
    return sorted(out, key=lambda t: t.i)


def refine_mode(trigger: Trigger, clause: list, recipient) -> str | None:
    """Weapon words pick the ASSAULT mode of a generic trigger ("warplanes carried out attacks")."""
    row = trigger.row
    if row.type != "ASSAULT" or row.mode != "other":
        return row.mode
    words = mode_words()
    for t in clause:
        mode = words.get(t.lemma_.lower()) or words.get(t.lower_)
        if mode:
            return mode
    if recipient is not None and recipient.kind in ARMED_KINDS:
        return "clash"
    return row.mode


def _quantities(ctx: SentenceContext, clause_idx: set[int]) -> list[Quantity]:
    out = []
    for q in ctx.quantities:
        unit = getattr(q, "unit", None)
        if unit not in QUANTITY_UNITS:
            continue
        tok = ctx.token_at(ctx.offset + q.start, ctx.offset + q.end)
        if tok is None or tok.i not in clause_idx:
            continue
        out.append(Quantity(q.value, q.low, q.high, unit, bool(q.approx), q.text))
    return out


def _is_report_date(tok, trigger_tok) -> bool:
    """A date on a verb of saying ("SOHR said on Monday") dates the report, not the event."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX"):
            return cur.i != trigger_tok.i and cur.lemma_.lower() in cues("report")
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _dates_another_noun(tok, trigger_tok, span: tuple[int, int]) -> bool:
    """A date hung on a noun that is not the trigger ("since the invasion of Iraq in 2003",
    "a gas attack in 2013", "the peak of its power in 2014") dates that noun's happening, not
    the trigger's. Asked of named months and years only, the way background history is told: a
    day ("on Monday") hung on a noun is more often the parser's slip or the same day's news, and
    a relative one ("talks in Astana next month") the plan's own time.
    `span` is the date's character span: its own words ("the 5th of May") are no such noun."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i == trigger_tok.i or cur.pos_ in ("VERB", "AUX"):
            return False
        if cur.pos_ == "NOUN" and not span[0] <= cur.idx < span[1]:
            return True
    return False


def _date(ctx: SentenceContext, trigger_tok, clause_idx: set[int], event_type: str):
    """(ISO value, words) of the date that belongs to the trigger, preferring its own clause."""
    best = None
    for d in ctx.dates:
        kind = getattr(d, "kind", "point")
        if kind == "until" or (kind == "since" and event_type == "ASSAULT"):
            continue  # "since 2014" dates a siege or a displacement, not an attack or a capture
        span = (ctx.offset + d.start, ctx.offset + d.end)
        tok = ctx.token_at(*span)
        if tok is None or _is_report_date(tok, trigger_tok):
            continue
        inside = tok.i in clause_idx
        if d.precision in ("month", "year") and not d.relative and _dates_another_noun(tok, trigger_tok, span):
            continue
        if best is None or (inside and not best[0]):
            best = (inside, d)
    if best is None:
        return None, None
    return best[1].value, best[1].text


def _carrier(tok) -> str | None:
    """The vehicle word of "buses entered the town", "a convoy of 44 trucks entered Madaya":
    vehicles entering a place carry people or goods; they take nothing (goods vehicles bring
    aid)."""
    subj = subject_of(tok) if tok.pos_ == "VERB" else None
    if subj is None:
        return None
    word = subj.lemma_.lower()
    return word if word in cues("carrier") else None


RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
# Prepositions naming the talks where or through which a deal was made ("at talks", "under mediation").
SETTING_PREPS = frozenset({"at", "under", "through", "via", "in"})


def _describes_antecedent(tok, ctx: SentenceContext) -> bool:
    """"fighters who rejected the deals", "rebels who vowed to fight", "the group that has captured
    large expanses": a relative clause whose subject is its antecedent describes that party by
    what it did; with no time of its own it tells no event (EVENTS.md 7.4, 7.6). "Kafr Nabudah,
    which the army captured on 8 May" (object relative, dated) still does, and so does what is
    under way ("towns which are besieged by rebels")."""
    head = tok
    while head.dep_ in ("xcomp", "conj") and head.head.i != head.i and head.head.pos_ in ("VERB", "AUX"):
        head = head.head
    if head.dep_ != "relcl" or head.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE_PRONOUNS for c in head.children):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in head.children):
        return False  # "villages which are besieged by rebels": under way as the story is told
    inside = {t.i for t in head.subtree}
    for d in ctx.dates:
        t = ctx.token_at(ctx.offset + d.start, ctx.offset + d.end)
        if t is not None and t.i in inside:
            return False
    return True


def _nobody_did_it(tok) -> bool:
    """"No civilians left the enclave", "no one was hurt": the subject says it did not happen."""
    return tok.pos_ == "VERB" and any(
        c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nobody", "none", "no-one")
                                              or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
        for c in tok.children)


def _into_the_air(tok) -> bool:
    """"Opened fire in the air to disperse the crowd": warning shots, no attack on anyone."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "into")
               and any(g.dep_ == "pobj" and g.lower_ == "air" for g in c.children) for c in tok.children)


def _asked_for(tok) -> bool:
    """"The UN calls for a truce to allow evacuations": what an asked-for thing would do is no event."""
    if tok.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if tok.dep_ == "advcl":
        return cues("governor").get(tok.head.lemma_.lower()) == "skip"   # "calls for a truce to allow"
    if tok.dep_ != "acl" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return False
    holder = clause_verb(tok.head)
    return holder.i != tok.head.i and cues("governor").get(holder.lemma_.lower()) == "skip"


def _not_told(trigger: Trigger, ctx: SentenceContext) -> bool:
    """Sentence-level reasons a trigger word tells no event (EVENTS.md 7.4)."""
    tok = trigger.token
    if _asked_for(tok) or (tok.pos_ != "VERB" and _asked_for(clause_verb(tok))):
        return True
    if trigger.row.type == "COOPERATE" and tok.pos_ != "VERB" and tok.dep_ == "pobj" and tok.head.lower_ == "in":
        return True   # "impose security in cooperation with the locals": how it was done, not an event
    if tok.pos_ == "VERB" and (_describes_antecedent(tok, ctx) or _nobody_did_it(tok)):
        return True
    return trigger.row.type == "ASSAULT" and _into_the_air(tok)


def _another(tok) -> bool:
    """"Similar agreements took place in Hameh", "a fresh attack": another instance of its kind."""
    return tok.pos_ != "VERB" and any(c.dep_ in ("amod", "det") and c.lower_ in cues("another")
                                      for c in tok.children)


def _telling_tag(tok) -> str:
    """The tense tag that tells the trigger: a bare verb after "let" or "allow" is told by them; a
    bare gerund ("soldiers who die taking positions") tells no tense and reads as "VBG-bare"."""
    tag = telling_tag(tok)
    verb = clause_verb(tok)
    if verb.dep_ in ("ccomp", "xcomp") and cues("governor").get(verb.head.lemma_.lower()) == "inherit" \
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return telling_tag(verb.head)  # "let fighters escape": the parser may tag the bare verb VBP
    if tag == "VBG" and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "pcomp", "acl") and \
            not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return "VBG-bare"
    return tag


def _toll(tok) -> bool:
    """"Two fighters were killed": victims counted, no killer named (a passive casualty verb)."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in cues("toll") and \
        not any(c.dep_ == "agent" for c in tok.children) and \
        (any(c.dep_ == "nsubjpass" for c in tok.children) or tok.lemma_.lower() == "die")


def _nested_in_noun(tok) -> bool:
    """A noun trigger hanging off another noun ("reaction to the deal"), not off a verb."""
    return tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("NOUN", "PROPN")


def _anaphoric(tok) -> bool:
    if tok.pos_ == "VERB":
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETS | {"its", "their"}
               for c in tok.children)


def candidate_for(trigger: Trigger, ctx: SentenceContext, section: str, is_place, is_actor,
                  others: frozenset[int] = frozenset()) -> Candidate | None:
    tok, row = trigger.token, trigger.row
    status = event_status(trigger, ctx.sentence.text)
    if status is None or _not_told(trigger, ctx):
        return None
    actor, recipient = event_roles(trigger, ctx, is_place, is_actor)
    event_type, mode = row.type, row.mode
    if event_type == "AGREE" and mode == "truce" and tok.pos_ != "VERB":
        if fate(tok) == "effect":
            event_type, mode = "CONCEDE", "ceasefire"
    if event_type == "SUPPORT" and tok.pos_ == "VERB" and recipient is not None and recipient.kind in ARMED_KINDS \
            and actor is not None and actor.kind in ARMED_KINDS:
        event_type = "COOPERATE"  # "the militias support the armed forces": fighting beside them, not words
    if event_type == "CONCEDE" and mode == "allow" and (actor is None or actor.id is None):
        return None  # "X allowed Y to leave" needs a named X; "the deal will allow" is no concession
    carrier = _carrier(tok) if event_type == "ASSAULT" and mode == "capture" else None
    if carrier is not None:
        if cues("carrier")[carrier] != "aid":
            return None
        event_type, mode, actor, recipient = "AID", None, None, None   # the trucks are no actor
    clause = clause_tokens(tok)
    clause_idx = {t.i for t in clause}
    if event_type == row.type:     # a truce taking effect keeps its CONCEDE/ceasefire
        mode = refine_mode(trigger, clause, recipient)
    location, origin, destination = event_places(tok, event_type, mode, ctx, others)
    if event_type in STATEMENTS:
        location = origin = destination = None
    date, date_text = _date(ctx, tok, clause_idx, event_type)
    seg_text = ctx.sentence.text.strip()  # still verbatim: only the blank lines around it go
    anaphoric = _anaphoric(tok)
    ev = Evidence(section, seg_text, None if section == "article" else ctx.sentence.segment)
    return Candidate(
        type=event_type, mode=mode, section=section, segment=ctx.sentence.segment,
        actor=actor, recipient=recipient, location=location, origin=origin, destination=destination,
        date=date, date_text=date_text, status=status, weight=row.weight,
        position=ctx.offset + (tok.idx - ctx.span.start_char), sentence_start=ctx.sentence.start,
        evidence=[ev], quantities=_quantities(ctx, clause_idx),
        sources=_sources(ctx, event_type, actor, tok), confirmed=ctx.confirmed, anaphoric=anaphoric, trigger_tag=_telling_tag(tok),
        another=_another(tok), toll=_toll(tok),
        reference=actor is None and (event_type == "AGREE" and framing(tok) or location is None and origin is None
                                     and destination is None and (recipient is None or tok.pos_ != "VERB"
                                                                  and (anaphoric or _nested_in_noun(tok)))))


def _sources(ctx: SentenceContext, event_type: str, actor, tok) -> list:
    """Whom the sentence credits for the trigger's claim. A statement's speaker is its actor,
    not its source ("the US military said it did not rule out airstrikes"); an outlet in
    parentheses credits what comes before it ("Qalamoun surrendered (Al-Masdar), Rastan is
    negotiating": not the negotiating)."""
    at = tok.idx - ctx.span.start_char
    out = []
    for s in ctx.sources:
        if event_type in STATEMENTS and actor is not None and names_overlap(s.name, actor.name):
            continue
        paren = ctx.sentence.text.find(f"({s.name})")
        after = ctx.sentence.text[paren + len(s.name) + 2:].lstrip()[:1]
        if 0 <= paren < at and after in ("", ",", ";", "."):   # a clause's end, not a dateline
            continue
        out.append(s)
    return out


def _same_event(a: Candidate, b: Candidate) -> bool:
    if a.type != b.type:
        return False
    if a.actor is None or b.actor is None:
        return True
    return (a.actor.id or a.actor.name) == (b.actor.id or b.actor.name)


def _absorb(into: Candidate, other: Candidate) -> None:
    for f in ("actor", "recipient", "location", "origin", "destination", "date", "date_text"):
        if getattr(into, f) is None and getattr(other, f) is not None:
            setattr(into, f, getattr(other, f))
    if MODE_RANK.get(other.mode or "", 0) > MODE_RANK.get(into.mode or "", 0):
        into.mode = other.mode
    into.weight = max(into.weight, other.weight)
    known = {(q.unit, q.value) for q in into.quantities}
    into.quantities += [q for q in other.quantities if (q.unit, q.value) not in known]
    if into.status == PLANNED and other.status != PLANNED:
        into.status = other.status
    # "Thursday's deal, in which rebels agreed to ...": a passing mention told again with its
    # parties in the same sentence is a record of its own
    into.reference = into.reference and other.reference


def _agreement_behind(trigger: Trigger, cand: Candidate) -> Candidate | None:
    """"A cease-fire negotiated by Russia and the United States took effect": the truce taking
    effect (CONCEDE, nobody named as granting it) and, told with it, its agreement by the
    negotiators (AGREE/truce): two records (EVENTS.md section 8)."""
    if cand.type != "CONCEDE" or trigger.row.type != "AGREE" or cand.actor is None:
        return None
    if not any(c.dep_ == "acl" and c.lemma_.lower() in NEGOTIATED for c in trigger.token.children):
        return None
    agreed = replace(cand, type="AGREE", mode="truce", location=None, origin=None, destination=None,
                     evidence=list(cand.evidence), quantities=[], sources=list(cand.sources),
                     inferred=set(cand.inferred))
    agreed.date = agreed.date_text = None   # the day it took effect is not the day it was agreed
    cand.actor = cand.recipient = None
    return agreed


def _one_phrase(a: Trigger, b: Trigger) -> bool:
    """Two trigger words of one type, one governing the other ("took control of Afrin"): one
    event, whose places are both words'."""
    return a.row.type == b.row.type and (a.token.head.i == b.token.i or b.token.head.i == a.token.i)


def _object_word(noun: Trigger, verb: Trigger) -> bool:
    """"preparing an offensive", "suspend its offensive", "lift the siege": a noun the verb's row
    needs as its object is that verb's event, not one of its own."""
    tok = noun.token
    return tok.pos_ != "VERB" and verb.row.type != noun.row.type and tok.head.i == verb.token.i \
        and tok.dep_ in ("dobj", "obj") and (tok.lemma_.lower() in verb.row.needs or tok.lower_ in verb.row.needs)


def _setting_of_deal(talks: Trigger, agreed: Trigger) -> bool:
    """"agreed to it at UN-sponsored talks in Sweden", "the agreement was reached under Qatari
    mediation": talks named as where or how a deal was made are that deal's setting, not
    another event."""
    tok = talks.token
    if talks.row.type != "CONSULT" or agreed.row.type != "AGREE" or tok.pos_ == "VERB" \
            or tok.dep_ != "pobj" or tok.head.lower_ not in SETTING_PREPS:
        return False
    return clause_verb(tok).i == clause_verb(agreed.token).i


def events_in_sentence(ctx: SentenceContext, section: str, is_place, is_actor) -> list[Candidate]:
    out: list[Candidate] = []
    found = find_triggers(ctx.span, is_place, is_actor)
    found = [t for t in found if not any(_object_word(t, v) or _setting_of_deal(t, v) for v in found)]
    for trig in found:
        others = frozenset(t.token.i for t in found if t.token.i != trig.token.i
                           and not _one_phrase(trig, t))
        cand = candidate_for(trig, ctx, section, is_place, is_actor, others)
        if cand is None:
            continue
        agreed = _agreement_behind(trig, cand)
        if agreed is not None:
            out.append(agreed)
        same = next((c for c in out if _same_event(c, cand)), None)
        if same is not None:
            _absorb(same, cand)
        else:
            out.append(cand)
    return out
