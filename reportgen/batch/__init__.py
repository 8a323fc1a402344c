"""Many reports at once: plan, names, state, a process pool, the summary and the roll-up.

The library returns results and prints nothing; cli/batch.py does the talking."""
