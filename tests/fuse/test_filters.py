from marsad.fuse import FuseSettings, Report, fuse_reports
from marsad.fuse.filters import matches


def test_matches_filters_by_type_actor_place_dates_status_and_disputes(event):
    claim = event("a", 1, type="AGREE", mode="deal", actor="SYR_REBELS", location="rastan",
                  date="2018-05-02", sources=("SANA",))
    denial = event("b", 1, type="AGREE", mode="deal", actor="SYR_REBELS", location="rastan",
                   status="denied", sources=("SOHR",))
    (inc,), _ = fuse_reports([Report(claim, "2018-05-03"), Report(denial, "2018-05-03")],
                             FuseSettings())
    assert matches(inc, type="agree", actor="rebels", place="homs", disputed=True)
    assert matches(inc, since="2018-05", until="2018-05-02", status="denied")
    assert not matches(inc, since="2018-05-03")
    assert not matches(inc, until="2018-04")
    assert not matches(inc, place="Idlib")
    assert not matches(inc, section="comment")
    assert not matches(inc, status="planned")
