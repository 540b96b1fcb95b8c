"""The core's plumbing: database access, connecting, paths, secrets, logs, locks, profiles, the file
store, file writing, errors and the mail connection. No promise of the policy lives here; the
modules beside this package keep them, one promise per module."""
