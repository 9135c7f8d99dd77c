"""The `geojson` format: a FeatureCollection of the events with a point."""
import io
import json

from marsad.export import export
from marsad.export.base import main_place
from marsad.records import event_from_dict, to_dict
from marsad.store.filters import EventFilter


def read_back(store, filters=None):
    out = io.StringIO()
    report = export(store, "geojson", filters or EventFilter(), out)
    return json.loads(out.getvalue()), report


def test_geojson_has_one_point_feature_per_event_with_coordinates(store, stored):
    fc, report = read_back(store)
    assert fc["type"] == "FeatureCollection"
    placed = [i for i, e in stored.items() if main_place(e)[1] and main_place(e)[1].lat is not None]
    assert [f["id"] for f in fc["features"]] == placed
    assert report.written == len(placed)
    assert report.notes == [f"{len(stored) - len(placed)} event(s) without coordinates left out"
                            " of the GeoJSON"]


def test_geojson_properties_are_the_stored_record(store, stored):
    fc, _ = read_back(store)
    for f in fc["features"]:
        e = stored[f["id"]]
        props = dict(f["properties"])
        role = props.pop("place_role")
        assert to_dict(event_from_dict(props)) == to_dict(e)
        place = getattr(e, role)
        assert f["geometry"] == {"type": "Point", "coordinates": [place.lon, place.lat]}


def test_geojson_point_falls_back_to_destination_then_origin(store):
    fc, _ = read_back(store, EventFilter(type="RETREAT"))
    (feature,) = fc["features"]
    assert feature["properties"]["place_role"] == "destination"
    assert feature["geometry"]["coordinates"] == [36.6, 35.8]


def test_geojson_of_no_events_is_an_empty_collection(store):
    fc, report = read_back(store, EventFilter(type="AID"))
    assert fc == {"type": "FeatureCollection", "features": []}
    assert report.written == 0 and report.notes == []
