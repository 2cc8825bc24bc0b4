"""Command-line tasks: `flask users create-admin`, `flask seed-demo`, `flask lottery …`,
`flask backup PATH`, `flask restore PATH`."""
import os

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from .database import unit_of_work
from .errors import ValidationFailed

users = AppGroup("users", help="Manage accounts.")


@users.command("create-admin")
@click.option("--email", prompt=True, help="E-mail address of the admin account.")
@click.option("--name", "display_name", default="Administration", show_default=True, help="Display name.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Password (asked for when not given).")
def create_admin(email, display_name, password):
    """Create the first admin, or make an existing account an admin."""
    from .auth.services import create_admin as create

    try:
        with unit_of_work():
            user = create(email, password, display_name)
    except ValidationFailed as error:
        raise click.ClickException(str(error.message)) from None
    click.echo(f"Admin account ready: {user.email}")


@users.command("reset-two-factor")
@click.argument("email")
def reset_two_factor(email):
    """Remove an account's lost second factor (for when no admin can sign in); it enrols again at its next sign-in."""
    from .auth.services import get_user_by_email
    from .auth.two_factor import reset_by_admin
    from .errors import DomainError

    user = get_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account with the address {email}.")
    try:
        with unit_of_work():
            reset_by_admin(None, user.id, by_operator=True)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from None
    click.echo(f"Second factor of {user.email} reset; it sets up a new one at its next sign-in.")


@click.command("seed-demo")
def seed_demo():
    """Build the German demo (idempotent): processes, 800+ ideas, one account per role."""
    from .demo.seed import seed_demo as seed

    report = seed(password=current_app.config.get("DEMO_PASSWORD") or os.environ.get("DEMO_PASSWORD"))
    if not report["created"]:
        click.echo("The demo already exists; nothing was changed.")
    else:
        click.echo(f"Demo created: {report['ideas']} ideas, {report['supports']} supports, "
                   f"{report['comments']} comments in {', '.join(report['processes'])}.")
    click.echo("Demo accounts:")
    for account in report["accounts"]:
        click.echo(f"  {account['role']:<10} {account['email']}")
    if report.get("password"):
        click.echo(f"  password for all demo accounts: {report['password']}")
        if report.get("credentials_path"):
            click.echo(f"  (also written to {report['credentials_path']})")
    elif report.get("credentials_path"):
        with open(report["credentials_path"], encoding="utf-8") as kept:
            password_lines = [line.strip() for line in kept if line.startswith(("Passwort", "Password"))]
        click.echo(f"  {password_lines[0] if password_lines else ''}  (from {report['credentials_path']})")
    else:
        click.echo("  password: the value of DEMO_PASSWORD")
    click.echo("  Moderator, staff and admin accounts set up two-factor authentication (an authenticator app\n"
               "  such as FreeOTP, Aegis or Google Authenticator) at their first sign-in; a lost second factor:\n"
               "  flask users reset-two-factor EMAIL, or an admin at /account/admin/two-factor.")
    if report.get("conference"):
        conference = report["conference"]
        click.echo(f"Demo conference \"{conference['title']}\" (event code {conference['event_code']}); join links:")
        for role, link in conference["links"].items():
            click.echo(f"  {role:<11} {link}")


lottery = AppGroup("lottery", help="Citizen lottery: checking draws.")


@lottery.command("verify")
@click.argument("protocol", type=click.File("rb"))
@click.argument("register", type=click.File("rb"), required=False)
@click.option("--published-hash", default=None,
              help="The hash published before the draw (parameters hash or lottery hash) to compare with.")
def verify_draw(protocol, register, published_hash):
    """Check a published PROTOCOL (JSON): an invitation draw with its REGISTER extract (CSV), or a
    panel lottery (the 1,000 panels, their quotas and the drawn number) on its own.

    Exits with 0 when everything agrees, 1 when something differs, 2 when the files cannot be checked.
    """
    from .lottery.verification import REGISTER_NOT_NEEDED, VerificationError, read_protocol, verify_files

    data = protocol.read()
    try:
        kind = read_protocol(data)["kind"]
        if register is not None and kind == "panel_lottery":
            click.echo(REGISTER_NOT_NEEDED, err=True)
            register = None
        report = verify_files(data, register.read() if register is not None else None,
                              expected_hash=published_hash)
    except VerificationError as error:
        click.echo(str(error), err=True)
        raise SystemExit(2) from None
    click.echo(report.text())
    raise SystemExit(0 if report.ok else 1)


@lottery.command("purge")
@click.option("--process", "slug", default=None, help="Only this process (its address, e.g. jena-2035).")
def purge_register(slug):
    """Delete the register rows of everyone who did not accept, once the letters are out or the
    deletion date has come. Fingerprints and the per-person HMAC values stay for verification.
    Run it daily (cron or a systemd timer)."""
    from .lottery.services import purge
    from .processes.services import get_process

    with unit_of_work():
        process = get_process(slug, public_only=False) if slug else None
        done = purge(process=process)
        for extract, removed in done:
            click.echo(f"{extract.process.slug}: {extract.filename} ({extract.fingerprint[:12]}): "
                       f"{removed} rows deleted")
    if not done:
        click.echo("Nothing to delete.")


def _migration_head():
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

    settings = AlembicConfig()
    settings.set_main_option("script_location", current_app.extensions["migrate"].directory)
    heads = ScriptDirectory.from_config(settings).get_heads()
    if len(heads) != 1:
        raise click.ClickException(f"The migrations have {len(heads)} heads; merge them first.")
    return heads[0]


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--force", is_flag=True, help="Replace PATH when it exists.")
@with_appcontext
def backup(path, force):
    """Write a consistent copy of the SQLite database to PATH while the application keeps running
    (SQLite's online backup API). PostgreSQL: use pg_dump (the command says how)."""
    from .backup import BackupRefused, backup_sqlite, database_path_of

    try:
        report = backup_sqlite(database_path_of(current_app.config["SQLALCHEMY_DATABASE_URI"]), path, force=force)
    except BackupRefused as refusal:
        raise click.ClickException(str(refusal)) from None
    click.echo(f"Backup written to {report.path}: {report.tables} tables, {report.rows} rows, "
               f"migration revision {report.revision}.")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--force", is_flag=True, help="Replace a database that holds data (stop the application first).")
@with_appcontext
def restore(path, force):
    """Restore a backup made by `flask backup` into the configured SQLite database. Refuses files
    that are not a Participation database at this version's migration revision, and refuses to
    overwrite a database holding data unless --force is given."""
    from .backup import BackupRefused, database_path_of, restore_sqlite
    from .extensions import db

    try:
        target = database_path_of(current_app.config["SQLALCHEMY_DATABASE_URI"])
        db.engine.dispose()  # no pooled connection of this process holds the old file open
        report = restore_sqlite(path, target, _migration_head(), force=force)
    except BackupRefused as refusal:
        raise click.ClickException(str(refusal)) from None
    click.echo(f"Restored {path} into {report.path}: {report.tables} tables, {report.rows} rows, "
               f"migration revision {report.revision}.")


def init_app(app):
    app.cli.add_command(users)
    app.cli.add_command(seed_demo)
    app.cli.add_command(lottery)
    app.cli.add_command(backup)
    app.cli.add_command(restore)
