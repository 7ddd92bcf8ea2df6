"""Visits: contacts with a tenant, the quick log, "my week", the timeline,
the offline sync. A package of the app `tenants` (see README, Layout)."""
