"""The schematic map: projection, labels that do not collide, nothing stacked on its parent."""

import pytest

from catalogue.db import Database
from catalogue.schematic_map import HEIGHT, WIDTH, Projection, _box, _overlaps, build_map


def test_projection_keeps_north_up_and_east_right() -> None:
    projection = Projection(35.0, 75.0, 25.0, 57.0)
    west = projection.point(40.0, 40.0)
    east = projection.point(70.0, 40.0)
    north = projection.point(50.0, 55.0)
    south = projection.point(50.0, 30.0)
    assert west[0] < east[0] and north[1] < south[1]
    for x, y in (west, east, north, south):
        assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT


def test_every_place_with_coordinates_is_on_the_map(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        chart = build_map(session)
        slugs = {item.place.slug for item in chart.places}
        assert {"astana", "tehran", "turkistan", "isfahan", "moscow", "caspian-sea"} <= slugs
        # A mausoleum in its town and a port in its city are left to the list.
        assert "yasawi-mausoleum" not in slugs and "shahid-rajaee-port" not in slugs
        for item in chart.places:
            assert 0 <= item.x <= WIDTH and 0 <= item.y <= HEIGHT
        assert chart.caspian_path.startswith("M") and chart.caspian_path.endswith("Z")


@pytest.mark.parametrize("lang_label", ["slug", "long"])
def test_labels_do_not_overlap_where_there_is_room(shipped_db: Database, lang_label: str) -> None:
    with shipped_db.read() as session:
        chart = build_map(
            session, label=(lambda p: p.slug) if lang_label == "slug" else (lambda p: p.slug * 2)
        )
        boxes = [_box(i.x, i.y, i.label, i.label_dx, i.label_dy) for i in chart.places if i.label]
        collisions = sum(_overlaps(a, b) for n, a in enumerate(boxes) for b in boxes[n + 1 :])
        assert collisions <= 2  # a crowded corner may keep one or two; most must be apart
