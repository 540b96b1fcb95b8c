"""The "Audit log" tab: every event, with filters, verification and export."""
