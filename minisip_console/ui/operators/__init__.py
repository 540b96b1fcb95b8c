"""The "Operators" tab: who may use the console, and as what."""
