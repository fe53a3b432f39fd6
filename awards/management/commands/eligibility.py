import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from awards import eligibility
from awards.models import AwardType


def _date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày “{text}” không hợp lệ; dùng dạng YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Judge a person for an award by the rule set in force (the year's end, or --on): "
        "prints JSON {ruleset, eligible, problems[{article, message}]}."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Họ và tên")
        parser.add_argument("--born", required=True, help="ngày sinh YYYY-MM-DD")
        parser.add_argument("--award", required=True, help="mã danh hiệu, e.g. cstd-tinh")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--on", help="judge by the law in force that day (YYYY-MM-DD)")

    def handle(self, *args, name, born, award, year, on, **options):
        award_type = AwardType.objects.filter(code=award).first()
        if award_type is None:
            codes = ", ".join(AwardType.objects.values_list("code", flat=True))
            raise CommandError(f"Không có danh hiệu mã “{award}”; các mã: {codes}.")
        ruleset, problems = eligibility.person_problems(
            name, _date(born), award_type, year, on_date=_date(on) if on else None
        )
        result = {
            "ruleset": {
                "code": ruleset.code,
                "title": ruleset.title,
                "legal_basis": ruleset.legal_basis,
            }
            if ruleset
            else None,
            "eligible": not problems,
            "problems": [problem.as_dict() for problem in problems],
        }
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
