"""The "Deletion queue" tab: requests, their approval, the run, verification and certificates."""
