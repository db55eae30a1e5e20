"""Security headers on every response (a strict Content-Security-Policy and friends), and
session cookies that are HttpOnly, SameSite and Secure whenever the request came over TLS."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext
from werkzeug.exceptions import SecurityError

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SessionCookies(SecureCookieSessionInterface):
    """Signed session cookies marked Secure exactly when the page was served over TLS.

    A Secure-only cookie over plain HTTP would never come back, and every login and form would
    fail; behind a TLS-terminating proxy, QOLJAZBA_TRUSTED_PROXIES (ProxyFix) gives the
    original scheme.
    """

    def get_cookie_secure(self, app: Flask) -> bool:
        return request.is_secure or bool(app.config["SESSION_COOKIE_SECURE"])


def trust_hosts(app: Flask, hosts: Sequence[str]) -> None:
    """Answer only requests whose Host is one of `hosts` (any port); a 400 for any other.

    Absolute URLs built from the request (IIIF ids, manifests, API links, redirects) would
    otherwise carry whatever Host a client sent, into publicly cached documents.
    """
    app.config["TRUSTED_HOSTS"] = list(hosts)

    @app.errorhandler(SecurityError)
    def _untrusted_host(_error: SecurityError) -> Response:
        # Plain and fixed: the host given is not repeated, and no URL is built from it.
        message = gettext("This server does not answer to that host name.")
        return Response(message + "\n", status=400, mimetype="text/plain")


def install(app: Flask, *, idle_minutes: int) -> None:
    """Add the headers to every response; sessions last `idle_minutes` without a request."""
    app.session_interface = SessionCookies()
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=datetime.timedelta(minutes=idle_minutes),
    )

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        # IIIF images and manifests are meant for viewers on other sites (they say so by CORS).
        shared = response.headers.get("Access-Control-Allow-Origin") == "*"
        corp = "cross-origin" if shared else "same-origin"
        response.headers.setdefault("Cross-Origin-Resource-Policy", corp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response
