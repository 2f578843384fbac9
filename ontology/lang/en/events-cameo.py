#!/usr/bin/env python3
"""Derive candidate English trigger rows from PETRARCH2's CAMEO verb dictionary.

A record of how the `cameo:CODE` rows of `events.tsv` were drawn; it is not run
by the build, and its output is not shipped as is: every row of `events.tsv`
was curated by hand from this list (ambiguous verbs dropped or given cues,
modes checked against `src/plover.rs`, examples written by us).

    python3 events-cameo.py DIR > candidates.tsv

DIR holds `petrarch2_CAMEO.2.0.txt` (PETRARCH2, MIT, (c) Open Event Data
Alliance) and `CAMEO2PLOVER-2021.txt` (PLOVER manual, CC BY-SA 4.0).

Output, one line per (verb lemma, PLOVER type, mode): lemma, type, mode, the
CAMEO codes that gave it, how many verb lines and phrase patterns gave it, and
a few of the phrase patterns (which become multiword triggers or cues).

The mapping follows the table, with these curations (PLOVER moved categories):
  01x public statement: no PLOVER type (dropped);
  02x appeal: REQUEST, with the modes of the matching 10x demand code;
  the table's modes that are not modes of the type in src/plover.rs
  (ease, discontinue, seize, hunger, massacre, ...) are mapped or dropped below.
"""
import re
import sys
from collections import defaultdict

# The table's mode names that src/plover.rs does not have, by type.
MODE_FIX = {
    ("PROTEST", "hunger"): "strike-hun",
    ("PROTEST", "boycott"): "boycott",
    ("SANCTION", "discontinue"): "cancel",
    ("COERCE", "seize"): "confiscate",
    ("ASSAULT", "seize"): "destroy",
    ("RETREAT", "ease"): "",
    ("THREATEN", "political"): "restrict",
}
ALLOWED = {
    "AGREE": {"ceasefire"},
    "CONSULT": {"visit", "host", "third-party", "multilateral", "phone"},
    "SUPPORT": set(), "CONCEDE": set(), "COOPERATE": set(),
    "AID": {"economic", "military", "humanitarian", "asylum"},
    "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "allege", "sue", "investigate"},
    "THREATEN": {"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"},
    "SANCTION": {"convict", "cancel", "expel", "withdraw", "sever"},
    "MOBILIZE": {"troops", "weapons", "police"},
    "COERCE": {"confiscate", "restrict", "ban", "censor", "curfew", "martial-law",
               "arrest", "deport", "withhold"},
    "ASSAULT": {"abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy",
                "primitive", "firearms", "explosives", "suicide-attack", "heavy-weapons",
                "aerial", "drone"},
}
# AID's modes are the table's contexts.
AID_CONTEXT = {"economic", "military", "humanitarian"}


def read_table(path):
    table = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(\d+):\s*([A-Z]+)\s*,\s*([^,#]*)\s*,\s*([^#]*)", line)
        if not m:
            continue
        code, ptype, mode, context = m.group(1), m.group(2), m.group(3).strip(), m.group(4).strip()
        mode = MODE_FIX.get((ptype, mode), mode)
        if ptype == "AID" and context in AID_CONTEXT:
            mode = context
        if code == "075":
            mode = "asylum"
        if mode not in ALLOWED[ptype]:
            mode = ""
        table[code] = (ptype, mode)
    # 02x appeal: as the 10x demand of the same digits.
    for code, (ptype, mode) in list(table.items()):
        if code.startswith("10") and len(code) >= 3:
            table["02" + code[2:]] = ("REQUEST", mode)
    table["020"] = ("REQUEST", "")
    return table


def plover(table, code):
    code = code.split(":")[0].strip()
    while code:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = sys.argv[1].rstrip("/")
    table = read_table(d + "/CAMEO2PLOVER-2021.txt")
    rows = defaultdict(lambda: {"codes": set(), "verbs": 0, "patterns": []})
    block_code, block_verbs = None, []
    in_verbs = False
    for line in open(d + "/petrarch2_CAMEO.2.0.txt", encoding="utf-8", errors="replace"):
        if "VERB PATTERNS" in line:
            in_verbs = True
        line = line.split("#")[0].rstrip()
        if not in_verbs or not line.strip():
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if m:
            block_code = m.group(2) if m.group(2) != "---" else None
            block_verbs = []
            continue
        if line.startswith("-"):
            m = re.search(r"\[([^\]]*)\]", line)
            if not m:
                continue
            code = m.group(1)
            got = plover(table, code)
            if not got:
                continue
            pattern = line[1:m.start()].strip()
            for verb in block_verbs[:1] or ["?"]:
                key = (verb, *got)
                rows[key]["codes"].add(code.split(":")[0])
                rows[key]["patterns"].append(pattern)
            continue
        if line.startswith("+") or line.startswith("&"):
            continue
        m = re.match(r"^([A-Z_'-]+)\s*(\{[^}]*\})?\s*(\[([^\]]*)\])?", line)
        if not m:
            continue
        verb = m.group(1).lower().replace("_", " ").strip()
        block_verbs.append(verb)
        code = m.group(4) or block_code
        if not code or code == "---":
            continue
        got = plover(table, code)
        if got:
            key = (verb, *got)
            rows[key]["codes"].add(code.split(":")[0])
            rows[key]["verbs"] += 1
    out = sys.stdout
    out.write("lemma\ttype\tmode\tcodes\tverbs\tpatterns\texamples\n")
    for (verb, ptype, mode), r in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        out.write(f"{verb}\t{ptype}\t{mode or '-'}\t{','.join(sorted(r['codes']))}\t"
                  f"{r['verbs']}\t{len(r['patterns'])}\t{' ; '.join(r['patterns'][:4])}\n")


if __name__ == "__main__":
    main()
