"""Ids and other whole numbers read from a request's query string or posted form.

A number from the address bar is untrusted: "²" passes str.isdigit() but not int(),
and a 25-digit id passes int() but not SQLite, which raises OverflowError instead of
finding nothing. Every view reads such numbers through int_param, so a bad one is a
404, never a 500.
"""

from django.db.models.lookups import In
from django.http import Http404, QueryDict

# The largest value a database integer column holds (signed 64 bits): no row has a larger id.
MAX_ID = 2**63 - 1


def int_param(data: QueryDict, name: str, *, min_value: int = 1, max_value: int = MAX_ID) -> int | None:
    """The whole number `data[name]` holds, None when it is absent or empty.

    Raises Http404 for anything else: letters, signs, non-ASCII digits, or a number
    outside min_value..max_value (by default a possible id).
    """
    raw = (data.get(name) or "").strip()
    if not raw:
        return None
    # Checked before int(): a long run of digits costs int() time, and Python caps its length.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(max_value))):
        raise Http404(f"{name} is not a number")
    value = int(raw)
    if not min_value <= value <= max_value:
        raise Http404(f"{name} is out of range")
    return value


class IntegerFieldIn(In):
    """`in` on an integer column, leaving out the values no such column holds.

    Django's own `exact` does the same (IntegerFieldOverflow); without it SQLite
    raises OverflowError, e.g. on a 25-digit id posted to a ModelMultipleChoiceField,
    which looks its choices up with `pk__in`. Registered in CoreConfig.ready().
    """

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [value for value in self.rhs if not _outside(value, low, high)]
        return super().process_rhs(compiler, connection)


def _outside(value, low: int | None, high: int | None) -> bool:
    return isinstance(value, int) and ((low is not None and value < low) or (high is not None and value > high))
