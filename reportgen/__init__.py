"""reportgen: Chinese work reports (工作报告、工作总结、自查报告) from structured YAML."""

from __future__ import annotations

__version__ = "0.1.0"
