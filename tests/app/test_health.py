"""/healthz."""

from flask.testing import FlaskClient


def test_healthz_reports_database_and_index(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["database"]["records"] > 27
    assert body["index"] == {"ok": True, "documents": 78}
    assert response.headers["Cache-Control"] == "no-store"
