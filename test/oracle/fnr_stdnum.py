#!/usr/bin/python3
"""Generate fødselsnummer-shaped numbers and python-stdnum's verdict on each.

Writes CSV rows "number,stdnum_valid,stdnum_birth_date" to stdout: N numbers
from a fixed seed, mixed so that every rule is exercised: numbers built with
valid check digits under the old rule and under the 2032 rule (F-, D-, H-,
FH-, synthetic numbers over the whole date and individual-number space),
the same with one digit changed, and uniformly random digit strings.
python-stdnum is Debian's python3-stdnum (use /usr/bin/python3).
"""
import random
import sys

from stdnum.no import fodselsnummer

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def with_check_digits(prefix, rest):
    """The 11 digits for a 9-digit prefix whose K1 leaves `rest`, or None."""
    s1 = sum(w * int(d) for w, d in zip(W1, prefix))
    k1 = (11 + rest - s1 % 11) % 11
    if k1 == 10:
        return None
    ten = prefix + str(k1)
    k2 = (11 - sum(w * int(d) for w, d in zip(W2, ten)) % 11) % 11
    if k2 == 10:
        return None
    return ten + str(k2)


def random_prefix(rng):
    """Day, month, year and individual number drawn over every kind."""
    kind = rng.random()
    if kind < 0.03:                      # FH-number: first digit 8 or 9
        return str(rng.randint(8, 9)) + ''.join(rng.choice('0123456789') for _ in range(8))
    day = rng.randint(0, 32)
    if rng.random() < 0.3:               # D-number
        day += 40
    month = rng.randint(0, 13)
    m = rng.random()
    if m < 0.1:                          # H-number / NAV synthetic
        month += 40
    elif m < 0.2:                        # Skatteetaten synthetic
        month += 80
    elif m < 0.25:                       # Norsk helsenett synthetic
        month += 65
    return '%02d%02d%02d%03d' % (day % 100, month % 100, rng.randint(0, 99), rng.randint(0, 999))


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    rng = random.Random(20321101)
    out = sys.stdout
    made = 0
    while made < count:
        r = rng.random()
        if r < 0.80:
            number = with_check_digits(random_prefix(rng), 0 if r < 0.45 else rng.randint(1, 3))
            if number is None:
                continue
            if r >= 0.65:                # one digit changed
                pos = rng.randrange(11)
                number = number[:pos] + rng.choice('0123456789') + number[pos + 1:]
        else:
            number = '%011d' % rng.randrange(10 ** 11)
        try:
            fodselsnummer.validate(number)
            verdict, born = 't', fodselsnummer.get_birth_date(number).isoformat()
        except Exception:
            verdict, born = 'f', ''
        out.write('%s,%s,%s\n' % (number, verdict, born))
        made += 1


if __name__ == '__main__':
    main()
