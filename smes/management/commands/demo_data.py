from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the synthetic demo data set (placeholder until the generator lands)."

    def handle(self, *args, **options):
        self.stdout.write("No demo data generator yet.")
