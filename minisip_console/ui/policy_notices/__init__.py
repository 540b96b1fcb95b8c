"""The "Policy notices" tab: policy versions, their significance, campaigns and the delivery ledger."""
