"""The schematic map: projection, every place its own target, labels that do not collide."""

import math
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from catalogue.db import Database
from catalogue.models import Place
from catalogue.reading.schematic_map import (
    HEIGHT,
    TARGET_RADIUS,
    WIDTH,
    Projection,
    SchematicMap,
    _box,
    _hits_disc,
    _overlaps,
    area_box,
    build_map,
    separate_markers,
)


def test_projection_keeps_north_up_and_east_right() -> None:
    projection = Projection(35.0, 75.0, 25.0, 57.0)
    west = projection.point(40.0, 40.0)
    east = projection.point(70.0, 40.0)
    north = projection.point(50.0, 55.0)
    south = projection.point(50.0, 30.0)
    assert west[0] < east[0] and north[1] < south[1]
    for x, y in (west, east, north, south):
        assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT


def _in(lang: str) -> Callable[[Place], str]:
    def label(place: Place) -> str:
        value = place.label().get(lang) or place.label()["en"]
        return value.text

    return label


def _chart(session: Session, lang: str = "en") -> SchematicMap:
    return build_map(session, label=_in(lang))


def test_every_place_with_coordinates_is_on_the_map(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        chart = _chart(session)
        slugs = {item.place.slug for item in chart.places}
        assert {"astana", "tehran", "turkistan", "isfahan", "moscow", "caspian-sea"} <= slugs
        # A mausoleum in its town and a port in its city are on the map too, each its own target.
        assert {"yasawi-mausoleum", "shahid-rajaee-port", "tus", "mashhad", "otrar"} <= slugs
        for item in chart.places:
            assert 0 <= item.x <= WIDTH and 0 <= item.y <= HEIGHT
            assert TARGET_RADIUS <= item.mx <= WIDTH - TARGET_RADIUS
            assert TARGET_RADIUS <= item.my <= HEIGHT - TARGET_RADIUS
        assert chart.caspian_path.startswith("M") and chart.caspian_path.endswith("Z")


@pytest.mark.parametrize("lang", ["kk", "ru", "en", "fa"])
def test_no_target_or_label_covers_another_in_any_language(shipped_db: Database, lang: str) -> None:
    with shipped_db.read() as session:
        chart = _chart(session, lang)
    dots = [i for i in chart.places if not i.is_area]
    areas = [i for i in chart.places if i.is_area]
    for n, a in enumerate(dots):
        for b in dots[n + 1 :]:
            gap = math.dist((a.mx, a.my), (b.mx, b.my))
            assert gap >= 2 * TARGET_RADIUS, f"{a.place.slug} and {b.place.slug} overlap"
    labels = {i.place.slug: _box(i.mx, i.my, i.label, i.label_dx, i.label_dy) for i in dots}
    labels |= {i.place.slug: area_box(i) for i in areas}
    slugs = sorted(labels)
    for n, slug in enumerate(slugs):
        box = labels[slug]
        assert min(box[0], box[1]) >= 0 and box[2] <= WIDTH and box[3] <= HEIGHT, slug
        for later in slugs[n + 1 :]:
            assert not _overlaps(box, labels[later]), f"{lang}: labels of {slug}, {later} overlap"
        for other in dots:
            if other.place.slug != slug:
                assert not _hits_disc(box, other.mx, other.my, TARGET_RADIUS), (
                    f"{lang}: the label of {slug} covers {other.place.slug}"
                )


def test_places_too_close_to_tell_apart_are_joined_to_their_position(
    shipped_db: Database,
) -> None:
    with shipped_db.read() as session:
        chart = _chart(session)
    where = {i.place.slug: i for i in chart.places}
    tus, mashhad = where["tus"], where["mashhad"]
    assert math.dist((tus.x, tus.y), (mashhad.x, mashhad.y)) < 10  # 0.1° apart
    assert math.dist((tus.mx, tus.my), (mashhad.mx, mashhad.my)) >= 2 * TARGET_RADIUS
    assert tus.has_leader and mashhad.has_leader  # each marker is joined to where it is
    assert not where["moscow"].has_leader  # a place with room stays where it is
    assert not where["iran"].has_leader  # an area's label is not a marker


@pytest.mark.parametrize(
    ("points", "moves"),
    [
        ([(100.0, 100.0), (500.0, 500.0)], False),  # far apart: left alone
        ([(300.0, 300.0), (300.0, 300.0)], True),  # the same point
        ([(300.0, 300.0), (305.0, 302.0), (302.0, 306.0)], True),  # a cluster of three
        ([(0.0, 0.0), (1.0, 1.0)], True),  # in a corner: kept on the map
    ],
)
def test_separate_markers(points: list[tuple[float, float]], moves: bool) -> None:
    placed = separate_markers(points)
    assert (placed != [(round(x, 1), round(y, 1)) for x, y in points]) == moves
    for n, a in enumerate(placed):
        assert TARGET_RADIUS <= a[0] <= WIDTH - TARGET_RADIUS
        assert TARGET_RADIUS <= a[1] <= HEIGHT - TARGET_RADIUS
        for b in placed[n + 1 :]:
            assert math.dist(a, b) >= 2 * TARGET_RADIUS
