# Fixture: an sdist whose build never ends (it sleeps, and so does a child it starts); the solver's
# time limit must kill the whole process group.
import subprocess
import sys
import time

subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
time.sleep(600)
