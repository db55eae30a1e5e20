"""A schematic map of the places drawn offline: coordinates projected to SVG, and one sea."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

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


# Drawn as a label only; a region or province is small enough for a marker (a ring, not a dot).
AREA_KINDS = frozenset({"country", "sea", "steppe"})
REGION_KINDS = frozenset({"region", "province"})
LABEL_HEIGHT = 30.0
CHAR_WIDTH = 15.0  # average advance of the 26 px label font, generous
# Every place is a touch target: a disc of this radius around its marker. The map is drawn at
# 0.64 of its size at the narrowest (1080 px portrait), where 40 units are 25.6 CSS px: a disc
# 51 px across, over the 48 px minimum (issue 5).
TARGET_RADIUS = 40.0
TARGET_GAP = 4.0  # between two discs
LEADER_MIN = 6.0  # a marker moved further than this from its place is joined to it by a line


@dataclass(frozen=True)
class MapPlace:
    """A place on the map: where it is (x, y), where its marker is drawn, where its label goes.

    Places too close to tell apart (Tus and Mashhad; a mausoleum in its town) have their
    markers moved apart until each is a target of its own, joined to the true position by a
    thin leader line; the label is placed around the marker (dx, dy from it).
    """

    place: Place
    x: float
    y: float
    label: str = ""
    label_dx: float = 0.0
    label_dy: float = -22.0
    marker_x: float | None = None
    marker_y: float | None = None

    @property
    def is_area(self) -> bool:
        """Countries, seas and the steppe get a label, not a marker."""
        return self.place.place_kind in AREA_KINDS

    @property
    def mx(self) -> float:
        """Where the marker is drawn (x)."""
        return self.x if self.marker_x is None else self.marker_x

    @property
    def my(self) -> float:
        """Where the marker is drawn (y)."""
        return self.y if self.marker_y is None else self.marker_y

    @property
    def is_region(self) -> bool:
        """Regions and provinces: a marker, drawn as a ring rather than a town's dot."""
        return self.place.place_kind in REGION_KINDS

    @property
    def has_leader(self) -> bool:
        """Whether the marker was moved away from the place, so a line must join them."""
        return not self.is_area and math.dist((self.x, self.y), (self.mx, self.my)) > LEADER_MIN

    @property
    def target(self) -> Box:
        """An area's touch target (its label, see area_box); a point's is its marker's disc."""
        return area_box(self)


Box = tuple[float, float, float, float]


def _box(x: float, y: float, text: str, dx: float, dy: float) -> Box:
    width = max(len(text), 2) * CHAR_WIDTH
    return (x + dx - width / 2, y + dy - LABEL_HEIGHT + 6, x + dx + width / 2, y + dy + 6)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _hits_disc(box: Box, cx: float, cy: float, r: float) -> bool:
    nearest_x = min(max(cx, box[0]), box[2])
    nearest_y = min(max(cy, box[1]), box[3])
    return math.dist((nearest_x, nearest_y), (cx, cy)) < r


def _inside(box: Box) -> bool:
    return box[0] >= 0 and box[1] >= 0 and box[2] <= WIDTH and box[3] <= HEIGHT


def separate_markers(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Move points apart, as little as needed, until their target discs do not overlap."""
    least = 2 * TARGET_RADIUS + TARGET_GAP
    pos = [[x, y] for x, y in points]
    for _ in range(500):
        moved = False
        for i in range(len(pos)):
            for j in range(i + 1, len(pos)):
                dx, dy = pos[j][0] - pos[i][0], pos[j][1] - pos[i][1]
                distance = math.hypot(dx, dy)
                if distance >= least:
                    continue
                if distance < 1e-6:  # the same point: part along a fixed, per-pair direction
                    angle = (i * 7 + j * 3) * 2.399963  # the golden angle, in radians
                    dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
                push = (least - distance) / 2 + 0.05
                ux, uy = dx / distance, dy / distance
                pos[i][0] -= ux * push
                pos[i][1] -= uy * push
                pos[j][0] += ux * push
                pos[j][1] += uy * push
                moved = True
        for point in pos:  # keep every disc on the map
            point[0] = min(max(point[0], TARGET_RADIUS), WIDTH - TARGET_RADIUS)
            point[1] = min(max(point[1], TARGET_RADIUS), HEIGHT - TARGET_RADIUS)
        if not moved:
            break
    return [(round(x, 1), round(y, 1)) for x, y in pos]


def area_box(item: MapPlace) -> Box:
    """An area's touch target: its label with a margin, two target radii high."""
    half = max(len(item.label), 2) * CHAR_WIDTH / 2 + 12
    return (item.mx - half, item.my - TARGET_RADIUS, item.mx + half, item.my + TARGET_RADIUS)


def _rings(first: float, step: float, count: int) -> list[tuple[float, float]]:
    """Offsets around a point: straight up, down, right and left first, then the diagonals."""
    found: list[tuple[float, float]] = []
    for n in range(count):
        r = first + n * step
        found += [(0.0, -r), (0.0, r), (r, 0.0), (-r, 0.0)]
        found += [(r, -r), (-r, -r), (r, r), (-r, r)]
    return found


def _around(step: float, furthest: float) -> list[tuple[float, float]]:
    """Offsets in 16 directions at every step up to `furthest`, nearest first."""
    found = [
        (round(r * math.cos(k * math.pi / 8), 1), round(r * math.sin(k * math.pi / 8), 1))
        for r in (step * n for n in range(1, int(furthest / step) + 1))
        for k in range(16)
    ]
    return sorted(found, key=lambda o: (math.hypot(*o), abs(o[0]), o))


def _point_offsets(item: MapPlace) -> list[tuple[float, float]]:
    """Where a point's label may go (dx, dy of its baseline centre), nearest first."""
    half = max(len(item.label), 2) * CHAR_WIDTH / 2
    beside = half + TARGET_RADIUS * 0.6
    near = [(0.0, -22.0), (0.0, 44.0), (beside, 10.0), (-beside, 10.0)]
    near += [(0.0, -52.0), (0.0, 74.0), (beside, -24.0), (-beside, -24.0)]
    near += [(beside, 44.0), (-beside, 44.0)]
    return near + [(dx * 1.2, dy + 10) for dx, dy in _rings(90.0, 40.0, 4)]


def place_labels(points: list[MapPlace]) -> list[MapPlace]:
    """Put each point's label around its marker, then each area's label near its place.

    A label never covers another place's target, another label or the map's edge when there
    is any room for it; an area's target is its label (see area_box), set where it is clear.
    """
    dots = [p for p in points if not p.is_area]
    areas = [p for p in points if p.is_area]
    discs = [(p.place.id, p.mx, p.my) for p in dots]
    placed: list[MapPlace] = []
    boxes: list[Box] = []

    def clear(box: Box, owner: int) -> bool:
        return (
            _inside(box)
            and not any(_overlaps(box, b) for b in boxes)
            and not any(_hits_disc(box, x, y, TARGET_RADIUS) for o, x, y in discs if o != owner)
        )

    for item in sorted(dots, key=lambda p: (p.my, p.place.slug)):  # top to bottom
        offsets = _point_offsets(item)
        choice = next(
            (o for o in offsets if clear(_box(item.mx, item.my, item.label, *o), item.place.id)),
            offsets[0],
        )
        boxes.append(_box(item.mx, item.my, item.label, *choice))
        placed.append(replace(item, label_dx=choice[0], label_dy=choice[1]))
    for item in sorted(areas, key=lambda p: (p.y, p.place.slug)):
        candidates = [(0.0, 0.0), *_around(30.0, 240.0)]
        moved = [
            replace(item, marker_x=round(item.x + dx, 1), marker_y=round(item.y + dy, 1))
            for dx, dy in candidates
        ]
        spot = next((m for m in moved if clear(area_box(m), item.place.id)), moved[0])
        boxes.append(area_box(spot))
        placed.append(replace(spot, label_dx=0.0, label_dy=9.0))
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
    target_radius: float = TARGET_RADIUS


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

    Every such place is on the map, a site within its town too: markers closer than two
    touch targets are moved apart (with a leader line to the true position), labels avoid
    the other places' targets and each other.
    """
    found = session.scalars(
        select(Place)
        .where(Entity.state == PublicationState.PUBLISHED)
        .options(selectinload(Entity.names))
        .order_by(Entity.slug)
    ).all()
    placed = [p for p in found if p.latitude is not None and p.longitude is not None]
    projection = projection_for(placed)
    points = [projection.point(p.longitude, p.latitude) for p in placed]  # type: ignore[arg-type]
    dots = [n for n, p in enumerate(placed) if p.place_kind not in AREA_KINDS]
    markers = dict(zip(dots, separate_markers([points[n] for n in dots]), strict=True))
    items = [
        MapPlace(
            p,
            x,
            y,
            label=label(p),
            marker_x=markers.get(n, (x, y))[0],
            marker_y=markers.get(n, (x, y))[1],
        )
        for n, (p, (x, y)) in enumerate(zip(placed, points, strict=True))
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
    return SchematicMap(place_labels(items), path + " Z", meridians, parallels)
