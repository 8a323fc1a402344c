"""Realistic reports written fresh for reportgen, and the scoreboard that measures check and import on them."""
