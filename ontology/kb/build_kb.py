#!/usr/bin/env python3
"""Build newsgraph's entity knowledge base and English demonym list.

Regenerates (deterministically):
  ontology/kb/entities.tsv          countries, cities, people (generated) + curated rows
  ontology/lang/en/demonyms.tsv     English demonyms (generated + curated)
  ontology/lang/fr/demonyms.tsv     French demonyms (from curated/demonyms_fr.tsv, inflected)

Inputs:
  --gazetteers DIR   default: ../shared/data/gazetteers relative to the repository root
                     (files described in shared/data/README.md, section "Gazetteers")
  ontology/kb/curated/*.tsv  hand-curated entity rows (same columns as entities.tsv).
      A curated row whose id equals a generated one overrides its non-empty fields and
      adds its aliases; an alias written `!Form` removes `Form` from the generated aliases.
  ontology/kb/curated/demonyms_en.tsv   extra English demonym forms (form, entity)
  ontology/kb/curated/demonyms_fr.tsv   French demonyms (entity, masc_sg[, fem_sg[, masc_pl[, fem_pl]]])
  ontology/kb/curated/common_words.txt  lower-case common French/English words: never
      used as a single-word alias (see --make-common-words)

Python 3 standard library only (PyYAML is not needed: the countrynames YAML is parsed by hand).
Usage (from the repository root):  python3 ontology/kb/build_kb.py [--gazetteers DIR] [--out FILE] [-v]
(the consistency checks run on every build; a failed check exits with status 1)
"""
import argparse
import csv
import glob
import os
import re
import sys
import unicodedata
from collections import defaultdict, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
CURATED = os.path.join(HERE, "curated")
COLUMNS = ["id", "type", "subtype", "wikidata", "name_en", "name_fr", "aliases", "part_of"]

PLACE_SUB = {"Country", "City", "Region", "Continent", "Building"}
ORG_SUB = {"GovernmentOrganization", "IntergovernmentalOrganization", "MilitaryOrganization",
           "NewsAgency", "PoliticalParty", "NGO", "ArmedGroup", "Other"}
TYPE_ORDER = {"Place": 0, "Organization": 1, "Person": 2}

# ---------------------------------------------------------------------------
# text helpers

APOS = {"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'", "\u00b4": "'"}


def norm_space(s):
    for a, b in APOS.items():
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip()


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def fold(s):
    """Key used for collision checks and lookup: no accents, lower case, unified punctuation."""
    s = strip_accents(norm_space(s)).lower()
    s = s.replace("-", " ").replace("'", " ").replace(".", "")
    return re.sub(r"\s+", " ", s).strip()


def slug(s):
    s = strip_accents(norm_space(s)).lower().replace("&", " and ").replace("'", "").replace(".", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


FR_LETTERS = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ")


def is_latin(s):
    for c in s:
        if c.isalpha():
            if ord(c) >= 0x250 or "LATIN" not in unicodedata.name(c, ""):
                return False
    return True


def is_enfr_chars(s):
    """Only ASCII letters, French accented letters, spaces, hyphens, apostrophes, dots."""
    for c in s:
        if c.isalpha():
            if not (c.isascii() or c in FR_LETTERS):
                return False
        elif c not in " -'.,()":
            return False
    return True


def looks_like_code(s):
    return bool(re.fullmatch(r"[A-Z]{2,4}|[A-Z]{2}-[A-Z0-9]{1,3}|\d+", s.strip()))


# ---------------------------------------------------------------------------
# stop words: forms that must never be aliases

STOP = set("""
le la les l de des du d et en un une au aux sur pour par avec dans ou the of and in on at to for by with as an is
it new old city state states republic republique union parti party assemblee assembly congres congress senat senate
council conseil government gouvernement ministry ministere army armee island islands ile iles north south east west
nord sud est ouest central centrale great grand grande saint sainte st san santa santo mount mont lake lac river
monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche
january february march april may june july august september october november december janvier fevrier mars avril
mai juin juillet aout septembre octobre novembre decembre president premier minister ministre king roi queen reine
general commission court cour bank banque agency agence office house maison palace palais national nationale
federal federation kingdom royaume empire province region territory territoire district capital capitale
people peuple nation nations democratic democratique islamic islamique arab arabe united unis unies
nice mobile china chine turkey dinde chad chili chile jordan guinea
""".split())
# NB: "chine"/"china"/"turkey"/"chad"/"chili"/"jordan"/"guinea" are in STOP only as *aliases* of other entities;
# they remain the names of their countries (names are never filtered).


def load_common_words():
    p = os.path.join(CURATED, "common_words.txt")
    words = set()
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#"):
                words.add(fold(line))
    return words


# ---------------------------------------------------------------------------
# entity store

class KB:
    def __init__(self):
        self.e = OrderedDict()

    def add(self, id_, type_, subtype, name_en, name_fr, aliases=(), part_of="", wikidata=""):
        if id_ in self.e:
            raise ValueError("duplicate generated id " + id_)
        self.e[id_] = {"id": id_, "type": type_, "subtype": subtype, "wikidata": wikidata,
                       "name_en": name_en, "name_fr": name_fr, "aliases": [], "part_of": part_of,
                       "src": "generated"}
        self.add_aliases(id_, aliases)

    def add_aliases(self, id_, aliases):
        ent = self.e[id_]
        have = set(ent["aliases"])
        for a in aliases:
            a = norm_space(a)
            if a and a not in have:
                ent["aliases"].append(a)
                have.add(a)


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if not l.startswith("#") and l.strip()]
    header = lines[0].split("\t")
    for n, l in enumerate(lines[1:], 2):
        cells = l.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, [c.strip() for c in cells])))
    return rows


# ---------------------------------------------------------------------------
# gazetteer readers

def parse_countrynames_yaml(path):
    """Minimal parser for countrynames' data.yaml: `KEY:` lines followed by `  - value` lines."""
    data = defaultdict(list)
    key = None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.match(r"^([^\s#][^:]*):\s*$", line)
        if m:
            key = m.group(1).strip()
            continue
        m = re.match(r"^\s*-\s*(.*)$", line)
        if m and key:
            v = m.group(1).split(" #")[0].strip()
            if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                v = v[1:-1]
            data[key].append(v)
    return data


def uninvert(name):
    """'Korea, Republic of' -> 'Republic of Korea'; 'Russie, Fédération de' -> 'Fédération de Russie'."""
    name = norm_space(name)
    if ", " not in name:
        return name
    a, b = name.split(", ", 1)
    if b.endswith("d'"):
        return b + a
    return b + " " + a


def strip_paren(s):
    return norm_space(re.sub(r"\([^)]*\)", "", s))


# Countries whose ids / names are set here rather than derived from CLDR.
COUNTRY_NAME_EN = {
    "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo", "CI": "Ivory Coast",
    "CZ": "Czech Republic", "TR": "Turkey", "VN": "Vietnam", "CV": "Cape Verde", "BN": "Brunei",
    "PS": "Palestine", "HK": "Hong Kong", "MO": "Macau", "UM": "United States Minor Outlying Islands",
    "VA": "Vatican City", "MM": "Myanmar", "BQ": "Caribbean Netherlands", "CC": "Cocos (Keeling) Islands",
    "TL": "East Timor", "SZ": "Eswatini", "FM": "Micronesia",
}
COUNTRY_NAME_FR = {
    "CD": "République démocratique du Congo", "CG": "République du Congo", "HK": "Hong Kong",
    "MO": "Macao", "PS": "Palestine", "VA": "Vatican", "MM": "Birmanie", "CZ": "République tchèque",
    "TL": "Timor oriental", "CC": "Îles Cocos",
}
COUNTRY_ID = {"CD": "dr-congo", "CG": "republic-of-the-congo", "CC": "cocos-islands"}
# city-states: no separate capital-city entity
CITY_STATES = {"SG", "MC", "VA", "GI", "HK", "MO"}


def clean_cldr_en(s):
    s = strip_paren(s).replace(" & ", " and ").replace("St. ", "Saint ")
    s = s.replace(" SAR China", "")
    return s


# ---------------------------------------------------------------------------

def build_countries(kb, gz, common):
    iso = {r["alpha2"]: r for r in read_tsv(os.path.join(gz, "iso3166-1_pycountry_en_fr.tsv"))}
    cldr = {r["code"]: r for r in read_tsv(os.path.join(gz, "cldr_territories_en_fr.tsv"))}
    cinfo = {}
    for r in read_tsv(os.path.join(gz, "countryinfo_capitals_demonyms_en.tsv")):
        cinfo.setdefault(r["alpha2"], r)  # first row wins (PS, VA, CW appear twice)
    cn = parse_countrynames_yaml(os.path.join(gz, "countrynames_variants.yaml"))
    fail = {fold(x) for x in cn.get("FAIL", [])}

    a2id = {}
    # primary names of every country, to keep one country's variants off another's names
    primary = {}
    for a2, r in sorted(iso.items()):
        c = cldr.get(a2, {})
        name_en = COUNTRY_NAME_EN.get(a2) or clean_cldr_en(c.get("name_en") or r["name_en"])
        name_fr = COUNTRY_NAME_FR.get(a2) or strip_paren(c.get("name_fr") or uninvert(r["name_fr"]))
        id_ = COUNTRY_ID.get(a2) or slug(name_en)
        a2id[a2] = id_
        primary[a2] = (name_en, name_fr)
    primary_fold = defaultdict(set)
    for a2, (en, fr) in primary.items():
        primary_fold[fold(en)].add(a2)
        primary_fold[fold(fr)].add(a2)
        for k in ("name_en", "official_name_en", "common_name_en"):
            if iso[a2][k]:
                primary_fold[fold(uninvert(strip_paren(iso[a2][k])))].add(a2)

    # vocabulary of words that occur in English/French country names: a countrynames variant
    # is kept only if all its words are in this vocabulary (filters out other languages)
    vocab = set("the of and de du des la le les l d et république republic".split())
    vocab_exact = set(vocab)

    def add_vocab(s):
        for w in fold(s).split():
            vocab.add(w)
        for w in re.split(r"[\s\-']+", norm_space(s).lower()):
            if w:
                vocab_exact.add(w)
    for a2, r in iso.items():
        for k in ("name_en", "official_name_en", "common_name_en", "name_fr", "official_name_fr"):
            add_vocab(r[k])
    for r in cldr.values():
        add_vocab(r["name_en"]); add_vocab(r["name_fr"])
    for r in cinfo.values():
        add_vocab(r["name_en"])

    demonym_fold = set()
    for r in cinfo.values():
        for d in re.split(r"[,/]", r["demonym_en"]):
            if d.strip():
                demonym_fold.add(fold(d))

    for a2, r in sorted(iso.items()):
        id_ = a2id[a2]
        name_en, name_fr = primary[a2]
        al = []
        for k in ("name_en", "official_name_en", "common_name_en"):
            if r[k]:
                al.append(uninvert(strip_paren(r[k])))
        for k in ("name_fr", "official_name_fr"):
            if r[k]:
                v = uninvert(strip_paren(r[k]))
                # iso-codes capitalises inconsistently ("Guinée Équatoriale", "état plurinational")
                al.append(v[0].upper() + v[1:])
        c = cldr.get(a2)
        if c:
            al.append(clean_cldr_en(c["name_en"]))
            al.append(strip_paren(c["name_fr"]))
        ci = cinfo.get(a2)
        if ci:
            al.append(ci["name_en"])
            for v in ci["alt_spellings"].split("|"):
                v = norm_space(v)
                if not v or looks_like_code(v) or not is_latin(v) or not is_enfr_chars(v) or "," in v:
                    continue
                al.append(v)
        for v in cn.get(a2, []):
            v = norm_space(v)
            if not v or fold(v) in fail or looks_like_code(v) or not is_enfr_chars(v):
                continue
            if "," in v or "(" in v:
                continue
            if v.isupper() and len(v) > 4:
                continue
            if not v[0].isupper() or " -" in v or "- " in v or fold(v) in demonym_fold:
                continue
            words = re.split(r"[\s\-']+", v.lower())
            if all(w in vocab_exact or (w.isascii() and w in vocab) for w in words if w):
                al.append(v)
        # unaccented French name (États-Unis -> Etats-Unis)
        for v in list(al) + [name_fr]:
            if any(ch in FR_LETTERS for ch in v) and fold(v) in (fold(name_fr),):
                al.append(strip_accents(v))
        # drop variants that are another country's primary name ("Congo", "Guinea", "Korea"...)
        keep = []
        for v in al:
            owners = primary_fold.get(fold(v), set())
            if owners and a2 not in owners:
                continue
            if fold(v) in ("korea", "congo", "guinea", "virgin islands", "samoa", "sudan"):
                if fold(v) not in (fold(name_en), fold(name_fr)):
                    continue
            keep.append(v)
        kb.add(id_, "Place", "Country", name_en, name_fr, keep)
    return a2id, cinfo


def read_geonames(gz):
    rows = []
    with open(os.path.join(gz, "geonames_cities15000.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cells = line.rstrip("\n").split("\t")
            r = dict(zip(header, cells))
            r["population"] = int(r["population"] or 0)
            r["alts"] = [a for a in r.get("alternatenames", "").split("|") if a]
            rows.append(r)
    return rows


def edit_distance(a, b):
    if abs(len(a) - len(b)) > 3:
        return 99
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


FR_TRANSLIT = [("sh", "ch"), ("u", "ou"), ("j", "dj"), ("w", "ou"), ("y", "i"), ("kh", "kh"), ("q", "k"),
               ("dzh", "dj"), ("zh", "j"), ("ee", "i"), ("oo", "ou"), ("ya", "ia"), ("iy", "i")]
BAD_ALT = re.compile(r"\b(Lungsod|Kota|Kuta|Kutha|Prefe|Prefettura|shaary|Shi|City of|Qarku|Gorod|Bandar Raya|Provinsi)\b| - ")


def fr_forms(base):
    """French-style transliterations of a (folded) English city name: Baku->Bakou, Bishkek->Bichkek."""
    forms = {base}
    for a, b in FR_TRANSLIT:
        forms |= {f.replace(a, b) for f in forms if a in f}
        if len(forms) > 64:
            break
    return forms


def city_aliases(r, name_en, common, limit=4):
    """Latin-script alternate names that look like English/French forms of the name."""
    base = fold(name_en)
    frf = fr_forms(base)
    out = []
    if strip_accents(r["name"]) != r["name"]:
        out.append(strip_accents(r["name"]))
    if r["name"] != name_en:
        out.append(r["name"])
    cands = []
    for a in r["alts"]:
        a = norm_space(a)
        if len(a) < 3 or looks_like_code(a) or not is_enfr_chars(a) or a.islower() or a.isupper() or BAD_ALT.search(a):
            continue
        fa = fold(a)
        if fa == base or fa in common or fa in STOP:
            continue
        d = edit_distance(fa, base)
        if fa in frf:
            rank = 0                      # French transliteration (Bakou, Bichkek, Achgabat)
        elif d == 1 and len(base) >= 5 and fa[:2] == base[:2] and fa[-1] == base[-1] and len(fa) >= len(base):
            rank = 2                      # close spelling: Sana'a/Sanaa, Asuncion/Assuncion
        elif fa.replace(" ", "") == base.replace(" ", ""):
            rank = 1
        else:
            continue
        cands.append((rank, d, a))
    cands.sort()
    for _, _, a in cands:
        if len(out) >= limit:
            break
        if a not in out:
            out.append(a)
    return out


def build_cities(kb, gz, a2id, cinfo, common, curated_cities):
    geo = read_geonames(gz)
    by_cc = defaultdict(list)
    for r in geo:
        by_cc[r["countrycode"]].append(r)
    chosen = OrderedDict()  # geonameid -> (row, is_capital)

    def find(cc, name):
        name = re.sub(r"\s*\(.*\)|\[|\]|'", lambda m: "" if m.group(0) != "'" else "'", name)
        fn = fold(name.replace("D.C.", "").replace(", D.C.", ""))
        best = None
        for r in by_cc.get(cc, []):
            names = [r["name"]] + r["alts"]
            if any(fold(n) == fn for n in names):
                if best is None or r["population"] > best["population"]:
                    best = r
        return best

    missing = []
    for a2, ci in sorted(cinfo.items()):
        cap = ci["capital_en"].strip()
        if not cap or a2 in CITY_STATES or a2 not in a2id:
            continue
        cap = cap.strip("[]").strip("'").split(" / ")[0]
        r = find(a2, cap)
        if r is None:
            missing.append((a2, cap))
            continue
        chosen[r["geonameid"]] = (r, True)
    for r in sorted(geo, key=lambda r: (-r["population"], r["geonameid"])):
        if r["population"] >= 1000000 and r["geonameid"] not in chosen and r["countrycode"] in a2id \
                and r["countrycode"] not in CITY_STATES:
            chosen[r["geonameid"]] = (r, False)
    # hand-listed cities given by GeoNames id (curated/cities.tsv, column wikidata unaffected):
    # rows whose id is not generated are simply added by the curated merge.

    used_ids = set(kb.e)
    country_fold = {fold(e["name_en"]): i for i, e in kb.e.items()}
    order = sorted(chosen.values(), key=lambda t: (not t[1], -t[0]["population"], t[0]["geonameid"]))
    gid2id = {}
    for r, is_cap in order:
        override = curated_cities.get(r["geonameid"])
        name_en = r["name"]
        id_ = slug(name_en)
        if override:
            id_ = override
        elif id_ in used_ids:
            if fold(name_en) in country_fold:
                id_ = id_ + "-city"
            if id_ in used_ids:
                id_ = slug(name_en) + "-" + a2id[r["countrycode"]]
        if id_ in used_ids:
            continue
        used_ids.add(id_)
        gid2id[r["geonameid"]] = id_
        kb.add(id_, "Place", "City", name_en, name_en, city_aliases(r, name_en, common),
               part_of=a2id[r["countrycode"]])
    return missing


# ---------------------------------------------------------------------------
# PETRARCH2 people

TITLE_WORDS = set("""PRESIDENT PRESIDENT-ELECT MINISTER MINISTERS PRIME FOREIGN DEFENSE DEFENCE SECRETARY SECRETARY-GENERAL
GENERAL KING QUEEN PRINCE PRINCESS CROWN EMIR CHANCELLOR PREMIER VICE SPEAKER GOVERNOR CHAIRMAN CHAIR LEADER SENATOR
AMBASSADOR COMMANDER MR MRS MS DR SIR LORD SHEIKH SHAIKH SHEIK AYATOLLAH GEN COL LT MAJ ADMIRAL MARSHAL FIELD
STATE SECRETARY-OF-STATE DEPUTY FORMER ACTING INTERIOR FINANCE OFFICIAL MRS. MR. DR. GEN. COL. PRES. SEN. REP.
HIS HER HIGHNESS MAJESTY EXCELLENCY PM FM U.S. US UN OF THE AND PRESIDENTIAL CANDIDATE OPPOSITION""".split())
HONORIFICS = {"HOJATOLISLAM", "SAYYED", "SAYYID", "SHEIKH", "SHAIKH", "AYATOLLAH", "BISHOP", "GENERAL", "GEN.", "DR.",
              "PRINCE", "KING", "EMIR", "MULLAH", "MAULANA", "CARDINAL", "HAJI"}
NAME_FIX = {"DMITR_MEDVEDEV": "DMITRY_MEDVEDEV", "GURBANGULY_BERDIMUHHAMEDOV": "GURBANGULY_BERDIMUHAMEDOW",
            "ALI_KHAMENEI": "ALI_KHAMENEI"}
PARTICLES = {"al", "bin", "ibn", "bint", "de", "da", "del", "della", "van", "von", "der", "du", "dos", "das",
             "di", "le", "la", "y", "el", "ould", "ben", "abu"}


def pretty_name(raw):
    toks = [t for t in raw.strip().strip("_").split("_") if t]
    out = []
    for i, t in enumerate(toks):
        if re.fullmatch(r"[IVX]+", t) and i > 0:
            out.append(t)
            continue
        parts = []
        for p in t.split("-"):
            if not p:
                continue
            q = p.lower()
            if not (i > 0 and q in PARTICLES and len(toks) > 2):
                if re.fullmatch(r"[a-z]\.?", q):
                    q = q.upper()
                elif q.startswith("mc") and len(q) > 3:
                    q = "Mc" + q[2].upper() + q[3:]
                elif q.startswith("o'") and len(q) > 2:
                    q = "O'" + q[2].upper() + q[3:]
                else:
                    q = q[0].upper() + q[1:]
            parts.append(q)
        out.append("-".join(parts))
    return " ".join(out)


def yy(d):
    d = d.strip()
    if len(d) == 8:
        return int(d[:4])
    if len(d) == 6:
        y = int(d[:2])
        return 2000 + y if y <= 30 else 1900 + y
    return None


def parse_petrarch_people(path):
    people = OrderedDict()
    cur = None
    for line in open(path, encoding="utf-8", errors="replace"):
        l = line.rstrip("\n")
        if not l.strip() or l.lstrip().startswith("#"):
            continue
        if l[0] not in "+\t [":
            body = l.split("#")[0].strip()
            m = re.match(r"^(\S+)\s*(.*)$", body)
            cur = m.group(1)
            p = people.setdefault(cur, {"variants": [], "roles": []})
            p["roles"] += re.findall(r"\[[^\]]*\]", m.group(2))
        elif l.startswith("+"):
            if cur:
                people[cur]["variants"].append(l[1:].split("#")[0].strip())
        elif cur:
            people[cur]["roles"] += re.findall(r"\[[^\]]*\]", l.split("#")[0])
    return people


def ymd(d):
    """PETRARCH date YYMMDD or YYYYMMDD -> sortable YYYYMMDD integer (0 if unreadable)."""
    d = d.strip()
    if not d.isdigit():
        return 0
    if len(d) == 8:
        return int(d)
    if len(d) == 6:
        return yy(d) * 10000 + int(d[2:])
    return 0


def role_country(roles, alpha3_to_a2, a2id):
    """Entity id of the country of the most recent GOV/MIL role: open-ended (`>YYMMDD`) roles
    first, then by end date, then by start date; undated roles last; ties -> the earlier-listed role."""
    best = None
    for i, r in enumerate(roles):
        m = re.match(r"\[([A-Z]+)\s*(.*)\]", r)
        if not m:
            continue
        code, dt = m.group(1), m.group(2).replace(" ", "")
        if not (code.endswith("GOV") or code.endswith("MIL")) or code[:3] not in alpha3_to_a2:
            continue
        if dt.startswith(">"):
            key = (2, 99999999, ymd(dt[1:]))
        elif "-" in dt:
            a, b = dt.split("-", 1)
            key = (1, ymd(b), ymd(a))
        else:
            key = (0, 0, 0)
        key = key + (-i,)
        if best is None or key > best[0]:
            best = (key, a2id.get(alpha3_to_a2[code[:3]], ""))
    return best[1] if best else ""


def build_people(kb, gz, a2id, alpha3_to_a2, demonyms_upper, common):
    path = os.path.join(gz, "petrarch2", "Phoenix.Countries.actors.txt")
    people = parse_petrarch_people(path)
    n = 0
    for raw, p in people.items():
        current = False
        for r in p["roles"]:
            m = re.match(r"\[([A-Z]+)\s*(.*)\]", r)
            if not m:
                continue
            code, dt = m.group(1), m.group(2).replace(" ", "")
            if not (code.endswith("GOV") or code.endswith("MIL")) or code[:3] not in alpha3_to_a2:
                continue
            if dt.startswith(">"):
                current = True
            elif "-" in dt:
                e = yy(dt.split("-", 1)[1])
                if e and e >= 2015:
                    current = True
        # PETRARCH lists spelling variants only for people who appear often in the news:
        # keep those (about 400) rather than all ~2,900 current office holders.
        if not current or not p["variants"]:
            continue
        key = raw.strip("_")
        toks = key.split("_")
        while len(toks) > 2 and toks[0] in HONORIFICS:
            toks = toks[1:]
        key = NAME_FIX.get("_".join(toks), "_".join(toks))
        name = pretty_name(key)
        id_ = slug(name)
        if not id_:
            continue
        aliases = []
        for v in p["variants"]:
            toks = [t for t in v.strip("_").split("_") if t]
            if not toks or any(t.rstrip(".") in TITLE_WORDS or t in TITLE_WORDS or t in demonyms_upper for t in toks):
                continue
            pv = pretty_name(v)
            if len(toks) == 1 and (fold(pv) in common or fold(pv) in STOP or len(pv) < 4):
                continue
            aliases.append(pv)
        if pretty_name(raw) != name:
            aliases.insert(0, pretty_name(raw))
        part_of = role_country(p["roles"], alpha3_to_a2, a2id)
        if id_ in kb.e:
            if kb.e[id_]["type"] == "Person":
                kb.add_aliases(id_, aliases)
                if not kb.e[id_]["part_of"]:
                    kb.e[id_]["part_of"] = part_of
            continue
        kb.add(id_, "Person", "", name, name, aliases, part_of=part_of)
        n += 1
    return n


# ---------------------------------------------------------------------------
# demonyms

EN_DEMONYM_PREFER = {"French": "FR", "American": "US", "Chinese": "CN", "Norwegian": "NO", "Indian": "IN",
                     "Congolese": "CD", "Dominican": "DO", "Guinean": "GN", "Samoan": "WS", "British": "GB",
                     "Channel Islander": None, "Danish": "DK", "Dutch": "NL", "Finnish": "FI",
                     "Serbian/Montenegrin": None}


EN_NO_PLURAL_END = ("ese", "ss", "sh", "ch", "x", "s", "z", "ic", "y", "a", "o")


def en_plural(w):
    """English plural of a demonym noun, or None when the adjective is not used as a counted noun
    (Chinese, Swiss, Danish, Manx, Malagasy, Motswana...)."""
    if " and " in w or w.endswith(EN_NO_PLURAL_END):
        return None
    return w + "s"


def build_en_demonyms(cinfo, a2id, kb):
    forms = {}
    cands = defaultdict(set)
    for a2, ci in cinfo.items():
        if a2 not in a2id:
            continue
        for d in re.split(r"[,]", ci["demonym_en"]):
            d = d.strip()
            if not d or d in ("Gibraltar", "Djibouti", "Christmas Island") or "/" in d or " and " in d:
                continue
            cands[d].add(a2)
    for d, a2s in sorted(cands.items()):
        if d in EN_DEMONYM_PREFER:
            pick = EN_DEMONYM_PREFER[d]
            if pick is None:
                continue
        elif len(a2s) > 1:
            print("  en demonym ambiguous, skipped:", d, sorted(a2s), file=sys.stderr)
            continue
        else:
            pick = next(iter(a2s))
        ent = a2id[pick]
        forms[d] = ent
        pl = en_plural(d)
        if pl:
            forms.setdefault(pl, ent)
    p = os.path.join(CURATED, "demonyms_en.tsv")
    if os.path.exists(p):
        for r in read_tsv(p):
            if r["form"].startswith("!"):
                forms.pop(r["form"][1:], None)
            else:
                forms[r["form"]] = r["entity"]
    return forms


def fr_inflect(masc, fem=""):
    """masc sg -> (masc sg, fem sg, masc pl, fem pl)."""
    if not fem:
        if masc.endswith("e"):
            fem = masc
        elif masc.endswith(("ien", "éen", "en")):
            fem = masc + "ne"
        elif masc.endswith("c"):
            fem = masc[:-1] + "que"
        else:
            fem = masc + "e"
    mpl = masc if masc.endswith(("s", "x", "z")) else masc + "s"
    fpl = fem if fem.endswith("s") else fem + "s"
    return masc, fem, mpl, fpl


def cap_fr(w):
    return "-".join(p[:1].upper() + p[1:] for p in w.split("-"))


def build_fr_demonyms():
    forms = OrderedDict()
    p = os.path.join(CURATED, "demonyms_fr.tsv")
    for r in read_tsv(p):
        ent = r["entity"]
        masc = r["masc_sg"]
        fem = r.get("fem_sg", "")
        m, f, mp, fp = fr_inflect(masc, fem)
        if r.get("masc_pl"):
            mp = r["masc_pl"]
        if r.get("fem_pl"):
            fp = r["fem_pl"]
        for w in (m, f, mp, fp):
            for x in (w, cap_fr(w)):
                if x in forms and forms[x] != ent:
                    print("  fr demonym clash:", x, forms[x], ent, file=sys.stderr)
                    continue
                forms[x] = ent
    return forms


# ---------------------------------------------------------------------------
# merge + checks

def merge_curated(kb):
    files = sorted(glob.glob(os.path.join(CURATED, "*.tsv")))
    for path in files:
        base = os.path.basename(path)
        if base.startswith("demonyms"):
            continue
        for r in read_tsv(path):
            id_ = r["id"]
            aliases = [a.strip() for a in r.get("aliases", "").split("|") if a.strip()]
            removes = {a[1:] for a in aliases if a.startswith("!")}
            adds = [a for a in aliases if not a.startswith("!")]
            if id_ in kb.e:
                ent = kb.e[id_]
                for k in ("type", "subtype", "wikidata", "name_en", "name_fr", "part_of"):
                    if r.get(k):
                        ent[k] = r[k]
                ent["src"] = "generated+" + base
            else:
                if not r.get("type") or not r.get("name_en"):
                    raise ValueError("%s: new curated row %s needs type and name_en" % (base, id_))
                kb.e[id_] = {"id": id_, "type": r["type"], "subtype": r.get("subtype", ""),
                             "wikidata": r.get("wikidata", ""), "name_en": r["name_en"],
                             "name_fr": r.get("name_fr") or r["name_en"], "aliases": [],
                             "part_of": r.get("part_of", ""), "src": base}
                ent = kb.e[id_]
            ent["aliases"] = [a for a in ent["aliases"] if a not in removes]
            ent.setdefault("curated_aliases", set()).update(adds)
            kb.add_aliases(id_, adds)


def merge_duplicate_people(kb, log):
    """A PETRARCH2 person that is also a hand-curated person under another spelling
    (Elmar Mammedyarov / Elmar Mammadyarov) is folded into the curated entity."""
    index = {}
    for e in kb.e.values():
        if e["type"] == "Person" and e["src"] != "generated":
            for n in [e["name_en"], e["name_fr"]] + e["aliases"]:
                if len(fold(n).split()) >= 2:
                    index.setdefault(fold(n), e["id"])
    for id_ in [i for i, e in kb.e.items() if e["type"] == "Person" and e["src"] == "generated"]:
        e = kb.e[id_]
        forms = [e["name_en"]] + [a for a in e["aliases"] if len(fold(a).split()) >= 2]
        hit = next((index[fold(f)] for f in forms if fold(f) in index), None)
        if hit and hit != id_:
            kb.add_aliases(hit, [e["name_en"]] + e["aliases"])
            if not kb.e[hit]["part_of"]:
                kb.e[hit]["part_of"] = e["part_of"]
            del kb.e[id_]
            log.append("merged generated person %s into curated %s" % (id_, hit))


PRIORITY = {"Country": 0, "Continent": 1, "City": 2, "Region": 3}


def prio(ent):
    if ent["type"] == "Place":
        return PRIORITY.get(ent["subtype"], 4)
    return {"Organization": 5, "Person": 6}[ent["type"]]


def clean_aliases(kb, common, log):
    # 1. local cleaning
    for ent in kb.e.values():
        names = {ent["name_en"], ent["name_fr"]}
        cur = ent.get("curated_aliases", set())
        out = []
        seen = set()
        for a in ent["aliases"]:
            a = norm_space(a)
            fa = fold(a)
            if a in names or a in seen or len(a) < 2:
                continue
            if a not in cur:  # hand-written aliases are trusted; generated ones are filtered
                if fa in STOP or (len(fa.split()) == 1 and fa in common) or len(fa) < 3:
                    log.append("drop common/short alias %r of %s" % (a, ent["id"]))
                    continue
            elif fa in STOP and not re.fullmatch(r"(?:[A-Z]\.?){2,5}", a):
                # A curated acronym ("UN", "AU") stays: newsgraph matches acronyms only in capitals.
                log.append("drop stop-word alias %r of %s (curated)" % (a, ent["id"]))
                continue
            seen.add(a)
            out.append(a)
        ent["aliases"] = out
    # 2. cross-entity collisions
    names = defaultdict(set)
    aliases = defaultdict(set)
    for ent in kb.e.values():
        for n in (ent["name_en"], ent["name_fr"]):
            names[fold(n)].add(ent["id"])
        for a in ent["aliases"]:
            aliases[fold(a)].add(ent["id"])
    for ent in kb.e.values():
        keep = []
        for a in ent["aliases"]:
            fa = fold(a)
            owners_n = names.get(fa, set()) - {ent["id"]}
            owners_a = aliases.get(fa, set()) - {ent["id"]}
            cur = a in ent.get("curated_aliases", set())
            if owners_n and fa not in {fold(ent["name_en"]), fold(ent["name_fr"])}:
                # an alias that is another entity's name: the name wins unless curated on purpose
                if not cur:
                    log.append("collision: alias %r of %s is the name of %s -> dropped" % (a, ent["id"], ",".join(sorted(owners_n))))
                    continue
                log.append("collision kept (curated): alias %r of %s is the name of %s" % (a, ent["id"], ",".join(sorted(owners_n))))
            if owners_a and not owners_n:
                def key(r):
                    return (a not in r.get("curated_aliases", set()), prio(r), r["id"])
                mine = key(ent)
                best = min([mine] + [key(kb.e[o]) for o in owners_a])
                if best != mine:
                    log.append("collision: alias %r shared by %s and %s -> kept for %s" % (a, ent["id"], ",".join(sorted(owners_a)), best[2]))
                    continue
            keep.append(a)
        ent["aliases"] = keep


def check(kb, log):
    ok = True
    for ent in kb.e.values():
        if ent["type"] not in TYPE_ORDER:
            print("bad type", ent["id"], ent["type"]); ok = False
        if ent["type"] == "Place" and ent["subtype"] not in PLACE_SUB:
            print("bad place subtype", ent["id"], ent["subtype"]); ok = False
        if ent["type"] == "Organization" and ent["subtype"] not in ORG_SUB:
            print("bad org subtype", ent["id"], ent["subtype"]); ok = False
        if ent["type"] == "Person" and ent["subtype"]:
            print("person with subtype", ent["id"]); ok = False
        if ent["part_of"] and ent["part_of"] not in kb.e:
            print("dangling part_of", ent["id"], ent["part_of"]); ok = False
        if ent["wikidata"] and not re.fullmatch(r"Q\d+", ent["wikidata"]):
            print("bad wikidata", ent["id"], ent["wikidata"]); ok = False
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ent["id"]):
            print("bad id", ent["id"]); ok = False
        for k in COLUMNS:
            v = ent[k] if k != "aliases" else "|".join(ent["aliases"])
            if "\t" in v or "\n" in v:
                print("tab/newline in", ent["id"], k); ok = False
    wd = defaultdict(list)
    for ent in kb.e.values():
        if ent["wikidata"]:
            wd[ent["wikidata"]].append(ent["id"])
    for q, ids in wd.items():
        if len(ids) > 1:
            print("wikidata id used twice", q, ids); ok = False
    return ok


GOLD = ["Haut-Karabakh", "Haut-Karabagh", "Nagorny Karabakh", "Arménie", "Azerbaïdjan", "Azerbaïdjian", "Moscou",
        "Paris", "Bakou", "Erevan", "Ankara", "Turquie", "Athènes", "Grèce", "Genève", "Washington", "États-Unis",
        "Etats-Unis", "Russie", "Caucase", "France", "Vatican", "Kremlin", "Elysée", "présidence française", "OSCE",
        "Groupe de Minsk de l'OSCE", "groupe de Minsk", "Conseil de sécurité", "AFP", "Vladimir Poutine",
        "Emmanuel Macron", "Nikol Pachinian", "Ilham Aliev", "Ilham Aliyev", "Sergueï Lavrov", "Djeyhoun Baïramov",
        "Ceyhun Bayramov", "Zohrab Mnatsakanian", "Mike Pompeo", "pape François"]


def make_common_words(ner_dir, out):
    """Lower-case words seen >= 3 times outside entities in the permissively licensed NER corpora."""
    from collections import Counter
    c = Counter()
    files = ["fr/popcorn.train.conll", "fr/europeana.all.conll", "fr/hipe2022-newseye.dev.conll",
             "fr/hipe2022-newseye.dev2.conll", "en/gum_interview.train.conll", "en/wikigold.all.conll"]
    files += ["en/crossner_%s.train.conll" % d for d in ("politics", "science", "music", "literature", "ai")]
    for fn in files:
        for line in open(os.path.join(ner_dir, fn), encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and parts[1] == "O" and parts[0].isalpha() and parts[0].islower() and len(parts[0]) >= 2:
                c[parts[0]] += 1
    words = sorted(w for w, n in c.items() if n >= 3)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# lower-case words seen >= 3 times outside names in permissive NER corpora (see SOURCES.md)\n")
        for w in words:
            f.write(w + "\n")
    print("wrote", len(words), "words to", out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gazetteers", default=os.path.join(REPO, "..", "shared", "data", "gazetteers"))
    ap.add_argument("--out", default=os.path.join(HERE, "entities.tsv"))
    ap.add_argument("--make-common-words", metavar="NER_DIR", help="regenerate curated/common_words.txt and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every dropped alias / collision")
    args = ap.parse_args()
    if args.make_common_words:
        make_common_words(args.make_common_words, os.path.join(CURATED, "common_words.txt"))
        return
    gz = os.path.abspath(args.gazetteers)
    common = load_common_words()
    kb = KB()
    a2id, cinfo = build_countries(kb, gz, common)
    iso = read_tsv(os.path.join(gz, "iso3166-1_pycountry_en_fr.tsv"))
    alpha3_to_a2 = {r["alpha3"]: r["alpha2"] for r in iso}

    # curated cities may pin a GeoNames id to a chosen entity id: column `geonameid` is not
    # part of the output; we read it from curated/cities.tsv if present.
    curated_cities = {}
    cp = os.path.join(CURATED, "cities.tsv")
    if os.path.exists(cp):
        for r in read_tsv(cp):
            if r.get("geonameid"):
                curated_cities[r["geonameid"]] = r["id"]
    missing = build_cities(kb, gz, a2id, cinfo, common, curated_cities)
    if missing:
        print("capitals not found in GeoNames:", missing, file=sys.stderr)

    demonyms_upper = set()
    for ci in cinfo.values():
        for d in re.split(r"[,/]", ci["demonym_en"]):
            for t in d.strip().upper().split():
                demonyms_upper.add(t)
    npeople = build_people(kb, gz, a2id, alpha3_to_a2, demonyms_upper, common)

    merge_curated(kb)
    log = []
    merge_duplicate_people(kb, log)
    for l in log:
        print(l)
    clean_aliases(kb, common, log)
    coll = [l for l in log if l.startswith("collision")]
    if args.verbose:
        for l in log:
            print(l)
    else:
        for l in coll:
            print(l)
    ok = check(kb, log)

    ents = sorted(kb.e.values(), key=lambda e: (TYPE_ORDER[e["type"]], e["id"]))
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for e in ents:
            f.write("\t".join([e["id"], e["type"], e["subtype"], e["wikidata"], e["name_en"], e["name_fr"],
                               "|".join(e["aliases"]), e["part_of"]]) + "\n")

    # demonyms
    en = build_en_demonyms(cinfo, a2id, kb)
    fr = build_fr_demonyms()
    for lang, forms in (("en", en), ("fr", fr)):
        d = os.path.join(REPO, "ontology", "lang", lang)
        os.makedirs(d, exist_ok=True)
        bad = [(k, v) for k, v in forms.items() if v not in kb.e]
        for k, v in bad:
            print("demonym %s -> unknown entity %s" % (k, v)); ok = False
        with open(os.path.join(d, "demonyms.tsv"), "w", encoding="utf-8", newline="\n") as f:
            f.write("form\tentity\n")
            for k in sorted(forms, key=lambda k: (forms[k], k)):
                f.write("%s\t%s\n" % (k, forms[k]))

    # report
    from collections import Counter
    cnt = Counter((e["type"], e["subtype"]) for e in ents)
    print("entities:", len(ents), "(people from PETRARCH2: %d)" % npeople)
    for (t, s), n in sorted(cnt.items(), key=lambda kv: (TYPE_ORDER[kv[0][0]], kv[0][1])):
        print("  %-13s %-30s %5d" % (t, s or "-", n))
    print("demonyms: en %d forms, fr %d forms" % (len(en), len(fr)))
    lookup = defaultdict(set)
    for e in ents:
        for n in [e["name_en"], e["name_fr"]] + e["aliases"]:
            lookup[fold(n)].add(e["id"])
    for g in GOLD:
        if not lookup.get(fold(g)):
            print("GOLD MISSING:", g)
            ok = False
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
