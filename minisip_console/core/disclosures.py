"""The disclosure register: every sharing of a customer's data, its legal basis and its evidence.

The policy: "We only share your info with your permission, when the law requires it, or on an
acquisition." A disclosure names its basis (``DISCLOSURE_BASES``) and the data categories shared
(``CATEGORIES``); ``list_disclosures`` reads the register. Recording one is
``legal.record_disclosure``: the law-enforcement register's rules (``legal.refusal``) decide who
may, and a compliance records its disclosures in the same transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from minisip_console.core.models import Disclosure
from minisip_console.core.text import say

if TYPE_CHECKING:
    import datetime as dt

    from sqlalchemy.orm import Session


#: data categories a request may seek (and a disclosure may contain) -> label
CATEGORIES: dict[str, str] = {
    "subscriber": say("Subscriber information (name, email, company)"),
    "cdrs": say("Call detail records"),
    "configurations": say("Configurations"),
    "files": say("Uploaded files"),
    "correspondence": say("Support correspondence"),
}


#: disclosure legal bases -> label (``legal_basis``); a disclosure without one is refused
DISCLOSURE_BASES: dict[str, str] = {
    "permission": say("The customer's permission"),
    "law": say("A legal obligation (court order, statute)"),
    "acquisition": say("An acquisition or merger"),
    "service_provider": say("A service provider working for us"),
}


@dataclass(frozen=True)
class DisclosureInfo:
    id: int
    account_id: int | None
    recipient: str
    legal_basis: str
    evidence: str
    data_categories: tuple[str, ...]
    data_shared: str
    request_id: int | None
    disclosed_at: dt.datetime
    recorded_by: str
    export_sha256: str | None
    #: the export's manifest: (entry name, sha256, rows or None)
    manifest: tuple[tuple[str, str, int | None], ...] = ()


def _split(stored: str | None) -> tuple[str, ...]:
    return tuple(c for c in (stored or "").split(",") if c)


def _disclosure_info(d: Disclosure) -> DisclosureInfo:
    manifest: list[tuple[str, str, int | None]] = []
    if d.export_manifest:
        try:
            data = json.loads(d.export_manifest)
        except ValueError:
            data = {}
        if isinstance(data, dict):
            for name, entry in data.items():
                if isinstance(entry, dict):
                    manifest.append((str(name), str(entry.get("sha256", "")), entry.get("rows")))
                elif isinstance(entry, str):
                    manifest.append((str(name), entry, None))
        elif isinstance(data, list):
            for entry in data:
                if isinstance(entry, dict) and "name" in entry:
                    manifest.append((str(entry["name"]), str(entry.get("sha256", "")), entry.get("rows")))
    return DisclosureInfo(
        d.id,
        d.account_id,
        d.recipient,
        d.legal_basis,
        d.evidence,
        _split(d.data_categories),
        d.data_shared or "",
        d.law_enforcement_request_id,
        d.disclosed_at,
        d.recorded_by,
        d.export_sha256,
        tuple(manifest),
    )


def list_disclosures(session: Session, *, account_id: int | None = None) -> tuple[DisclosureInfo, ...]:
    q = select(Disclosure)
    if account_id is not None:
        q = q.where(Disclosure.account_id == account_id)
    return tuple(_disclosure_info(d) for d in session.scalars(q.order_by(Disclosure.disclosed_at.desc(), Disclosure.id.desc())))
