"""The queries a request that writes access events pays for sealing them at once
(clinic/accesslog.py): the chain's head and the insert of the seals, and on PostgreSQL the
advisory lock. Query budgets of pages that log add it."""

from django.db import connection

SEAL = 3 if connection.vendor == "postgresql" else 2
