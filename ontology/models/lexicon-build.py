#!/usr/bin/env python3
"""Rebuild lexicon-{fr,en}/gazetteer.tsv from the gazetteers in shared/data/gazetteers.

LOC names: CLDR territory names (Unicode License v3, via Babel), countryinfo names,
capitals and alternative spellings (MIT), GeoNames cities with >= 100,000 inhabitants and
alternate names (Latin script) of cities with >= 1,000,000 (CC BY 4.0, geonames.org).
Names equal to a lower-case common word (ontology/kb/curated/common_words.txt) or shorter
than 3 characters are left out. ORG names: the hand-written list below, and (English only) organisation names of the
PETRARCH2 International and MilNonState actor dictionaries (MIT): with them the French
model scored 1.5 points lower on sequoia.dev, the English one 1 point higher on dwie.dev.
Usage: python3 lexicon-build.py [SHARED_GAZETTEER_DIR] [OUT_DIR]
"""
import csv, sys, os

G = (sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/gazetteers').rstrip('/') + '/'
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
HERE = os.path.dirname(os.path.abspath(__file__))
COMMON = os.path.join(HERE, '..', 'kb', 'curated', 'common_words.txt')

ORGS = """United Nations|UN|U.N.|NATO|EU|European Union|European Commission|European Parliament|Council of Europe|IMF|International Monetary Fund|World Bank|WHO|World Health Organization|UNESCO|UNICEF|UNHCR|OPEC|African Union|Arab League|ASEAN|OECD|WTO|World Trade Organization|G7|G8|G20|Red Cross|International Committee of the Red Cross|Amnesty International|Human Rights Watch|Reporters Without Borders|Doctors Without Borders|Greenpeace|Interpol|Europol|FBI|CIA|NSA|KGB|FSB|Bundestag|Bundesrat|Bundeswehr|Bundesbank|CDU|CSU|SPD|FDP|AfD|Left Party|Greens|Labour|Labour Party|Conservative Party|Republican Party|Democratic Party|Hamas|Hezbollah|Fatah|Taliban|al-Qaeda|al Qaeda|Islamic State|ISIS|ISIL|Boko Haram|al-Shabab|PKK|FIFA|UEFA|IOC|International Olympic Committee|Google|Apple|Microsoft|Facebook|Amazon|Twitter|Volkswagen|Siemens|Deutsche Bank|BMW|Daimler|Airbus|Boeing|Reuters|AFP|AP|Associated Press|dpa|BBC|CNN|Deutsche Welle|DW|New York Times|Washington Post|Gazprom|Rosneft|Huawei|Samsung|Toyota|ECB|European Central Bank|Federal Reserve|Security Council|UN Security Council|Congress|Senate|House of Representatives|Supreme Court|International Criminal Court|ICC|State Department|Muslim Brotherhood|Frontex|Eurostat|Eurogroup|Commerzbank|Lufthansa|Bayer|BASF|Allianz|Adidas|Nestle|Shell|BP|ExxonMobil|Chevron|General Motors|Ford|Fiat|Renault|Peugeot|Total|EDF|SNCF|Le Monde|Le Figaro|Libération|Assemblée nationale|Sénat|Conseil constitutionnel|Conseil d'État|Cour de cassation|Parti socialiste|Les Républicains|Front national|Rassemblement national|La République en marche|En Marche|UMP|Nations unies|ONU|OTAN|Union européenne|Commission européenne|Parlement européen|Conseil de l'Europe|FMI|Fonds monétaire international|Banque mondiale|OMS|Organisation mondiale de la santé|OPEP|Union africaine|Ligue arabe|OCDE|OMC|Croix-Rouge|Médecins sans frontières|Reporters sans frontières|Conseil de sécurité|BCE|Banque centrale européenne|Cour pénale internationale|CPI|Etat islamique|État islamique|Daech|Al-Qaïda|Frères musulmans|CGT|CFDT|FO|Medef|PCF|Parti communiste|Verts|Europe Écologie|La France insoumise|LFI|MoDem|UDI|RPR|UDF|Gendarmerie nationale|Police nationale|Conseil européen|Cour des comptes|Banque de France|Air France|Orange|Michelin|L'Oréal|Sanofi|BNP Paribas|Société générale|Crédit agricole|Département d'État|Congrès|Cour suprême|Bayern Munich|FC Bayern|FC Bayern Munich|Bayern München|Borussia Dortmund|BVB|Schalke|Schalke 04|Werder Bremen|RB Leipzig|Bayer Leverkusen|Borussia Mönchengladbach|Gladbach|Hertha Berlin|Hertha BSC|Eintracht Frankfurt|VfB Stuttgart|VfL Wolfsburg|Hoffenheim|TSG Hoffenheim|Hamburger SV|HSV|FC Cologne|1. FC Köln|SC Freiburg|FC Augsburg|Union Berlin|Fortuna Düsseldorf|Hannover 96|Mainz 05|Real Madrid|FC Barcelona|Barca|Atletico Madrid|Juventus|AC Milan|Inter Milan|Napoli|Fiorentina|AS Roma|Lazio|Manchester United|Manchester City|Chelsea|Arsenal|Tottenham|Tottenham Hotspur|Paris Saint-Germain|PSG|Olympique de Marseille|Olympique Lyonnais|Ajax|Ajax Amsterdam|PSV Eindhoven|FC Porto|Benfica|Celtic|Galatasaray|Fenerbahce|Besiktas|AS Monaco|LOSC|Stade rennais|Girondins de Bordeaux|AS Saint-Étienne|FC Nantes|RC Lens|RC Strasbourg|OGC Nice|Der Spiegel|Spiegel|Die Zeit|Süddeutsche Zeitung|Frankfurter Allgemeine Zeitung|FAZ|Bild|Die Welt|Handelsblatt|The Guardian|Guardian|Financial Times|Wall Street Journal|Bloomberg|Al Jazeera|RT|Xinhua|CCTV|TASS|Interfax|ARD|ZDF|NPR|Fox News|CBS|NBC|ABC|Instagram|YouTube|WhatsApp|Uber|Netflix|Tesla|VW|Oxfam|WWF|ICOMOS|ZANU-PF|ANC|MDC|Likud|Fidesz|PiS|Syriza|Podemos|Five Star Movement|UKIP|Brexit Party|SNP|Sinn Fein|Kuomintang|BJP|AKP|CHP|HDP|Wagner Group|NASA|ESA|CERN|IAEA|OSCE|OPCW|WFP|UNDP|UNEP|FAO|ILO|IPCC|Mercosur|Gulf Cooperation Council|Shanghai Cooperation Organization|Le Parisien|Ouest-France|L'Équipe|Les Échos|France Télévisions|TF1|France 2|France 3|Radio France|franceinfo|BFMTV|RFI|France 24|Mediapart|L'Express|Le Point|L'Obs|Le Nouvel Observateur|L'Humanité|La Croix|L'Est Républicain|Est Républicain|Sciences Po|CNRS|INSEE|Inserm|Pôle emploi|Conseil régional|Conseil général|Bundesliga club|European Council|Council of the European Union|European Court of Justice|European Court of Human Rights|UN Human Rights Council|UN General Assembly|General Assembly|Politburo|Duma|State Duma|Knesset|Verkhovna Rada|Rada|Sejm|Storting|Riksdag|Bundesverfassungsgericht|Constitutional Court|Federal Constitutional Court|Federal Court|Parliament|National Assembly|Cabinet""".split('|')

HEADER = ('# TYPE<TAB>NAME. LOC: CLDR territory names (Unicode License v3, via Babel), countryinfo '
          'names/capitals (MIT), GeoNames cities >= 100k inhabitants and alternate names of cities '
          '>= 1M (CC BY 4.0, geonames.org); names equal to a common word of '
          'kb/curated/common_words.txt left out. ORG: a hand-written list, plus (English file only) PETRARCH2 International/MilNonState actor names without dates or role words (MIT). Built by lexicon-build.py.')


# Alternate names that name something else in the news (the White House is not Washington).
STOP = {'White House'}


def latin(s):
    return all(ord(c) < 0x250 or c in '’‘' for c in s)


ROLE_WORDS = {'SECRETARY', 'PRESIDENT', 'CHIEF', 'MINISTER', 'SPOKESMAN', 'SPOKESWOMAN', 'LEADER',
              'LEADERS', 'HEAD', 'DIRECTOR', 'OFFICIAL', 'OFFICIALS', 'CHAIRMAN', 'GEN', 'GEN.', 'SECY',
              'SEC.', 'COMMANDER', 'ENVOY', 'MEMBER', 'MEMBERS', 'AMBASSADOR', 'REPRESENTATIVE', 'DELEGATE',
              'DELEGATION', 'SPOKESPERSON', 'FOUNDER', 'CEO', 'GENERAL', 'STAFF', 'EMPLOYEE', 'EMPLOYEES',
              'MILITANT', 'MILITANTS', 'FIGHTER', 'FIGHTERS', 'REBEL', 'REBELS', 'SUPPORTERS', 'SOLDIERS',
              'TROOPS', 'FORCES', 'PEACEKEEPERS', 'INSPECTORS', 'OBSERVERS', 'WORKERS', 'AGENTS', 'AGENT'}


def petrarch_orgs():
    """Organisation names (IGOs, NGOs, companies, non-state armed groups) of the PETRARCH2
    International and MilNonState actor dictionaries (MIT): blocks whose code has no date
    range (dated codes are office holders), names without role words."""
    import re
    out = []
    for fn in ['Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt']:
        path = G + 'petrarch2/' + fn
        if not os.path.exists(path):
            continue
        blocks = []
        cur = None
        for line in open(path, encoding='utf-8', errors='replace'):
            line = line.rstrip('\n')
            body = line.split('#', 1)[0]
            if not body.strip():
                continue
            if body[0] in ' \t':
                if cur is not None:
                    cur['codes'] += re.findall(r'\[[^\]]*\]', body)
                continue
            if body.startswith('!'):
                continue
            name = re.split(r'[\[\t]', body.lstrip('+'), maxsplit=1)[0].strip()
            codes = re.findall(r'\[[^\]]*\]', body)
            if body.startswith('+') and cur is not None:
                cur['names'].append(name)
                cur['codes'] += codes
            else:
                cur = {'names': [name], 'codes': codes}
                blocks.append(cur)
        for b in blocks:
            if not b['codes'] or any(re.search(r'\d', c) for c in b['codes']):
                continue
            for n in b['names']:
                n = re.sub(r'\([^)]*\)', '', n).strip('_ ').replace('_', ' ').strip()
                words = n.split()
                if not words or len(words) > 8 or any(w.upper() in ROLE_WORDS for w in words):
                    continue
                if len(n) < 3 or '!' in n:
                    continue
                out.append(n)
    return out


def main():
    common = set()
    if os.path.exists(COMMON):
        common = {l.strip() for l in open(COMMON, encoding='utf-8') if not l.startswith('#')}
    for lang in ['fr', 'en']:
        out = {}

        def add(ty, name):
            name = name.strip()
            if not name or len(name) < 3 or not latin(name) or name.lower() in common or name in STOP:
                return
            out.setdefault(name, ty)

        for r in csv.DictReader(open(G + 'cldr_territories_en_fr.tsv', encoding='utf-8'), delimiter='\t'):
            add('LOC', r['name_' + lang])
            add('LOC', r['name_en'] if lang == 'en' else r['name_fr'])
        for r in csv.DictReader(open(G + 'countryinfo_capitals_demonyms_en.tsv', encoding='utf-8'), delimiter='\t'):
            add('LOC', r['name_en'])
            add('LOC', r['capital_en'])
            for a in r['alt_spellings'].split('|'):
                if len(a) > 3:
                    add('LOC', a)
        for r in csv.DictReader(open(G + 'geonames_cities15000.tsv', encoding='utf-8'), delimiter='\t'):
            p = int(r['population'])
            if p >= 100000:
                add('LOC', r['name'])
            if p >= 1000000:
                for a in r['alternatenames'].split('|'):
                    if latin(a) and ' ' not in a.strip() or (latin(a) and len(a.split()) <= 3):
                        add('LOC', a)
        for o in (petrarch_orgs() if lang == 'en' else []):
            if o.lower() not in common:
                out.setdefault(o, 'ORG')
        for o in ORGS:
            out[o.strip()] = 'ORG'
        path = os.path.join(OUT, f'lexicon-{lang}', 'gazetteer.tsv')
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(HEADER + '\n')
            for k in sorted(out, key=lambda k: (k, out[k])):
                f.write(f'{out[k]}\t{k}\n')
        print(lang, len(out))


if __name__ == '__main__':
    main()
