"""Icons, the style sheet and templates, installed as ``minisip_console.resources``."""
