"""Demo patients for seed_demo; grows with each feature."""


def seed(*, clinic, staff, stdout) -> None:
    """Create demo patient data for ``clinic`` (idempotent)."""
