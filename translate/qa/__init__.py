"""Quality checks: a registry of small named checks (see :mod:`translate.qa.base`)."""

from translate.qa.base import REGISTRY, Check, CheckContext, Finding, Segment, register, run_checks

__all__ = ["REGISTRY", "Check", "CheckContext", "Finding", "Segment", "register", "run_checks"]
