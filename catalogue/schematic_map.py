"""A schematic map of the places drawn offline: coordinates projected to SVG, and one sea."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.models import Entity, Place, PublicationState

WIDTH = 1600
HEIGHT = 1000

# A deliberately simplified outline of the Caspian Sea (longitude, latitude), traced by hand
# from well-known coastal towns (Atyrau, Aktau, Türkmenbaşy, Gorgan Bay, Anzali, Baku,
# Makhachkala, the Volga delta). It is drawn for orientation only and labelled as schematic.
CASPIAN_OUTLINE: tuple[tuple[float, float], ...] = (
    (47.6, 45.9), (49.0, 46.6), (51.0, 47.1), (53.0, 46.9), (53.1, 45.9), (51.3, 45.2),
    (50.3, 44.6), (51.2, 43.6), (52.3, 42.6), (52.9, 41.3), (53.0, 40.0), (53.9, 39.0),
    (53.9, 37.3), (54.0, 36.85), (53.0, 36.8), (51.5, 36.65), (50.2, 37.2), (49.5, 37.5),
    (48.9, 38.4), (49.0, 39.4), (49.6, 40.2), (50.4, 40.4), (49.5, 41.0), (48.6, 41.8),
    (47.5, 43.0), (47.4, 43.9), (46.9, 44.7), (47.2, 45.4),
)  # fmt: skip


@dataclass(frozen=True)
class Projection:
    """Equirectangular, scaled by the cosine of the middle latitude so shapes are not squashed."""

    west: float
    east: float
    south: float
    north: float

    @property
    def _scale(self) -> float:
        mid = math.radians((self.north + self.south) / 2)
        span_x = (self.east - self.west) * math.cos(mid)
        span_y = self.north - self.south
        return min(WIDTH / span_x, HEIGHT / span_y)

    def point(self, longitude: float, latitude: float) -> tuple[float, float]:
        """SVG coordinates (x to the east, y to the south) of a position."""
        mid = math.radians((self.north + self.south) / 2)
        scale = self._scale
        used_w = (self.east - self.west) * math.cos(mid) * scale
        used_h = (self.north - self.south) * scale
        x = (WIDTH - used_w) / 2 + (longitude - self.west) * math.cos(mid) * scale
        y = (HEIGHT - used_h) / 2 + (self.north - latitude) * scale
        return round(x, 1), round(y, 1)


AREA_KINDS = frozenset({"country", "region", "province", "sea", "steppe"})
LABEL_HEIGHT = 30.0
CHAR_WIDTH = 15.0  # average advance of the 26 px label font, generous


@dataclass(frozen=True)
class MapPlace:
    """A place on the map, where it is drawn and where its label goes (dx, dy from the point)."""

    place: Place
    x: float
    y: float
    label: str = ""
    label_dx: float = 0.0
    label_dy: float = -22.0

    @property
    def is_area(self) -> bool:
        """Countries, regions, seas and the steppe get a label, not a dot."""
        return self.place.place_kind in AREA_KINDS


def _box(x: float, y: float, text: str, dx: float, dy: float) -> tuple[float, float, float, float]:
    width = max(len(text), 2) * CHAR_WIDTH
    return (x + dx - width / 2, y + dy - LABEL_HEIGHT + 6, x + dx + width / 2, y + dy + 6)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(points: list[MapPlace]) -> list[MapPlace]:
    """Put each label above, below, or beside its point, avoiding labels already placed."""
    placed: list[MapPlace] = []
    boxes: list[tuple[float, float, float, float]] = []
    # Points first (cities, sites), then areas, whose labels can move further.
    for item in sorted(points, key=lambda p: (p.is_area, p.y)):
        offsets = [(0.0, -22.0), (0.0, 44.0), (0.0, -52.0), (0.0, 74.0)]
        if item.is_area:
            offsets = [(0.0, 10.0), (0.0, 40.0), (0.0, -20.0), (0.0, 70.0)]
        half = max(len(item.label), 2) * CHAR_WIDTH / 2 + 20
        offsets += [(half, 10.0), (-half, 10.0)]
        choice = offsets[0]
        for dx, dy in offsets:
            if not any(_overlaps(_box(item.x, item.y, item.label, dx, dy), b) for b in boxes):
                choice = (dx, dy)
                break
        boxes.append(_box(item.x, item.y, item.label, *choice))
        placed.append(
            MapPlace(item.place, item.x, item.y, item.label, label_dx=choice[0], label_dy=choice[1])
        )
    return sorted(placed, key=lambda p: p.place.slug)


@dataclass(frozen=True)
class SchematicMap:
    """Everything the kiosk draws: places, the sea outline and the graticule."""

    places: list[MapPlace]
    caspian_path: str
    meridians: list[tuple[int, float]]  # (degrees east, x)
    parallels: list[tuple[int, float]]  # (degrees north, y)
    width: int = WIDTH
    height: int = HEIGHT


def projection_for(places: list[Place], margin: float = 3.0) -> Projection:
    """A projection framing every place with a margin (in degrees)."""
    lons = [p.longitude for p in places if p.longitude is not None]
    lats = [p.latitude for p in places if p.latitude is not None]
    if not lons or not lats:
        return Projection(35.0, 75.0, 25.0, 57.0)
    return Projection(
        min(lons) - margin, max(lons) + margin, min(lats) - margin, max(lats) + margin
    )


def build_map(session: Session, label: Callable[[Place], str] = lambda p: p.slug) -> SchematicMap:
    """The published places that have coordinates, projected, with the sea and a 5° graticule.

    A place lying within a few pixels of the place it is part of (a mausoleum in its town, a
    port in its city) is left to the list beside the map, so no two targets sit on each other.
    """
    found = session.scalars(
        select(Place)
        .where(Entity.state == PublicationState.PUBLISHED)
        .options(selectinload(Entity.names))
        .order_by(Entity.slug)
    ).all()
    placed = [p for p in found if p.latitude is not None and p.longitude is not None]
    projection = projection_for(placed)
    where = {p.id: projection.point(p.longitude, p.latitude) for p in placed}  # type: ignore[arg-type]
    points = [
        MapPlace(p, *where[p.id], label=label(p))
        for p in placed
        if not (p.parent_id in where and math.dist(where[p.id], where[p.parent_id]) < 40)
    ]
    path = "M" + " L".join(
        "{:.1f},{:.1f}".format(*projection.point(lon, lat)) for lon, lat in CASPIAN_OUTLINE
    )
    step = 5
    meridians = [
        (lon, projection.point(lon, projection.south)[0])
        for lon in range(math.ceil(projection.west / step) * step, int(projection.east) + 1, step)
    ]
    parallels = [
        (lat, projection.point(projection.west, lat)[1])
        for lat in range(math.ceil(projection.south / step) * step, int(projection.north) + 1, step)
    ]
    return SchematicMap(place_labels(points), path + " Z", meridians, parallels)
