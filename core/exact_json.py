"""Django's JSON serialization, with times kept to the microsecond (SERIALIZATION_MODULES
"json_exact"), for backups.

Django's JSON encoder cuts a time to milliseconds (ECMA-262's format), so a restored backup
lost the last three digits of every timestamp: history rows could change order and compare
unequal with their records. The format reads back with Django's own JSON deserializer.
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            if isinstance(o, datetime.time) and o.utcoffset() is not None:
                return super().default(o)  # Django refuses aware times; so do we
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
