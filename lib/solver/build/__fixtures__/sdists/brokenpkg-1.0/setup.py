# Fixture: an sdist whose build fails; the solver must report the tail of the backend's stderr.
raise RuntimeError("brokenpkg refuses to build: fixture failure")
