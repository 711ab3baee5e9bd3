"""Jobs: one press of a button becomes one paid piece of work (the runner, its chat port, its types)."""
