"""The catalogue of the 2025 activity report ("Distribution de matériel de
réduction des risques": 23 items in four groups).

Codes are stable: the interchange files (rdr_items.csv, rdr_movements.csv)
refer to items by code, and the sample data set already uses BD, H2O,
STERICUP, ASCORB, STERET, KB, GEX, EMBOUT, ALU, PAILLE, PRESERV, LINGETTE.
Thresholds are about one month of the 2025 distribution.
"""

from django.db import migrations

# code, name, category, unit, threshold
CATALOGUE = [
    ("BD", "Seringue BD (normale)", "INJECTION", "pièce", 20),
    ("H2O", "Eau stérile (H2O)", "INJECTION", "fiole", 40),
    ("STERICUP", "Stericup N et MAXI", "INJECTION", "pièce", 20),
    ("ASCORB", "Acide ascorbique", "INJECTION", "sachet", 15),
    ("GARROT", "Garrot", "INJECTION", "pièce", 2),
    ("STERET", "Sterets", "INJECTION", "pièce", 40),
    ("CONTAINER", "Container", "INJECTION", "pièce", 2),
    ("TAMPON", "Tampon sec", "INJECTION", "pièce", 5),
    ("ASD", "Pipe ASD (droite)", "INHALATION", "pièce", 10),
    ("KB", "Pipe KB+ (coudée)", "INHALATION", "pièce", 30),
    ("GEX", "Filtre Gex (inox)", "INHALATION", "pièce", 50),
    ("EMBOUT", "Embout PVC (transparent)", "INHALATION", "pièce", 40),
    ("LAME", "Lames / couteaux", "INHALATION", "pièce", 2),
    ("CROPEUR", "Cropeur", "INHALATION", "pièce", 15),
    ("BICARB", "Bicarbonate (sachet)", "INHALATION", "sachet", 10),
    ("SYRISPOON", "Syrispoon", "INHALATION", "pièce", 15),
    ("ALU", "Aluminium", "INHALATION", "feuille", 60),
    ("PAILLE", "Roule ta paille (livret)", "SNIFF", "livret", 5),
    ("PRESERV", "Préservatifs", "STI_OTHER", "pièce", 10),
    ("LUBRIF", "Lubrifiant", "STI_OTHER", "dosette", 5),
    ("LINGETTE", "Lingettes nettoyantes", "STI_OTHER", "pièce", 20),
    ("LINGINT", "Lingettes intimes", "STI_OTHER", "pièce", 15),
    ("HYDRAMYL", "Hydramyl", "STI_OTHER", "sachet", 15),
]


def create_catalogue(apps, schema_editor):
    Item = apps.get_model("harmreduction", "Item")
    for position, (code, name, category, unit, threshold) in enumerate(CATALOGUE, start=1):
        # get_or_create: a database that already has an item with this code
        # (imported before this migration) keeps it as it is.
        Item.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "unit": unit,
                "threshold": threshold,
                "active": True,
                "position": position * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("harmreduction", "0002_operation")]

    operations = [migrations.RunPython(create_catalogue, migrations.RunPython.noop)]
