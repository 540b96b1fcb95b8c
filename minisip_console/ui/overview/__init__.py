"""The Overview tab: every promise of the privacy policy, its verdict and where to act."""
