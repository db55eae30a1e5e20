"""Account management, for admins: create, deactivate, reactivate, reset passwords, roles.

Every change is recorded in the site-wide history in the admin's name (never a password).
"""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from app import context
from app.curator.blueprint import actor, admin_only, bp
from catalogue.accounts.login import recent_failures
from catalogue.accounts.users import (
    AccountError,
    create_user,
    list_users,
    set_active,
    set_password,
    set_role,
    update_account,
)
from catalogue.models import Role, User
from catalogue.transaction import run_in_transaction


def _page(status: int = 200, **values: object) -> tuple[str, int]:
    session = context.session()
    page = render_template(
        "curator/accounts.html",
        users=list_users(session),
        failures=recent_failures(session),
        roles=list(Role),
        form=values.pop("form", {}),
        **values,
    )
    return page, status


@bp.get("/accounts")
@admin_only
def accounts() -> tuple[str, int]:
    """Every account, and a form for a new one."""
    return _page(done=request.args.get("done", ""))


@bp.post("/accounts")
@admin_only
def create_account() -> Response | tuple[str, int]:
    """Create an account."""
    form = {key: request.form.get(key, "")[:300] for key in ("username", "display_name", "role")}
    try:
        role = Role(form["role"])
    except ValueError:
        return _page(400, form=form, error=gettext("Choose a role."))
    password = request.form.get("password", "")[:2048]
    try:
        run_in_transaction(
            context.database(),
            lambda s: create_user(
                s, form["username"], password, role=role, display_name=form["display_name"]
            ),
            actor=actor(),
        )
    except AccountError as error:
        return _page(400, form=form, error=str(error))
    return redirect(url_for("curator.accounts", done="created"))


@bp.post("/accounts/<int:user_id>/active")
@admin_only
def set_account_active(user_id: int) -> Response | tuple[str, int]:
    """Deactivate (ending its sessions) or reactivate an account."""
    active = request.form.get("active") == "1"
    try:
        update_account(
            context.database(), user_id, lambda s, user: set_active(s, user, active), actor()
        )
    except AccountError as error:
        return _page(400, error=str(error))
    return redirect(url_for("curator.accounts", done="activated" if active else "deactivated"))


@bp.post("/accounts/<int:user_id>/password")
@admin_only
def reset_account_password(user_id: int) -> Response | tuple[str, int]:
    """Give an account a new password (ending its sessions)."""
    new = request.form.get("password", "")[:2048]

    def reset(_session: object, user: User) -> None:
        set_password(user, new)

    try:
        update_account(context.database(), user_id, reset, actor())
    except AccountError as error:
        return _page(400, error=str(error))
    return redirect(url_for("curator.accounts", done="reset"))


@bp.post("/accounts/<int:user_id>/role")
@admin_only
def set_account_role(user_id: int) -> Response | tuple[str, int]:
    """Make an account an admin or a curator (one active admin always remains)."""
    try:
        role = Role(request.form.get("role", ""))
    except ValueError:
        return _page(400, error=gettext("Choose a role."))
    try:
        update_account(
            context.database(), user_id, lambda s, user: set_role(s, user, role), actor()
        )
    except AccountError as error:
        return _page(400, error=str(error))
    return redirect(url_for("curator.accounts", done="role"))
