#!/usr/bin/env python3
"""Distinct requests as people type them, made from the catalog's own words.

Reads the catalog's CSV export (stdin) and writes PATHS request paths, each once, to stdout:
the successive prefixes of one to three words of a product's name, its producer's or its
place, as a typist's box sends them (a request every one to three letters, the debounce),
without diacritics mostly, a slip now and then, with filters, orders and pages mixed in.

    typing_queries.py STEM PATHS SEED < products.csv
STEM is "/api/v1/products" (the search API) or "/" (the catalog page).
"""
import csv
import random
import sys
import unicodedata
from urllib.parse import urlencode

stem, wanted, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
rows = list(csv.DictReader(sys.stdin))
if not rows:
    sys.exit("no products in the export")


def folded(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn").lower()


def slip(word):
    if len(word) < 4:
        return word
    at = rng.randrange(len(word) - 1)
    if rng.random() < 0.5:
        return word[:at] + word[at + 1] + word[at] + word[at + 2:]
    return word[:at] + word[at + 1:]


def typed():
    row = rng.choice(rows)
    source = rng.choices(["name", "producer", "address_as_written"], weights=[6, 2, 2])[0]
    words = row[source].replace(",", " ").split()
    if not words:
        return None
    start = rng.randrange(len(words))
    words = words[start:start + rng.choice([1, 1, 2, 2, 2, 3])]
    text = " ".join(words).lower() if rng.random() < 0.3 else folded(" ".join(words))
    if rng.random() < 0.08:
        text = " ".join(slip(w) for w in text.split())
    return text


def filters(last):
    chosen = []
    if rng.random() < 0.15:
        chosen.append(("province", rng.choice(codes)))
    if rng.random() < 0.08:
        chosen.append(("stars", rng.choice(["3", "4", "5"])))
    if rng.random() < 0.05:
        chosen.append(("status", "all"))
    if rng.random() < 0.05:
        chosen.append(("sort", rng.choice(["newest", "stars", "name"])))
    if last and rng.random() < 0.1:
        chosen.append(("page", str(rng.randint(2, 5))))
    return chosen


# Province codes as the API takes them: read from the product pages' addresses is not
# possible, so the 2025 codes of the 34 provinces.
codes = ["01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38", "40",
         "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92", "96"]
seen = set()
out = sys.stdout
while len(seen) < wanted:
    text = typed()
    if not text:
        continue
    chosen = filters(False)
    at = 0
    while at < len(text):
        at = min(len(text), at + rng.choice([1, 2, 2, 3]))
        prefix = text[:at]
        last = at == len(text)
        query = [("q", prefix.strip())] + (chosen + filters(True) if last else chosen)
        path = f"{stem}?{urlencode(query)}" if stem != "/" else f"/?{urlencode(query)}"
        if prefix.strip() and path not in seen:
            seen.add(path)
            out.write(path + "\n")
            if len(seen) >= wanted:
                break
