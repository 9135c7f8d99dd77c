"""Who acts and who is acted on, read from the dependency parse.

Verbs: the actor is the subject (or the "by" agent of a passive), the recipient
the object, or the object of "against", "on", "with". A verb without its own
subject borrows one: "rebels agreed to pull out" (the governor's subject),
"allowed 1,500 civilians to withdraw" (the governor's object), "struck ...,
killing 25" (the main clause's). Nouns: "Russia's airstrikes", "Russian
airstrikes", "clashes between A and B", "the withdrawal of X", and the subject of
a light verb ("ISIS reached an agreement with Y"). Movement verbs whose object is
the moved party ("will evacuate ISIS fighters") make that object the actor.
Words become actors through `doc.actors` (canonical ids); a noun phrase the actor
registry does not know keeps its words as the name, with no id.
"""
from __future__ import annotations

from marsad.events.context import SentenceContext
from marsad.events.lexicon import cues, mode_words, territory, triggers
from marsad.nlp.quantities import counted_unit
from marsad.records import Actor

# Pronouns that stand for an actor named earlier (resolved to the nearest one before).
ANAPHORS = frozenset({"he", "she", "it", "they", "them", "its", "their", "his", "her"})
RELATIVES = frozenset({"who", "which", "that", "whom"})
# Children that belong to an argument's core noun phrase (the rest: relative clauses, appositions...).
CORE_DEPS = frozenset({"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "conj", "cc",
                       "case", "punct", "advmod", "npadvmod", "prep", "pobj", "appos"})
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
MOVERS = frozenset({"RETREAT", "MOBILIZE"})
# Intransitive events whose subject may be a town standing for its fighters ("Rastan is negotiating").
PLACE_SUBJECT_TYPES = frozenset({"RETREAT", "CONSULT", "AGREE"})
RECIPIENT_PREPS = ("against", "on", "with", "targeting", "upon")
# Events done to a side, whose target may be ground that side holds ("strikes on IS positions").
HOSTILE = frozenset({"ASSAULT", "COERCE", "THREATEN"})
# Participles by which a side holds ground ("rebel-held", "areas controlled by HTS"): they say who
# holds a town, not that its people are the target.
HOLDING = frozenset({"hold", "control", "occupy", "besiege", "encircle", "run"})
# Nouns that stand for an armed party named earlier when they come bare ("the group said").
GROUP_NOUNS = frozenset({"group", "organisation", "organization", "movement", "militia", "faction", "outfit"})
SINGULAR_ANAPHORS = frozenset({"it", "its"})
# A plural common noun ("militias"); a name in the plural ("the Syrian Democratic Forces") is one body.
PLURAL_TAGS = frozenset({"NNS"})
ARMED = frozenset({"armed_group", "state_forces"})
# Counted-noun units of people: a recipient the registry does not know must be people ("five activists").
PEOPLE_UNITS = frozenset({"fighters", "civilians", "people", "families"})
PARTY_ENTS = frozenset({"PERSON", "ORG", "NORP"})
STATE_KINDS = frozenset({"government", "state_forces", "foreign_state"})
ACCUSING_VERBS = frozenset({"accuse", "blame", "charge", "suspect"})
# "with the support of X" names a helper, not whom the action is done to.
HELP_NOUNS = frozenset({"support", "backing", "help", "cover", "assistance"})
MAX_NAME_TOKENS = 14
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
DASHES = ("-", "–", "—")
# Participles naming a go-between ("agreements brokered by Russia"): the parties who signed come first.
MEDIATION = frozenset({"broker", "mediate", "sponsor", "facilitate", "guarantee"})
# Nouns that are subjects without being agents ("a conflict that has killed", "part of mediation").
NON_AGENTS = frozenset({"conflict", "war", "crisis", "violence", "part", "action", "situation", "result"})
# Entity labels that never name an actor (a day, a number, a place).
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY",
                            "GPE", "LOC", "FAC"})


def core_tokens(token, conj: bool = True) -> list:
    """The token and the parts of its noun phrase that name who it is (with or without
    its coordinated phrases)."""
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        out.append(t)
        # Without the coordination, a complement after it is the coordinated noun's too.
        conj_at = len(t.doc) if conj else min((c.i for c in t.children if c.dep_ == "conj"), default=len(t.doc))
        for c in t.children:
            if c.dep_ not in CORE_DEPS or (c.dep_ == "conj" and not conj) or c.i > conj_at:
                continue
            if c.dep_ == "prep" and c.lower_ != "of":
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _carried(token) -> list:
    """What a vehicle phrase carries: "a convoy of 12 buses carrying ISIS fighters"."""
    out = []
    for t in core_tokens(token, conj=False):
        for c in t.children:
            if c.dep_ == "acl" and c.pos_ == "VERB":
                out.extend(o for o in c.children if o.dep_ in ("dobj", "obj"))
    return out


def phrase_text(token, cover: tuple[int, int] | None = None) -> str:
    """The words of a noun phrase; `cover` (segment offsets of an actor mention in it) widens
    it to the whole mention when the parse split a name ("Haider al-Abadi")."""
    toks = core_tokens(token)
    while toks and toks[-1].is_punct:
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].dep_ == "cc"):
        toks.pop(0)
    dash = next((k for k, t in enumerate(toks) if t.text in DASHES), None)
    if dash is not None and all(t.text.isupper() for t in toks[:dash]):
        toks = toks[dash + 1:]      # "BEIRUT - Syrian rebels": the dateline is no part of the name
    toks = toks[:MAX_NAME_TOKENS]
    if not toks:
        return token.text
    doc = token.doc
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    if cover is not None and (cover[0] < start or cover[1] > end):
        return doc.text[min(start, cover[0]):max(end, cover[1])]
    # the tokens' own span: `Doc.text` joins every token of the segment again on each call
    return doc[toks[0].i:toks[-1].i + 1].text


def mentions_in(token, ctx: SentenceContext, conj: bool = True) -> list:
    """Actor mentions a noun phrase names, most telling first: its own words (the first named
    of "Syrian and Russian jets"), then what it carries ("buses carrying ISIS fighters"; first,
    when the phrase is a vehicle), then (with `conj`) its coordinated phrases; each tier in
    text order."""
    sentence_mentions = ctx.actor_in(ctx.sentence.start, ctx.sentence.end)
    # A mention is placed by its root and by its last word: "IS fighters" may be parsed with
    # "IS" as a verb and "fighters" as the noun the phrase is about.
    heads = [(m, ctx.token_at(m.start, m.end), ctx.token_at(m.end - 1, m.end)) for m in sentence_mentions]
    owned = {(m.start, m.end) for m, h, _ in heads if h is not None and _owner_word(h)}
    # "fighters of HTS", "fighters from the Nusra Front": the group in the complement says who they are.
    # One after a coordinated noun is that noun's ("forces and units of the PMF").
    conj_at = min((c.i for c in token.children if c.dep_ == "conj"), default=len(token.doc))
    complements = [o for o in _prep_objects(token, ("of", "from")) if o.i < conj_at
                   and o.lemma_.lower() not in territory()]     # "residents of the rebel-held districts"
    carried = _carried(token)
    tiers = [(complements, False)] if complements else []
    vehicle = any(t.lemma_.lower() in cues("carrier") for t in [token, *_prep_objects(token, ("of",))])
    tiers += [(carried, True), ([token], False)] if vehicle else [([token], False), (carried, True)]
    if conj:
        tiers += [([token], True)]
    out: list = []
    for tier_heads, with_conj in tiers:
        idx = {t.i for h in tier_heads for t in core_tokens(h, conj=with_conj)}
        tier = [m for m, h, last in heads if m not in out
                and (h is not None and h.i in idx or last is not None and last.i in idx)]
        # a state owning an organ first ("the Kurdistan Region's Security Council"), then the
        # phrase's own name ("the rebel group Ahrar al-Sham", "al-Qaida's Nusra Front")
        out += sorted(tier, key=lambda m: (0 if (m.start, m.end) in owned and m.kind in STATE_KINDS else
                                           1 if not m.text.islower() and any(m.start <= h.idx < m.end
                                                                             for h in tier_heads) else 2))
    if not out:  # a mention spanning the phrase's head, e.g. "Syrian Arab Army" parsed as several heads
        out = [m for m in sentence_mentions if m.start <= token.idx < m.end]
    return out


def _owner_word(token) -> bool:
    """Is the word part of a possessor ("the Iraqi Kurdistan Region's" in "... Security Council")?"""
    for _ in range(3):
        if token.dep_ == "poss":
            return True
        if token.dep_ not in ("compound", "nmod", "amod") or token.head.i == token.i:
            return False
        token = token.head
    return token.dep_ == "poss"


def antecedent(token, ctx: SentenceContext, kinds: frozenset[str] | None = None):
    """The actor mention a pronoun or a bare "the group" stands for: the nearest earlier one in
    its segment that agrees with it ("it", "its" a singular name; `kinds` its kind), a subject
    preferred ("..., while at Suweida they withdraw" is who acted, not whom)."""
    singular = token.lower_ in SINGULAR_ANAPHORS
    nearest = subject = None
    for m in ctx.actors:
        if m.end > token.idx:
            break
        if not m.actor_id or m.is_source or (kinds is not None and m.kind not in kinds):
            continue
        tok = ctx.token_at(m.start, m.end)
        if singular and tok is not None and tok.tag_ in PLURAL_TAGS:
            continue
        nearest = m
        if tok is not None and tok.dep_ in ("nsubj", "nsubjpass"):
            subject = m
        elif subject is not None and m.start - subject.end <= 2 and subject.text.islower() \
                and not m.text.islower():
            subject = m     # "the rebel group Jaish al-Islam said it ...": the name, not the common noun
    return subject or nearest


def _own_people(mention) -> bool:
    """Is a mention a common noun for a party's own men ("its fighters", "their forces"), which
    names nobody by itself? Civilians ("their families") are people of their own."""
    return mention.text.islower() and mention.kind != "civilians"


def actor_of(token, ctx: SentenceContext, is_place, place_stands_for_people: bool = False
             ) -> Actor | None:
    """The actor a noun phrase names: a canonical id through `doc.actors`, else its words.
    With `place_stands_for_people`, a place as subject names its fighters ("Yarmouk surrendered")."""
    if token is None:
        return None
    if place_stands_for_people and is_place(token) and not mentions_in(token, ctx):
        return Actor(None, phrase_text(token), None)
    if token.lower_ in ANAPHORS:
        m = antecedent(token, ctx)
        if m is None:
            return None
        # Re-read the antecedent's phrase: "besieged fighters of HTS ... allow them" is HTS.
        ante = ctx.token_at(m.start, m.end)
        found = mentions_in(ante, ctx) if ante is not None and ante.sent == token.sent else []
        m = found[0] if found else m
        return Actor(m.actor_id, m.text, m.kind)
    if token.lower_ in RELATIVES or token.pos_ == "PRON":
        return None
    first = _first_coordinated(token, ctx)
    if first is not None:
        return first
    found = mentions_in(token, ctx, conj=False)
    owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in ANAPHORS), None)
    if owner is not None and (not found or _own_people(found[0])):
        m = antecedent(owner, ctx)     # "The YPG said its fighters had withdrawn": the YPG's
        if m is not None:
            return Actor(m.actor_id, phrase_text(token), m.kind)
    if not found and token.lemma_.lower() in GROUP_NOUNS and \
            all(c.dep_ in ("det", "punct") for c in token.children if c.i < token.i):
        m = antecedent(token, ctx, ARMED)   # a bare "the group" is the armed party named before
        if m is not None:
            return Actor(m.actor_id, phrase_text(token), m.kind)
    if not found:
        # "Iraqi federal forces": a demonym the registry reads only next to the force noun
        demonym = next((a for a in (_modifier_actor(c, ctx) for c in token.children
                                    if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP") if a), None)
        if demonym is not None:
            return Actor(demonym.id, phrase_text(token), demonym.kind)
        found = mentions_in(token, ctx)
    if found:
        m = found[0]
        own = [x for x in found if x.actor_id == m.actor_id]
        return Actor(m.actor_id, phrase_text(token, (min(x.start for x in own), max(x.end for x in own))),
                     m.kind)
    if token.dep_ in ("aux", "auxpass") and token.text.isupper():
        actor_id, kind = ctx.resolve(token.text)   # "IS" read as a verb: an actor only if known
        return Actor(actor_id, token.text, kind) if actor_id else None
    if is_place(token) or token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in NOT_ACTOR_ENTS \
            or _no_agent(token) or any(_no_agent(o) for o in _prep_objects(token, ("of",))):
        # "Rockets struck": a weapon is no actor; nor is "a conflict that has killed", nor
        # "a series of suicide bombings"
        return None
    name = phrase_text(token)
    actor_id, kind = ctx.resolve(name)
    return Actor(actor_id, name, kind)


def _no_agent(token) -> bool:
    """An event, a weapon, ground or a situation, which acts for nobody."""
    lemma = token.lemma_.lower()
    return lemma in triggers() or lemma in territory() or lemma in mode_words() or lemma in NON_AGENTS


def _first_coordinated(token, ctx: SentenceContext) -> Actor | None:
    """"Opposition and government negotiators": several parties on one noun act together, and
    the first named is the actor (EVENTS.md section 8)."""
    for c in token.children:
        if c.dep_ in ("nmod", "amod", "compound") and c.i < token.i and any(g.dep_ == "conj" for g in c.children):
            phrase = f"{c.text} {token.text}"
            actor_id, kind = ctx.resolve(phrase)
            return Actor(actor_id, phrase, kind) if actor_id else None
    return None


def _modifier_actor(modifier, ctx: SentenceContext) -> Actor | None:
    """"Turkish air strikes", "a Russian airstrike": a demonym or group name on the event noun.
    The registry resolves a demonym with a force noun ("Russian forces") but not always alone,
    so both are tried."""
    name = phrase_text(modifier)
    for phrase in (name, f"{name} forces"):
        actor_id, kind = ctx.resolve(phrase)
        if actor_id:
            return Actor(actor_id, name, kind)
    return None


def second_party(token, ctx: SentenceContext, first: Actor | None) -> Actor | None:
    """In "A and B" (or "between A and B"), the first distinct actor after the first."""
    for m in mentions_in(token, ctx):
        if first is None or (m.actor_id or m.text) != (first.id or first.name):
            if first is not None:
                return Actor(m.actor_id, m.text, m.kind)
            first = Actor(m.actor_id, m.text, m.kind)
    return None


def _child(token, *deps):
    return next((c for c in token.children if c.dep_ in deps), None)


def _prep_objects(token, words) -> list:
    return [g for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in words
            for g in c.children if g.dep_ == "pobj"]


def subject_of(verb, depth: int = 0):
    """The verb's subject, or the one it borrows from the clause it depends on."""
    # Of two subjects the one next to the verb: "Rural Hama, SANA - Buses carrying ... left" (a dateline)
    subj = next((c for c in reversed(list(verb.children)) if c.dep_ == "nsubj" and c.i < verb.i), None) \
        or _child(verb, "nsubj", "csubj", "expl")
    if subj is not None and subj.dep_ != "expl":
        if subj.lower_ in RELATIVES and verb.dep_ == "relcl":
            return verb.head
        return subj
    if verb.dep_ == "relcl" and _child(verb, "nsubjpass") is None:
        return verb.head
    misread = _acronym_auxiliary(verb)
    if misread is not None:
        return misread
    lead = _subject_in_credit(verb)
    if lead is not None:
        return lead
    if depth >= 3 or verb.head.i == verb.i:
        return None
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp"):
        # Object control: "allowed X to leave", "forced X to withdraw"; passive: "X were allowed to leave".
        return _child(head, "dobj") or _child(head, "nsubjpass") or subject_of(head, depth + 1)
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head, depth + 1)  # "X reached an agreement to withdraw": X withdraws
    if verb.dep_ == "pcomp" and head.lower_ == "of" and head.head.lemma_.lower() in ACCUSING_VERBS:
        return _child(head.head, "dobj")  # "accused the United States of bombing": the accused bombs
    if verb.dep_ == "conj" and verb.tag_ in FINITE_TAGS and head.tag_ == "VBG" and head.dep_ == "pcomp":
        # "accused X of supporting the attackers and called on Y": the finite verb is the
        # accuser's, coordinated with "accused" though parsed onto the gerund
        governor = head.head.head
        return subject_of(governor, depth + 1) if governor.pos_ in ("VERB", "AUX") else None
    if verb.dep_ in ("conj", "advcl"):
        if _child(head, "nsubj") is None and _child(head, "nsubjpass") is not None:
            agent = next(iter(_prep_objects(head, ("by",))), None)
            # "..., were given a route by the regime, allowing them to ...": the regime allows
            return agent if verb.dep_ == "advcl" and agent is not None else _child(head, "nsubjpass")
        return subject_of(head, depth + 1)
    return None


def _subject_in_credit(verb):
    """"According to a military source, 400 fighters will leave": the parser may join the clause's
    subject to the credited source as a conjunct after the comma; with no subject of its own, the
    verb takes it back."""
    if _child(verb, "nsubjpass") is not None:
        return None
    for obj in _prep_objects(next((c for c in verb.children if c.lower_ == "according"), verb), ("to",)):
        comma = next((t.i for t in obj.doc[obj.i:verb.i] if t.text == ","), None)
        conj = next((c for c in obj.children if c.dep_ == "conj" and comma is not None and comma < c.i < verb.i),
                    None)
        if conj is not None:
            return conj
    return None


def _acronym_auxiliary(verb):
    """"IS have now gained": the parser reads the group's acronym as the verb "is". An all-capital
    auxiliary before another auxiliary, with no subject, is the subject."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if len(auxes) >= 2 and auxes[0].text.isupper() and len(auxes[0].text) > 1 \
            and _child(verb, "nsubjpass") is None:
        return auxes[0]
    return None


def _is_passive(verb) -> bool:
    misread = _acronym_auxiliary(verb)
    return any(c.dep_ in ("nsubjpass", "auxpass") and (misread is None or c.i != misread.i)
               for c in verb.children)


def verb_roles(verb, row, ctx: SentenceContext, is_place, is_actor) -> tuple[Actor | None, Actor | None]:
    passive = _is_passive(verb)
    dobj = _child(verb, "dobj", "obj")
    patient = _child(verb, "nsubjpass")
    agent = next(iter(_prep_objects(verb, ("by",))), None)
    if row.roles == "fall":
        to = next(iter(_prep_objects(verb, ("to", "into"))), None)
        return actor_of(to, ctx, is_place), None
    if row.roles == "theme" and not passive and dobj is not None and is_actor(dobj) and not is_place(dobj):
        return actor_of(dobj, ctx, is_place), None
    if passive and (row.type in MOVERS or row.roles == "theme"):
        return actor_of(patient or subject_of(verb), ctx, is_place), None
    hostile = row.type in HOSTILE
    if passive:
        actor = actor_of(agent, ctx, is_place)
        recipient = party_of(patient, ctx, is_place, is_actor, hostile)
    else:
        actor = actor_of(subject_of(verb), ctx, is_place, row.type in PLACE_SUBJECT_TYPES and dobj is None)
        recipient = party_of(dobj, ctx, is_place, is_actor, hostile)
    if recipient is None:
        preps = RECIPIENT_PREPS + (("at",) if row.type == "ASSAULT" else ())   # "fired missiles at IS positions"
        recipient = next(filter(None, (party_of(obj, ctx, is_place, is_actor, hostile)
                                       for obj in _prep_objects(verb, preps))), None)
    if recipient is None and row.mode == "capture":
        # "took the town from IS", "retook the compound from the control of ISIL"
        recipient = next((a for a in (actor_of(obj, ctx, is_place) for obj in _prep_objects(verb, ("from",)))
                          if a is not None and a.id), None)
    if row.type == "CONCEDE" and recipient is None:
        # "allowed ISIS members to withdraw" parsed as a clause: its subject is whom it is granted to.
        comp = _child(verb, "ccomp", "xcomp")
        if comp is not None:
            recipient = actor_of(_child(comp, "nsubj"), ctx, is_place)
    return actor, recipient


def party_of(obj, ctx: SentenceContext, is_place, is_actor, hostile: bool) -> Actor | None:
    """The other party an object names: an actor, or a place acting for its government
    ("accused Baghdad of", "asked Ankara to"); for a hostile act, also the side holding the
    ground it names ("strikes on IS positions", "besieged the rebel enclave")."""
    if obj is None or obj.lemma_.lower() in HELP_NOUNS:
        return None
    if obj.lemma_.lower() in territory() and not is_actor(obj):
        return holder(obj, ctx, is_place) if hostile else None     # ground names a side only as its holder
    if not is_place(obj) or is_actor(obj):
        party = actor_of(obj, ctx, is_place)
        if party is not None and (party.id or names_people(obj)):
            return party
    return holder(obj, ctx, is_place) if hostile else None


def names_people(token) -> bool:
    """Does a noun the registry does not know name people or a body of them ("five activists",
    "the Giants Brigades"), rather than a thing ("the marketplace", "the allegation")?"""
    return token.ent_type_ in PARTY_ENTS or counted_unit(token.lemma_) in PEOPLE_UNITS \
        or counted_unit(token.text) in PEOPLE_UNITS


def holder(ground, ctx: SentenceContext, is_place) -> Actor | None:
    """The armed side whose ground is hit: "the rebel enclave", "IS positions", "positions of
    Jaish al-Islam"; None when it is no ground or no armed side is named on it. Who merely holds a
    town ("government-held districts", "government buildings") does not make its people a side."""
    if not (is_place(ground) or ground.lemma_.lower() in territory()):
        return None
    held = {t.i for c in ground.children if c.lemma_.lower() in HOLDING for t in c.subtree}
    found = [m for m in mentions_in(ground, ctx, conj=False) if m.actor_id and m.kind in ARMED
             and ctx.token_at(m.start, m.end) is not None and ctx.token_at(m.start, m.end).i not in held]
    if found:
        return Actor(found[0].actor_id, found[0].text, found[0].kind)
    for c in ground.children:
        if c.dep_ in ("amod", "compound") and not is_place(c) and c.i not in held:
            side = _modifier_actor(c, ctx)
            if side is not None and side.kind in ARMED:
                return side
    return None


def _target_of(tok):
    """The token naming what a siege encloses: "besieged Madaya", "Madaya, which is besieged",
    "the siege of Madaya", "Derna, which has been under siege"."""
    if tok.pos_ == "VERB":
        target = _child(tok, "dobj", "obj") or _child(tok, "nsubjpass")
        verb = tok
    else:
        target = next(iter(_prep_objects(tok, ("of", "on"))), None)
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "under" else None
        if target is None and verb is not None:
            target = _child(verb, "nsubj", "nsubjpass")
    if target is not None and target.lower_ in RELATIVES and verb is not None and verb.dep_ == "relcl":
        target = verb.head
    return target


def supported_target(tok, ctx: SentenceContext, is_place, is_actor) -> Actor | None:
    """Whom the operation backed from the air is against: "the army, backed by Russian air power,
    besieged the rebel enclave" (the rebels); "Backed by Turkish jets, rebels cleared IS from ..."."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ == "VERB" and cur.dep_ != "acl":
            break
    else:
        return None
    objs = [_child(cur, "dobj", "obj")] + _prep_objects(cur, RECIPIENT_PREPS)
    return next(filter(None, (party_of(o, ctx, is_place, is_actor, True) for o in objs)), None)


def framing(noun) -> bool:
    """A deal noun framing its clause ("Under the deal, fighters will be moved", "as part of a
    deal"): it names the terms of what the clause tells, and the clause's subject is no party."""
    cur = noun
    for _ in range(3):
        if cur.dep_ != "pobj":
            return False
        prep = cur.head
        if prep.lower_ in cues("frame"):
            return True
        if prep.lower_ != "of":
            return False
        cur = prep.head
        if cur.lower_ in cues("frame"):
            return True
    return False


def noun_roles(noun, row, ctx: SentenceContext, is_place, is_actor) -> tuple[Actor | None, Actor | None]:
    actor = recipient = None
    between = _prep_objects(noun, ("between",))
    # "a deal reached between X and Y", "the ceasefire announced by X": preps of a participle on the noun.
    for acl in (c for c in noun.children if c.dep_ == "acl"):
        between = between or _prep_objects(acl, ("between",))
    head = noun.head
    governed = noun.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX")
    if governed:
        between = between or _prep_objects(head, ("between",))
    if between:
        actor = actor_of(between[0], ctx, is_place)
        recipient = second_party(between[0], ctx, actor)
    for c in noun.children:
        if actor is None and c.dep_ in ("poss", "amod", "compound", "nmod") and not is_place(c):
            if is_actor(c):
                actor = actor_of(c, ctx, is_place)
            elif c.dep_ in ("amod", "compound"):
                actor = _modifier_actor(c, ctx) or actor
    acls = [c for c in noun.children if c.dep_ == "acl"]
    for obj in _prep_objects(noun, ("by",)) + [a for acl in acls if acl.lemma_.lower() not in MEDIATION
                                                 for a in _prep_objects(acl, ("by",))]:
        actor = actor or actor_of(obj, ctx, is_place)
    of = next(iter(_prep_objects(noun, ("of",))), None)
    if of is not None and is_actor(of) and not is_place(of):
        if row.type in MOVERS or row.type in ("CONCEDE", "AGREE"):
            actor = actor or actor_of(of, ctx, is_place)
        else:
            recipient = recipient or actor_of(of, ctx, is_place)
    if actor is None and row.type in SYMMETRIC and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB" \
            and not framing(noun):
        # "Pence came to Ankara for talks with Erdogan": who came holds the talks
        actor = actor_of(subject_of(noun.head.head), ctx, is_place)
    if actor is None and governed and head.lemma_.lower() in cues("light"):
        if noun.dep_ == "nsubjpass" or _is_passive(head):
            # "an agreement was reached by X", "Y were given an escape route by X"
            actor = actor_of(next(iter(_prep_objects(head, ("by",))), None), ctx, is_place)
        elif noun.dep_ != "nsubj":
            actor = actor_of(subject_of(head), ctx, is_place)
    for obj in (a for acl in acls if acl.lemma_.lower() in MEDIATION for a in _prep_objects(acl, ("by",))):
        actor = actor or actor_of(obj, ctx, is_place)   # the broker, when the parties go unnamed
    if actor is None and noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.pos_ in ("VERB", "AUX"):
        # "Derna, which has been under siege by the LNA"
        actor = actor_of(next(iter(_prep_objects(noun.head.head, ("by",))), None), ctx, is_place)
    if recipient is None:
        objs = _prep_objects(noun, RECIPIENT_PREPS)
        if governed:
            # a light verb holds its noun's preposition: "carried out strikes on IS positions"
            objs += _prep_objects(head, ("with", "against") + (("on", "at") if row.type == "ASSAULT" else ()))
            if _is_passive(head) and noun.dep_ != "nsubjpass":
                objs += [c for c in head.children if c.dep_ == "nsubjpass"]
        recipient = next(filter(None, (party_of(obj, ctx, is_place, is_actor, row.type in HOSTILE)
                                       for obj in objs)), None)
    return actor, recipient


def backer(token, ctx: SentenceContext) -> Actor | None:
    """Who gives the air support: the first actor named in "by ...", "of ...", "from ..." below
    the trigger, or a modifier ("Russian air support")."""
    for obj in _prep_objects(token, ("by", "of", "from")):
        for t in [obj] + [g for g in obj.subtree if g.dep_ == "pobj"]:
            found = mentions_in(t, ctx)
            if found:
                return Actor(found[0].actor_id, phrase_text(t, (found[0].start, found[0].end)), found[0].kind)
            for c in t.children:
                if c.dep_ in ("amod", "compound"):
                    actor = _modifier_actor(c, ctx)
                    if actor is not None:
                        return actor
    for c in token.children:
        if c.dep_ in ("amod", "compound"):
            actor = _modifier_actor(c, ctx)
            if actor is not None:
                return actor
    return None


def event_roles(trigger, ctx: SentenceContext, is_place, is_actor) -> tuple[Actor | None, Actor | None]:
    tok, row = trigger.token, trigger.row
    if row.roles == "support":
        return backer(tok, ctx), supported_target(tok, ctx, is_place, is_actor)
    if tok.pos_ == "VERB":
        actor, recipient = verb_roles(tok, row, ctx, is_place, is_actor)
    else:
        actor, recipient = noun_roles(tok, row, ctx, is_place, is_actor)
    if recipient is None and actor is not None and (row.type in SYMMETRIC or row.mode == "clash"):
        subj = subject_of(tok) if tok.pos_ == "VERB" else None
        if subj is not None:
            recipient = second_party(subj, ctx, actor)
    if row.type in MOVERS and tok.pos_ == "VERB" and recipient is not None and \
            not _prep_objects(tok, ("against", "with")):
        recipient = None  # "massed thousands of fighters": what is moved is no recipient
    if recipient is None and row.type == "COERCE" and row.mode == "siege":
        # A besieged town: its people, unless an armed side is named as holding it
        target = _target_of(tok)
        if target is not None and (is_place(target) or target.lemma_.lower() in territory()):
            recipient = holder(target, ctx, is_place) or _people_of(target, ctx)
    if recipient is not None and actor is not None and recipient.id and recipient.id == actor.id:
        recipient = None
    return actor, recipient


def _people_of(place, ctx: SentenceContext) -> Actor | None:
    actor_id, kind = ctx.resolve("civilians")
    return Actor(actor_id, phrase_text(place), kind) if actor_id else None
