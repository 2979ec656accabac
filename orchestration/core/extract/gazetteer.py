"""Name tables: countries (from pycountry plus the names newsrooms and UN documents use),
UN bodies and other organizations, titles and roles. Built once per process.

Keys are lower-cased token sequences joined by single spaces (see `tokens.norm_key`), so the
same table serves "Russian Federation", "RUSSIAN FEDERATION" and "Russian\nFederation".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pycountry


@dataclass(frozen=True)
class Entry:
    name: str  # canonical actor name
    kind: str  # country, organization, block (a known phrase that is no actor)
    code: str | None = None  # ISO alpha-3 for countries
    needs_case: str = "title"  # title: first letter upper; upper: all caps; any
    metonym: bool = False  # capital city standing for its government
    demonym: bool = False


# Canonical short names where pycountry's `common_name`/`name` is not what newsrooms write.
_CANONICAL = {
    "BOL": "Bolivia", "BRN": "Brunei", "COD": "Democratic Republic of the Congo", "COG": "Congo",
    "CPV": "Cabo Verde", "CZE": "Czech Republic", "FSM": "Micronesia", "GBR": "United Kingdom",
    "IRN": "Iran", "KOR": "South Korea", "PRK": "North Korea", "LAO": "Laos", "MDA": "Moldova",
    "PSE": "Palestine", "RUS": "Russia", "SYR": "Syria", "TUR": "Turkey", "TWN": "Taiwan",
    "TZA": "Tanzania", "USA": "United States", "VAT": "Holy See", "VEN": "Venezuela",
    "VNM": "Vietnam", "SWZ": "Eswatini", "MKD": "North Macedonia", "FLK": "Falkland Islands",
    "CIV": "Côte d'Ivoire", "KNA": "Saint Kitts and Nevis", "LCA": "Saint Lucia",
    "VCT": "Saint Vincent and the Grenadines", "MMR": "Myanmar", "SXM": "Sint Maarten",
}

# Extra names per ISO code: UN-document forms, short forms, old names and newsroom habits.
_EXTRA_NAMES: dict[str, list[str]] = {
    "USA": ["United States of America", "U.S.", "U.S.A.", "US", "USA", "America", "United States"],
    "GBR": ["Britain", "Great Britain", "UK", "U.K.", "United Kingdom of Great Britain and Northern Ireland"],
    "RUS": ["Russian Federation", "Russia"],
    "PRK": ["DPRK", "D.P.R.K.", "Democratic People's Republic of Korea", "Democratic Peoples Republic of Korea", "N. Korea", "N Korea"],
    "KOR": ["Republic of Korea", "ROK", "S. Korea"],
    "CHN": ["People's Republic of China", "PRC", "Mainland China"],
    "IRN": ["Iran (Islamic Republic of)", "Islamic Republic of Iran"],
    "SYR": ["Syrian Arab Republic"],
    "VEN": ["Venezuela (Bolivarian Republic of)", "Bolivarian Republic of Venezuela"],
    "BOL": ["Bolivia (Plurinational State of)", "Plurinational State of Bolivia"],
    "FSM": ["Micronesia (Federated States of)", "Federated States of Micronesia"],
    "MDA": ["Republic of Moldova"],
    "TZA": ["United Republic of Tanzania"],
    "LAO": ["Lao People's Democratic Republic", "Lao PDR"],
    "VNM": ["Viet Nam"],
    "TUR": ["Türkiye", "Turkiye", "Turkey"],
    "CZE": ["Czechia", "Czech Republic"],
    "PSE": ["State of Palestine", "Palestinian Territories", "Occupied Palestinian Territory", "Palestine"],
    "MMR": ["Burma", "Myanmar (Burma)"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "CPV": ["Cape Verde"],
    "SWZ": ["Swaziland"],
    "MKD": ["Macedonia", "Republic of North Macedonia"],
    "COD": ["DR Congo", "DRC", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville"],
    "VAT": ["Holy See", "Vatican", "Vatican City"],
    "BRN": ["Brunei Darussalam"],
    "TLS": ["East Timor", "Timor-Leste"],
    "NLD": ["Netherlands", "Kingdom of the Netherlands", "Holland"],
    "GMB": ["The Gambia", "Gambia"],
    "BHS": ["The Bahamas", "Bahamas"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "SAU": ["Saudi"],
    "TWN": ["Taiwan"],
    "KGZ": ["Kyrgyz Republic"],
    "SVK": ["Slovak Republic"],
}

# Demonyms and adjectives used for a country's government or people ("Chinese diplomat").
# "Korean" alone is left out on purpose: it names neither Korea.
_DEMONYMS: dict[str, list[str]] = {
    "AFG": ["Afghan"], "ALB": ["Albanian"], "DZA": ["Algerian"], "AGO": ["Angolan"],
    "ARG": ["Argentine", "Argentinian"], "ARM": ["Armenian"], "AUS": ["Australian"], "AUT": ["Austrian"],
    "AZE": ["Azerbaijani"], "BHR": ["Bahraini"], "BGD": ["Bangladeshi"], "BLR": ["Belarusian", "Belarussian"],
    "BEL": ["Belgian"], "BOL": ["Bolivian"], "BIH": ["Bosnian"], "BRA": ["Brazilian"], "BGR": ["Bulgarian"],
    "KHM": ["Cambodian"], "CMR": ["Cameroonian"], "CAN": ["Canadian"], "TCD": ["Chadian"], "CHL": ["Chilean"],
    "CHN": ["Chinese"], "COL": ["Colombian"], "HRV": ["Croatian"], "CUB": ["Cuban"], "CYP": ["Cypriot"],
    "CZE": ["Czech"], "DNK": ["Danish"], "ECU": ["Ecuadorian", "Ecuadorean"], "EGY": ["Egyptian"],
    "ERI": ["Eritrean"], "EST": ["Estonian"], "ETH": ["Ethiopian"], "FIN": ["Finnish"], "FRA": ["French"],
    "GEO": ["Georgian"], "DEU": ["German"], "GHA": ["Ghanaian"], "GRC": ["Greek"], "GTM": ["Guatemalan"],
    "HTI": ["Haitian"], "HND": ["Honduran"], "HUN": ["Hungarian"], "ISL": ["Icelandic"], "IND": ["Indian"],
    "IDN": ["Indonesian"], "IRN": ["Iranian"], "IRQ": ["Iraqi"], "IRL": ["Irish"], "ISR": ["Israeli"],
    "ITA": ["Italian"], "JPN": ["Japanese"], "JOR": ["Jordanian"], "KAZ": ["Kazakh", "Kazakhstani"],
    "KEN": ["Kenyan"], "KWT": ["Kuwaiti"], "LVA": ["Latvian"], "LBN": ["Lebanese"], "LBY": ["Libyan"],
    "LTU": ["Lithuanian"], "MYS": ["Malaysian"], "MLI": ["Malian"], "MLT": ["Maltese"], "MEX": ["Mexican"],
    "MDA": ["Moldovan"], "MNG": ["Mongolian"], "MAR": ["Moroccan"], "MOZ": ["Mozambican"],
    "MMR": ["Myanmar's", "Burmese"], "NPL": ["Nepalese", "Nepali"], "NLD": ["Dutch"], "NZL": ["New Zealander"],
    "NIC": ["Nicaraguan"], "NGA": ["Nigerian"], "PRK": ["North Korean"], "NOR": ["Norwegian"],
    "OMN": ["Omani"], "PAK": ["Pakistani"], "PSE": ["Palestinian"], "PAN": ["Panamanian"],
    "PRY": ["Paraguayan"], "PER": ["Peruvian"], "PHL": ["Philippine", "Filipino"], "POL": ["Polish"],
    "PRT": ["Portuguese"], "QAT": ["Qatari"], "ROU": ["Romanian"], "RUS": ["Russian"], "RWA": ["Rwandan"],
    "SAU": ["Saudi Arabian"], "SEN": ["Senegalese"], "SRB": ["Serbian"], "SGP": ["Singaporean"],
    "SVK": ["Slovak"], "SVN": ["Slovenian"], "SOM": ["Somali"], "ZAF": ["South African"],
    "KOR": ["South Korean"], "SSD": ["South Sudanese"], "ESP": ["Spanish"], "LKA": ["Sri Lankan"],
    "SDN": ["Sudanese"], "SWE": ["Swedish"], "CHE": ["Swiss"], "SYR": ["Syrian"], "TWN": ["Taiwanese"],
    "TJK": ["Tajik"], "TZA": ["Tanzanian"], "THA": ["Thai"], "TUN": ["Tunisian"], "TUR": ["Turkish"],
    "TKM": ["Turkmen"], "UGA": ["Ugandan"], "UKR": ["Ukrainian"], "ARE": ["Emirati"],
    "GBR": ["British"], "USA": ["American"], "URY": ["Uruguayan"], "UZB": ["Uzbek"],
    "VEN": ["Venezuelan"], "VNM": ["Vietnamese"], "YEM": ["Yemeni"], "ZMB": ["Zambian"], "ZWE": ["Zimbabwean"],
    "ERI_": [],
}

# Capitals (and seats of government) that reporters use for the government itself.
_METONYMS: dict[str, list[str]] = {
    "PRK": ["Pyongyang"], "KOR": ["Seoul"], "RUS": ["Moscow", "Kremlin"], "CHN": ["Beijing"],
    "USA": ["Washington", "White House"], "GBR": ["London", "Downing Street"], "FRA": ["Paris", "Elysee", "Élysée"],
    "JPN": ["Tokyo"], "IRN": ["Tehran", "Teheran"], "SYR": ["Damascus"], "UKR": ["Kyiv", "Kiev"],
    "ISR": ["Tel Aviv"], "TUR": ["Ankara"], "IND": ["New Delhi"], "PAK": ["Islamabad"], "AFG": ["Kabul"],
    "IRQ": ["Baghdad"], "SAU": ["Riyadh"], "EGY": ["Cairo"], "DEU": ["Berlin"], "CUB": ["Havana"],
    "VEN": ["Caracas"], "NIC": ["Managua"], "BLR": ["Minsk"], "CAN": ["Ottawa"], "AUS": ["Canberra"],
    "MMR": ["Naypyidaw", "Naypyitaw"], "SRB": ["Belgrade"], "ARM": ["Yerevan"], "AZE": ["Baku"],
    "GEO": ["Tbilisi"], "LBN": ["Beirut"], "JOR": ["Amman"], "QAT": ["Doha"], "ETH": ["Addis Ababa"],
    "SDN": ["Khartoum"], "TWN": ["Taipei"], "VNM": ["Hanoi"], "PHL": ["Manila"], "IDN": ["Jakarta"],
    "BRA": ["Brasilia", "Brasília"], "MEX": ["Mexico City"], "ARG": ["Buenos Aires"], "ITA": ["Rome"],
    "ESP": ["Madrid"], "POL": ["Warsaw"], "HUN": ["Budapest"],
}

# Phrases that contain a country word but name no country actor; longest match wins, so these
# shadow the shorter country key ("Latin American", "Korean Peninsula", "Washington Post").
_BLOCKS = [
    "Latin America", "Latin American", "South America", "South American", "North America", "North American",
    "Central America", "Central American", "Korean Peninsula", "Korean War", "Paris Agreement",
    "Paris Climate Agreement", "Paris Accord", "Paris Accords", "Washington Consensus", "New York",
    "Georgia State", "Jordan River", "Chinese New Year", "Russian Orthodox", "Turkish Cypriot",
    "Persian Gulf", "Gulf of Mexico", "South China Sea", "East China Sea", "Indian Ocean",
    "Arab Spring", "Middle East", "West Bank", "Gaza Strip", "Western Sahara", "Korean Studies",
    "Asia-Pacific", "Indo-Pacific", "Guinea-Bissau Bissau",
]

# Organizations: canonical name -> surface forms. UN bodies first; committees are named the way
# the marts name them ("General Assembly Third Committee").
_ORGS: dict[str, list[str]] = {
    "United Nations": ["United Nations", "UN", "U.N.", "the world body", "United Nations Organization"],
    "General Assembly": ["General Assembly", "UN General Assembly", "U.N. General Assembly", "UNGA",
                         "United Nations General Assembly", "UN Assembly", "U.N. Assembly"],
    "Security Council": ["Security Council", "UN Security Council", "U.N. Security Council", "UNSC",
                         "United Nations Security Council", "Safety Council", "UN Safety Council"],
    "Human Rights Council": ["Human Rights Council", "UN Human Rights Council", "U.N. Human Rights Council",
                             "United Nations Human Rights Council", "UNHRC"],
    "Economic and Social Council": ["Economic and Social Council", "ECOSOC"],
    "General Assembly First Committee": ["First Committee"],
    "General Assembly Second Committee": ["Second Committee"],
    "General Assembly Third Committee": ["Third Committee"],
    "General Assembly Fourth Committee": ["Fourth Committee"],
    "General Assembly Fifth Committee": ["Fifth Committee"],
    "General Assembly Sixth Committee": ["Sixth Committee"],
    "International Court of Justice": ["International Court of Justice", "ICJ", "World Court"],
    "International Criminal Court": ["International Criminal Court", "ICC"],
    "UN Secretariat": ["UN Secretariat", "United Nations Secretariat"],
    "Office of the UN High Commissioner for Human Rights": [
        "OHCHR", "Office of the High Commissioner for Human Rights",
        "Office of the United Nations High Commissioner for Human Rights", "UN Human Rights Office",
        "U.N. Human Rights Office"],
    "UNHCR": ["UNHCR", "UN refugee agency", "U.N. refugee agency", "United Nations High Commissioner for Refugees",
              "Office of the United Nations High Commissioner for Refugees"],
    "UNICEF": ["UNICEF", "United Nations Children's Fund", "UN Children's Fund"],
    "World Health Organization": ["World Health Organization", "World Health Organisation", "WHO"],
    "World Food Programme": ["World Food Programme", "World Food Program", "WFP"],
    "International Atomic Energy Agency": ["International Atomic Energy Agency", "IAEA"],
    "UNESCO": ["UNESCO"],
    "UN Development Programme": ["UNDP", "United Nations Development Programme", "UN Development Programme"],
    "UN Environment Programme": ["UNEP", "United Nations Environment Programme", "UN Environment Programme"],
    "UN Population Fund": ["UNFPA", "United Nations Population Fund"],
    "UNRWA": ["UNRWA", "United Nations Relief and Works Agency"],
    "OCHA": ["OCHA", "Office for the Coordination of Humanitarian Affairs"],
    "UN Women": ["UN Women", "UN-Women"],
    "International Labour Organization": ["International Labour Organization", "International Labor Organization", "ILO"],
    "Food and Agriculture Organization": ["Food and Agriculture Organization", "FAO"],
    "International Monetary Fund": ["International Monetary Fund", "IMF"],
    "World Bank": ["World Bank"],
    "World Trade Organization": ["World Trade Organization", "WTO"],
    "Organisation for the Prohibition of Chemical Weapons": ["Organisation for the Prohibition of Chemical Weapons",
                                                            "Organization for the Prohibition of Chemical Weapons", "OPCW"],
    "UN Conference on Trade and Development": ["UNCTAD"],
    "UN Peacekeeping": ["UN peacekeeping", "Department of Peace Operations"],
    "Conference on Disarmament": ["Conference on Disarmament"],
    "Commission on Human Rights": ["Commission on Human Rights"],
    "Commission of Inquiry": ["Commission of Inquiry"],
    "European Union": ["European Union", "EU", "E.U."],
    "European Commission": ["European Commission"],
    "European Parliament": ["European Parliament"],
    "Council of Europe": ["Council of Europe"],
    "NATO": ["NATO", "North Atlantic Treaty Organization", "Nato"],
    "African Union": ["African Union", "AU"],
    "Arab League": ["Arab League", "League of Arab States"],
    "ASEAN": ["ASEAN", "Association of Southeast Asian Nations"],
    "Organisation of Islamic Cooperation": ["Organisation of Islamic Cooperation", "Organization of Islamic Cooperation", "OIC"],
    "Non-Aligned Movement": ["Non-Aligned Movement", "Non-Aligned"],
    "Group of 77": ["Group of 77", "G77", "G-77"],
    "Group of Seven": ["G7", "G-7", "Group of Seven"],
    "Group of 20": ["G20", "G-20", "Group of 20"],
    "OSCE": ["OSCE", "Organization for Security and Co-operation in Europe"],
    "Organization of American States": ["Organization of American States", "OAS"],
    "Gulf Cooperation Council": ["Gulf Cooperation Council", "GCC"],
    "Amnesty International": ["Amnesty International", "Amnesty"],
    "Human Rights Watch": ["Human Rights Watch", "HRW"],
    "International Committee of the Red Cross": ["International Committee of the Red Cross", "ICRC", "Red Cross"],
    "Hamas": ["Hamas"], "Hezbollah": ["Hezbollah", "Hizbollah"], "Taliban": ["Taliban"],
    "Islamic State": ["Islamic State", "ISIS", "ISIL", "Daesh"], "Houthis": ["Houthis", "Houthi"],
    # news organizations (bylines, datelines, "told the Global Times")
    "Reuters": ["Reuters", "Thomson Reuters"],
    "Associated Press": ["Associated Press", "AP"],
    "AFP": ["AFP", "Agence France-Presse", "Agence France Presse"],
    "KCNA": ["KCNA", "Korean Central News Agency"],
    "Xinhua": ["Xinhua", "Xinhua News Agency"],
    "TASS": ["TASS", "Tass"], "RIA Novosti": ["RIA Novosti", "RIA"],
    "Yonhap": ["Yonhap", "Yonhap News Agency"],
    "Global Times": ["Global Times"], "People's Daily": ["People's Daily"], "China Daily": ["China Daily"],
    "CCTV": ["CCTV"], "CGTN": ["CGTN"], "BBC": ["BBC"], "CNN": ["CNN"], "Al Jazeera": ["Al Jazeera", "Aljazeera"],
    "The New York Times": ["New York Times"], "The Washington Post": ["Washington Post"],
    "The Guardian": ["Guardian"], "Financial Times": ["Financial Times"], "The Wall Street Journal": ["Wall Street Journal"],
    "Bloomberg": ["Bloomberg"], "Kyodo": ["Kyodo", "Kyodo News"], "NHK": ["NHK"], "Anadolu": ["Anadolu", "Anadolu Agency"],
    "UN News": ["UN News"], "Deutsche Welle": ["Deutsche Welle", "DW"], "France 24": ["France 24"],
    "Sputnik": ["Sputnik"], "IRNA": ["IRNA"], "SANA": ["SANA"], "WAFA": ["WAFA"], "PTI": ["PTI"],
    "NK News": ["NK News"], "Rodong Sinmun": ["Rodong Sinmun"], "The Independent": ["The Independent"],
    "Politico": ["Politico"], "Axios": ["Axios"], "NPR": ["NPR"], "Voice of America": ["Voice of America", "VOA"],
    "Radio Free Asia": ["Radio Free Asia"],
}

# Role words that precede or describe a person ("Ambassador Zhang Jun", "a spokesman for …").
ROLE_WORDS = {
    "president", "vice-president", "premier", "minister", "secretary", "secretary-general", "ambassador",
    "envoy", "representative", "spokesman", "spokeswoman", "spokesperson", "diplomat", "leader", "chief",
    "official", "chancellor", "king", "queen", "prince", "emir", "sheikh", "pope", "general", "admiral",
    "colonel", "senator", "congressman", "congresswoman", "governor", "mayor", "chairman", "chairwoman",
    "chair", "director", "director-general", "commissioner", "rapporteur", "judge", "justice", "lawyer",
    "analyst", "scholar", "professor", "researcher", "expert", "activist", "journalist", "reporter",
    "correspondent", "citizen", "citizens", "defector", "negotiator", "delegate", "coordinator",
    "adviser", "advisor", "aide", "counterpart", "predecessor", "successor", "head", "founder", "member",
    "dictator", "monarch", "ruler", "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "lt", "col",
    "capt", "amb", "under-secretary-general", "deputy", "counsellor", "counselor", "officer", "attaché",
    "undersecretary", "vice", "economist", "author", "commander", "fellow", "lecturer", "secretary-generals",
    "foreign", "student", "émigré", "speaker", "president-elect", "strongman", "ministers", "officials",
    "diplomats", "envoys", "ambassadors", "leaders", "delegates", "representatives", "dean", "rabbi",
    "cleric", "imam", "bishop", "archbishop", "cardinal", "patriarch", "mufti", "ayatollah",
}
# Role words that name who speaks for a country or body; used for unnamed speakers.
SPEAKER_ROLES = {
    "spokesman", "spokeswoman", "spokesperson", "official", "officials", "diplomat", "diplomats",
    "ambassador", "envoy", "envoys", "source", "sources", "representative", "delegate", "delegation",
    "mission", "minister", "ministry", "statement", "spokespeople", "negotiator", "aide", "adviser",
}

# Surnames written first (Chinese, Korean, Vietnamese): a later "Zhang said" is Zhang Jun.
EAST_ASIAN_SURNAMES = set(
    "kim lee li yi ri park pak choi choe chung jung jeong kang cho yoon yun jang lim im han oh seo shin "
    "kwon hwang ahn an song ryu hong jeon jun ko moon mun son yang bae baek heo yoo yu nam noh "
    "wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie "
    "tang feng deng cao peng zeng xiao tian dong pan yuan cai jiang du ye cheng wei su lu ding ren "
    "shen yao fu zhong jin cui qin geng hua wen xi fan tan shi qian kong mao qiu dai "
    "nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly".split()
)


@lru_cache(maxsize=1)
def countries() -> dict[str, Entry]:
    """Key -> country Entry (plus `block` entries that shadow false country hits)."""
    table: dict[str, Entry] = {}

    def add(surface: str, entry: Entry) -> None:
        key = norm_surface(surface)
        if key and key not in table:
            table[key] = entry

    for block in _BLOCKS:
        add(block, Entry(block, "block", needs_case="any"))
    canon: dict[str, str] = {}
    for c in pycountry.countries:
        name = _CANONICAL.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        canon[c.alpha_3] = name
    for code, names in _EXTRA_NAMES.items():
        for n in names:
            case = "upper" if n.replace(".", "").isupper() and len(n.replace(".", "")) <= 5 else "title"
            add(n, Entry(canon[code], "country", code, needs_case=case))
    for c in pycountry.countries:
        name = canon[c.alpha_3]
        for n in (name, c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n:
                add(n, Entry(name, "country", c.alpha_3))
                if ", " in n:  # "Korea, Republic of" -> "Republic of Korea"
                    head, tail = n.split(", ", 1)
                    add(f"{tail} {head}", Entry(name, "country", c.alpha_3))
                if n.startswith("the "):
                    add(n[4:], Entry(name, "country", c.alpha_3))
    for code, words in _DEMONYMS.items():
        if code in canon:
            for w in words:
                add(w, Entry(canon[code], "country", code, demonym=True))
    for code, words in _METONYMS.items():
        for w in words:
            add(w, Entry(canon[code], "country", code, metonym=True))
    return table


# Offices named by a lower-case description as often as by name ("the UN human rights office"): only the
# capitalised name is the organization; the description is no actor (as annotators read it).
_PROPER_ONLY = {"Office of the UN High Commissioner for Human Rights"}


@lru_cache(maxsize=1)
def organizations() -> dict[str, Entry]:
    table: dict[str, Entry] = {}
    for name, forms in _ORGS.items():
        for f in forms:
            bare = f.replace(".", "").replace("-", "")
            case = "upper" if bare.isupper() and len(bare) <= 6 else ("any" if f.startswith("the ") or f[0].islower() else "title")
            if case == "title" and name in _PROPER_ONLY:
                case = "proper"
            key = norm_surface(f)
            if key not in table:
                table[key] = Entry(name, "organization", needs_case=case)
    return table


@lru_cache(maxsize=1)
def phrase_table() -> tuple[dict[str, Entry], int]:
    """Countries and organizations in one table, with the longest key length in tokens."""
    table = dict(countries())
    for k, v in organizations().items():
        # an organization form wins over a demonym/metonym reading ("Washington Post")
        if k not in table or table[k].kind == "block" or table[k].metonym:
            table[k] = v
    longest = max(len(k.split(" ")) for k in table)
    return table, longest


def norm_surface(s: str) -> str:
    from .tokens import norm_key, tokenize

    return norm_key([t.text for t in tokenize(s)])


PERMANENT_MEMBERS = {"China", "France", "Russia", "United Kingdom", "United States"}

BODY_SIZES = {"Security Council": 15, "Human Rights Council": 47, "Economic and Social Council": 54, "General Assembly": 193}


def country_code(name: str) -> str | None:
    return _codes_by_name().get(name)


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str | None]:
    """Canonical country name -> code of the first country entry with that name."""
    out: dict[str, str | None] = {}
    for e in countries().values():
        if e.kind == "country":
            out.setdefault(e.name, e.code)
    return out
