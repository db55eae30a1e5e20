"""The Flask delivery layer: thin views over the catalogue package."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from catalogue.db import Database
from catalogue.formats.jsonld import authority_links
from catalogue.images.pyramid import thumbnail_size
from catalogue.reading.public import public_ref
from catalogue.search import SearchIndex, connect
from catalogue.settings import (
    Settings,
    allowed_hosts,
    load_settings,
    machine_names,
    private_data_dir,
    secret_key,
)


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the application; `overrides` may hold SETTINGS (a Settings) and Flask config keys."""
    from app import (
        assets,
        context,
        csrf,
        curator,
        errors,
        health,
        i18n,
        security,
        server_timing,
        urls,
    )
    from app.kiosk import cache as kiosk_cache
    from app.kiosk import views as kiosk
    from app.scholar import api, citations, exports, iiif, oai, record_pages, search, viewer

    options = dict(overrides or {})
    settings: Settings = options.pop("SETTINGS", None) or load_settings()
    private_data_dir(settings)
    app = Flask(__name__, static_folder="../static", static_url_path="/static")
    app.config.update(
        SECRET_KEY=secret_key(settings),
        JSON_SORT_KEYS=False,
        MAX_CONTENT_LENGTH=64 * 1024 * 1024,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
    )
    security.install(app, idle_minutes=settings.curator_idle_minutes)
    security.trust_hosts(app, allowed_hosts(settings, machine_names(settings.host)))
    app.config.update(options)
    database = Database(settings.database_url)
    index = SearchIndex(settings.data_dir / "index")
    connect(database, index)  # every commit through this app updates the index
    context.install(app, settings, database, index)
    i18n.install(app)
    csrf.install(app)
    errors.install(app)
    assets.install(app)
    app.jinja_env.globals["record_url"] = urls.record_url
    app.jinja_env.globals["thumbnail_size"] = thumbnail_size
    app.jinja_env.globals["authority_links"] = authority_links
    app.jinja_env.globals["public_ref"] = public_ref  # every link a public page shows
    app.register_blueprint(health.bp)
    kiosk_cache.install(app)
    app.register_blueprint(kiosk.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(citations.bp)
    app.register_blueprint(exports.bp)  # before records: its routes are more specific
    app.register_blueprint(record_pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(iiif.bp)
    app.register_blueprint(viewer.bp)
    app.register_blueprint(oai.bp)
    app.register_blueprint(curator.bp)
    if settings.trusted_proxies:
        # Behind a proxy every request comes from the proxy's address: the login throttle would
        # count everyone's failures as one client's. Each trusted proxy appends the address it
        # saw to X-Forwarded-For, so the client's is that many from the right (what a client
        # wrote there itself is further left and ignored). Host is not taken from X-Forwarded-Host:
        # a proxy passes the original Host, which is checked against the allowed hosts.
        hops = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    app.wsgi_app = server_timing.ServerTiming(app.wsgi_app)  # type: ignore[method-assign]
    return app
