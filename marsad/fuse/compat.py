"""When two event records can tell of the same real-world event: pure rules.

Each rule compares one aspect (time, place, actor, mode, sources) and errs towards
"compatible" only where a record is silent: a missing actor or place never blocks a
merge, two named and different ones always do.
"""
from __future__ import annotations

from datetime import date

from marsad.evaluate import actors_match, distance_km, names_match
from marsad.fuse.model import FuseSettings, Report
from marsad.records import Actor, Place

# Modes that name one movement from two angles ("withdraw" by fighters, "evacuate"
# as the outlet words the same convoy); any other pair of named modes differs.
SAME_MOVEMENT = frozenset({"withdraw", "evacuate"})
COARSE = ("admin1", "region", "country")
# Places precise enough to identify an event whose time is unknown.
PRECISE = ("point", "town")
Interval = tuple[int, int]  # first and last day (proleptic ordinals), inclusive
# A time span longer than this (a year date) barely tells events apart: records that
# have one merge across documents only as records without any time do.
VAGUE_DAYS = 62


def parse_day(text: str | None) -> tuple[date, str] | None:
    """(first day, precision: day|month|year) of an ISO date prefix; None if unreadable."""
    if not text or not isinstance(text, str):
        return None
    parts = text[:10].split("-")
    try:
        nums = [int(p) for p in parts[:3]]
        if len(nums) == 3:
            return date(*nums), "day"
        if len(nums) == 2:
            return date(nums[0], nums[1], 1), "month"
        return date(nums[0], 1, 1), "year"
    except (ValueError, TypeError):
        return None


def date_interval(text: str | None, settings: FuseSettings) -> Interval | None:
    """The days an event's own date allows."""
    parsed = parse_day(text)
    if parsed is None:
        return None
    first, precision = parsed
    day = first.toordinal()
    if precision == "day":
        return day - settings.day_slack, day + settings.day_slack
    if precision == "month":
        nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return day, nxt.toordinal() - 1
    return day, date(first.year, 12, 31).toordinal()


def time_interval(report: Report, settings: FuseSettings) -> Interval | None:
    """When the event can have happened: its own date, else the days before its
    document was published; None when neither is known."""
    own = date_interval(report.event.date, settings)
    if own is not None:
        return own
    published = parse_day(report.published)
    if published is None or published[1] != "day":
        return None
    day = published[0].toordinal()
    return day - settings.report_window, day


def overlap(a: Interval | None, b: Interval | None) -> bool:
    """Unknown times are compatible with anything (`same_event` asks more of them)."""
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def anchor(report: Report) -> Place | None:
    """The place that identifies an event: where it happened, else where a movement
    started. Destinations are what sources dispute ("to Idlib" against "to Deir
    Ezzor"), so they decide only between two records that name nothing else."""
    return report.event.location or report.event.origin


def event_places_compatible(a: Report, b: Report, settings: FuseSettings) -> bool:
    pa, pb = anchor(a), anchor(b)
    if pa is None and pb is None:
        return places_compatible(a.event.destination, b.event.destination, settings)
    return places_compatible(pa, pb, settings)


def places_compatible(a: Place | None, b: Place | None, settings: FuseSettings) -> bool:
    """Within a distance that depends on the coarser precision of the two."""
    if a is None or b is None:
        return True
    precisions = {a.precision, b.precision}
    if "country" in precisions:
        return not (a.country and b.country) or a.country == b.country
    coarse = bool(precisions & set(COARSE))
    if coarse and a.admin1 and b.admin1 and a.admin1 == b.admin1:
        return True
    if not (located(a) and located(b)):
        if a.admin1 and b.admin1:
            return a.admin1 == b.admin1
        return names_match(a.name, b.name)
    limit = (settings.admin1_km if coarse else
             settings.district_km if "district" in precisions else settings.town_km)
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= limit


def actors_compatible(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or actors_match(a, b)


def evacuees_compatible(a: Report, b: Report) -> bool:
    """Who leaves a besieged town is told differently by each side: "civilians and their
    families" to one outlet, "militants" or "rebels" to another. In an evacuation the two
    name one crowd, and the difference is a dispute to show, not a second event."""
    ea, eb = a.event, b.event
    if ea.mode != "evacuate" and eb.mode != "evacuate":
        return False
    kinds = {ea.actor.kind if ea.actor else None, eb.actor.kind if eb.actor else None}
    return kinds == {"civilians", "armed_group"}


def modes_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or {a, b} <= SAME_MOVEMENT


def credit(report: Report) -> frozenset[str]:
    """Who a record is credited to: its sources, else the outlet's own voice."""
    names = {(s.id or s.name or "").strip().lower() for s in report.event.sources}
    names.discard("")
    return frozenset(names) or frozenset({f"outlet:{report.outlet or report.doc_id}"})


def versions_of_one_event(a: Report, b: Report) -> bool:
    """Two records of one document are one event told twice only when each is credited
    to a source the other lacks (EVENTS.md 7.1: one record per version) and their own
    dates do not differ."""
    ca, cb = credit(a), credit(b)
    if not (ca - cb and cb - ca):
        return False
    da, db = a.event.date, b.event.date
    return da is None or db is None or da == db


def same_event(a: Report, b: Report, ta: Interval | None, tb: Interval | None,
               settings: FuseSettings) -> bool:
    """Whether two records (of one type) can report one real-world event."""
    if a.doc_id == b.doc_id and not versions_of_one_event(a, b):
        return False
    ea, eb = a.event, b.event
    if (vague(ta) or vague(tb)) and a.doc_id != b.doc_id and not undated_match(a, b, settings):
        return False
    # Versions of one attack in one document may disagree on who did it (a strike
    # blamed on Russia by one source, on the US by another); elsewhere actors must agree.
    blame_disputed = (a.doc_id == b.doc_id and ea.type == "ASSAULT" and ea.mode is not None
                      and ea.mode == eb.mode and actors_compatible(ea.recipient, eb.recipient))
    return (ea.type == eb.type and ea.section == eb.section
            and modes_compatible(ea.mode, eb.mode)
            and (blame_disputed or actors_compatible(ea.actor, eb.actor)
                 or evacuees_compatible(a, b))
            and overlap(ta, tb)
            and event_places_compatible(a, b, settings))


def vague(interval: Interval | None) -> bool:
    """No time at all, or a span too long to tell events apart (a year)."""
    return interval is None or interval[1] - interval[0] > VAGUE_DAYS


def precise_anchor(report: Report) -> Place | None:
    """The record's anchor (`anchor`) when it is a town or finer with coordinates."""
    p = anchor(report)
    return p if located(p) and p.precision in PRECISE else None


def located(place: Place | None) -> bool:
    """Whether a place has usable coordinates (a broken record may carry NaN or 1e308)."""
    return (place is not None and isinstance(place.lat, (int, float))
            and isinstance(place.lon, (int, float))
            and abs(place.lat) <= 90 and abs(place.lon) <= 180)


def undated_match(a: Report, b: Report, settings: FuseSettings) -> bool:
    """Across documents, a record without any time (no date, no publication date) can
    be any event of its kind in any year, and one dated only by its year any of a
    year's, so only what else identifies an event lets it merge: both records name an actor and the same town as where it happened (or where
    a movement started): one gazetteer entry, or points within `timeless_km`. Suburbs a
    few km apart (Darayya, Moadamiyeh) see the same kinds of events under the same
    actors, and a region, a destination or a missing actor fits many events across a
    long archive. The actors themselves are compared by `same_event` like any others."""
    pa, pb = precise_anchor(a), precise_anchor(b)
    if a.event.actor is None or b.event.actor is None or pa is None or pb is None:
        return False
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return True
    return distance_km(pa.lat, pa.lon, pb.lat, pb.lon) <= settings.timeless_km
