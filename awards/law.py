"""The law a submit rule comes from, as a refusal names it: the article and the law in force
for the dossier's year."""

from django.utils.translation import gettext as _

# The titles whose submit rules (awards.services) each come from one article of the law on
# emulation and commendation (the same numbers in the 2003 law as amended in
# 2005 and in 2013): Chiến sĩ thi đua toàn quốc (điều 21), cấp tỉnh (điều 22), cơ sở (điều 23).
ARTICLES = {"cstd-toan-quoc": 21, "cstd-tinh": 22, "cstd-co-so": 23}


def law_in_force(year):
    """The law a dossier of `year` is judged by, as a refusal names it. The 2013 amendment
    (Luật 39/2013/QH13) took effect on 01/06/2014; the 2022 law replaced both from 2024, and
    its articles are not encoded here."""
    if year < 2014:
        return _("Luật Thi đua, Khen thưởng năm 2003, sửa đổi, bổ sung năm 2005")
    if year < 2024:
        return _("Luật Thi đua, Khen thưởng năm 2003, sửa đổi, bổ sung năm 2005 và 2013")
    return None


def legal_basis(dossier):
    """ "Điều 22 Luật Thi đua, Khen thưởng …" for the dossier's title and year, or ""."""
    article = ARTICLES.get(dossier.award_type.code)
    law = law_in_force(dossier.year)
    if article is None or law is None:
        return ""
    return _("Điều %(article)s %(law)s") % {"article": article, "law": law}
