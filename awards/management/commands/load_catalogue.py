from django.core.management.base import BaseCommand

from awards.catalogue import load_catalogue
from awards.models import AwardType


class Command(BaseCommand):
    help = "Load (or refresh) the award catalogue: award types, categories, the 2013 batches."

    def handle(self, *args, **options):
        load_catalogue()
        self.stdout.write(
            f"Danh mục khen thưởng: {AwardType.objects.count()} danh hiệu, hình thức."
        )
