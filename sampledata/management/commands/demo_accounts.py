from django.core.management.base import BaseCommand

from smes.accounts import demo_accounts_create
from smes.roles import ROLE_LABELS


class Command(BaseCommand):
    help = "Create one demo account per role (synthetic people) and print their logins."

    def handle(self, *args, **options):
        rows = demo_accounts_create()
        self.stdout.write("Demo accounts (login / password / role):")
        for username, password, roles in rows:
            labels = ", ".join(str(ROLE_LABELS[r]) for r in roles)
            self.stdout.write(f"  {username:<16} {password}   {labels}")
