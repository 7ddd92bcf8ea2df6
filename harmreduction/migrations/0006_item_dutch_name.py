"""Dutch names and units of the catalogue (issue 12): the NL interface and
the NL annual report no longer show the French names.

Filled only where empty, for the codes of the 2025 catalogue (0003): an item
a team renamed keeps its name; its Dutch name can be typed in the catalogue.
"""

from django.db import migrations, models

# code: (Dutch name, Dutch unit)
CATALOGUE_NL = {
    "BD": ("Spuit BD (normaal)", "stuk"),
    "H2O": ("Steriel water (H2O)", "ampul"),
    "STERICUP": ("Stericup N en MAXI", "stuk"),
    "ASCORB": ("Ascorbinezuur", "zakje"),
    "GARROT": ("Stuwband", "stuk"),
    "STERET": ("Alcoholdoekjes (Sterets)", "stuk"),
    "CONTAINER": ("Naaldcontainer", "stuk"),
    "TAMPON": ("Droog gaasje", "stuk"),
    "ASD": ("Pijp ASD (recht)", "stuk"),
    "KB": ("Pijp KB+ (gebogen)", "stuk"),
    "GEX": ("Gex-filter (inox)", "stuk"),
    "EMBOUT": ("Mondstuk pvc (transparant)", "stuk"),
    "LAME": ("Mesjes", "stuk"),
    "CROPEUR": ("Duwstaafje (cropeur)", "stuk"),
    "BICARB": ("Bicarbonaat (zakje)", "zakje"),
    "SYRISPOON": ("Syrispoon", "stuk"),
    "ALU": ("Aluminiumfolie", "vel"),
    "PAILLE": ("Rol je rietje (boekje)", "boekje"),
    "PRESERV": ("Condooms", "stuk"),
    "LUBRIF": ("Glijmiddel", "dosis"),
    "LINGETTE": ("Reinigingsdoekjes", "stuk"),
    "LINGINT": ("Intieme doekjes", "stuk"),
    "HYDRAMYL": ("Hydramyl", "zakje"),
}


def fill_dutch(apps, schema_editor):
    Item = apps.get_model("harmreduction", "Item")
    for item in Item.objects.filter(code__in=CATALOGUE_NL):
        name, unit = CATALOGUE_NL[item.code]
        item.name_nl = item.name_nl or name
        item.unit_nl = item.unit_nl or unit
        item.save(update_fields=["name_nl", "unit_nl"])


class Migration(migrations.Migration):
    dependencies = [
        ("harmreduction", "0005_movement_year_figures_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalitem",
            name="name_nl",
            field=models.CharField(blank=True, max_length=100, verbose_name="nom en néerlandais"),
        ),
        migrations.AddField(
            model_name="historicalitem",
            name="unit_nl",
            field=models.CharField(blank=True, max_length=30, verbose_name="unité en néerlandais"),
        ),
        migrations.AddField(
            model_name="item",
            name="name_nl",
            field=models.CharField(blank=True, max_length=100, verbose_name="nom en néerlandais"),
        ),
        migrations.AddField(
            model_name="item",
            name="unit_nl",
            field=models.CharField(blank=True, max_length=30, verbose_name="unité en néerlandais"),
        ),
        migrations.RunPython(fill_dutch, migrations.RunPython.noop),
    ]
