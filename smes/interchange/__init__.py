"""Building blocks of the interchange format (docs/format.md) that each app
writes its resources with: `resources.InterchangeResource`, the `widgets`,
the formula-safe `formats` and the admin mixin (`admin`).

The engine that imports and exports the files (their order, who may touch
which, the commands and the page) is `records.interchange`; the apps
declare their files in smes.registry.INTERCHANGE_FILES.
"""
