"""The four verdicts a promise's live check can give, shared by every module that checks one.

- ``KEPT``: the check ran and the promise holds.
- ``AT_RISK``: nothing is broken yet, but what keeps the promise is not working as it should
  (a scheduled job that has not run for too long, a rule that decides nothing).
- ``BROKEN``: the check found what the promise says must not be.
- ``NOT_CHECKED``: the check could not run (a table it reads is missing or cannot be read), so
  nothing is known; it is not "kept".
"""

from __future__ import annotations

from minisip_console.core.text import say

# each word is a code (``--json``, comparisons) and a word the window shows in its language
KEPT = say("kept")
AT_RISK = say("at risk")
BROKEN = say("broken")
NOT_CHECKED = say("not checked")

#: every verdict, best first
VERDICTS: tuple[str, ...] = (KEPT, AT_RISK, BROKEN, NOT_CHECKED)
