"""Formerly the placeholder tabs fed by ``core.overview``.

The CDR retention tab is ``ui.cdr_tab``, the deletion queue ``ui.deletion_tab`` and the Policy
notices tab ``ui.policies_tab`` (versions, diffs, the significance decision, the email campaign
and site notices); each reads its own data on a worker. ``PoliciesTab`` is re-exported here for
callers that still import it from this module.
"""

from __future__ import annotations

from minisip_console.ui.policies_tab import PoliciesTab

__all__ = ["PoliciesTab"]
