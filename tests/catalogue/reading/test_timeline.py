"""The kiosk's timeline over the shipped catalogue."""

from catalogue.db import Database
from catalogue.reading.timeline import build_timeline


def test_the_timeline_runs_from_the_taikazan_to_the_presentation(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        timeline = build_timeline(session)
        slugs = [e.slug for e in timeline.dated]
        assert slugs[0] == "taikazan-casting"
        assert timeline.first_year == 1399
        years = [e.date.earliest for e in timeline.dated if e.date and e.date.earliest]
        assert years == sorted(years)
        assert "yasawi-mausoleum-construction" not in slugs  # 1389: before the start
        assert timeline.end is not None and timeline.end.slug == "pezeshkian-visit-astana"
        # What the visit led to is shown with it, not as if it came before it.
        related = {e.slug for e in timeline.end_related}
        assert "cultural-exchange-programme-2026-2028" in related
        assert "cultural-exchange-programme-2026-2028" not in slugs
        # Events no source dates are set apart, never given an invented date.
        assert all(e.date is None or e.date.earliest is None for e in timeline.undated)
        assert "moscow-embassies-meeting" in {e.slug for e in timeline.undated}
