"""minisip-console: the privacy console of Cloud miniSIPServer."""

__version__ = "0.1.0"
APP_NAME = "minisip-console"
