from django.core.management.base import BaseCommand

from sampledata.demo import demo_exists, demo_generate, demo_reset


class Command(BaseCommand):
    help = (
        "Charge le jeu de démonstration synthétique (locataires, visites, logements, matériel RdR). "
        "Ne fait rien si la base contient déjà des locataires, sauf avec --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Efface les locataires, logements, contacts et mouvements de stock existants, puis régénère.",
        )

    def handle(self, *args, reset=False, **options):
        from tenants.models import Tenant

        if demo_exists() and not reset:
            self.stdout.write(
                f"La base contient déjà {Tenant.objects.count()} locataires : rien n'est fait. "
                "Utilisez --reset pour tout effacer et régénérer."
            )
            return
        if reset:
            demo_reset()
            self.stdout.write("Données existantes effacées.")
        counts = demo_generate(log=self.stdout.write)
        summary = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Jeu de démonstration chargé : {summary}."))
