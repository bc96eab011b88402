"""``georouter requests …``: overdue requests per manager and per-manager figures."""

from __future__ import annotations

import click

from .cli_common import ExitStatus, emit_json, exit_with


def _workflow():
    from .web import create_app

    return create_app().extensions["georouter_workflow"]


@click.group("requests")
def requests_group() -> None:
    """Connection requests (报装): what is overdue, and how each manager is doing."""


@requests_group.command()
@click.option("--json", "as_json", is_flag=True)
def overdue(as_json: bool) -> None:
    """Open requests past a time limit, grouped by manager (customer phones masked)."""
    from .workflow.service import now_utc

    workflow = _workflow()
    now = now_utc()
    found = workflow.store.list(overdue=True, now=now, limit=10**6)
    by_manager: dict[str, list] = {}
    for r in found:
        by_manager.setdefault(workflow.manager_name(r.manager_id) or "（未分配）", []).append(
            r.to_dict(workflow.store.limits, now, masked=True))
    if as_json:
        emit_json(by_manager)
    else:
        for manager, items in sorted(by_manager.items()):
            click.echo(f"{manager}: {len(items)}")
            for item in items:
                late = ", ".join(d["label"] for d in item["deadlines"] if d["overdue"])
                click.echo(f"  {item['id']}  {item['stage_label']}  {item['phone']}  {late}")
    exit_with(ExitStatus.OK)


@requests_group.command()
@click.option("--json", "as_json", is_flag=True)
def report(as_json: bool) -> None:
    """Per manager: requests, overdue, median minutes to first contact, share of limits met, 好评率."""
    from .workflow.service import now_utc

    workflow = _workflow()
    figures = {workflow.manager_name(m) or "（未分配）": f for m, f in workflow.store.report(now_utc()).items()}
    if as_json:
        emit_json(figures)
        exit_with(ExitStatus.OK)

    def pct(value):
        return "—" if value is None else f"{value:.0%}"

    click.echo("客户经理\t报装数\t超时\t首次联系中位(分钟)\t时限达成率\t好评率")
    for name, f in sorted(figures.items()):
        minutes = "—" if f["median_minutes_to_contact"] is None else f["median_minutes_to_contact"]
        click.echo(f"{name}\t{f['requests']}\t{f['overdue']}\t{minutes}\t{pct(f['limits_met_share'])}\t"
                   f"{pct(f['good_rating_share'])}")
    exit_with(ExitStatus.OK)
