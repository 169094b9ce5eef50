"""Known news outlets: one canonical name for each way a page, a headline or a source names them.

Shared by the cleaner (headline credits, :mod:`reportedly.clean.credits`) and the attribution
step (speakers that are outlets, the page's own outlet), so both agree on "NYT" →
"The New York Times".
"""

from __future__ import annotations

#: Canonical outlet names, keyed by the ways headlines credit them.
OUTLETS: dict[str, str] = {}

_TABLE = """
The New York Times: NYT, NY Times, New York Times, The New York Times
The Wall Street Journal: WSJ, Wall Street Journal, The Wall Street Journal
The Washington Post: WaPo, WP, Washington Post, The Washington Post
Associated Press: AP, Associated Press, The Associated Press
Agence France-Presse: AFP, Agence France-Presse
Reuters: Reuters
Bloomberg: Bloomberg
Financial Times: FT, Financial Times, The Financial Times
BBC: BBC, BBC News
CNN: CNN
CNBC: CNBC
NBC News: NBC, NBC News
CBS News: CBS, CBS News
ABC News: ABC, ABC News
Fox News: Fox, Fox News
NPR: NPR
Politico: Politico, POLITICO
Axios: Axios
The Guardian: Guardian, The Guardian
The Times: The Times, Times of London
The Daily Telegraph: Telegraph, The Telegraph
The Independent: Independent, The Independent
Daily Mail: Daily Mail, Mail
Sky News: Sky News, Sky
The Economist: Economist, The Economist
Newsweek: Newsweek
Time: TIME
The Atlantic: The Atlantic
The New Yorker: New Yorker, The New Yorker
Los Angeles Times: LA Times, Los Angeles Times
USA Today: USA Today
The Hill: The Hill
Al Jazeera: Al Jazeera
Der Spiegel: Spiegel, Der Spiegel
Bild: Bild
Deutsche Welle: DW, Deutsche Welle
Le Monde: Le Monde
Le Figaro: Le Figaro
El País: El Pais, El País
Corriere della Sera: Corriere della Sera
Haaretz: Haaretz
The Times of Israel: Times of Israel
TASS: TASS
RIA Novosti: RIA, RIA Novosti
Interfax: Interfax
RT: RT
Xinhua: Xinhua
Global Times: Global Times
South China Morning Post: SCMP, South China Morning Post
Kyodo News: Kyodo
Yonhap: Yonhap
NHK: NHK
Nikkei: Nikkei
Axel Springer: Axel Springer
Semafor: Semafor
The Information: The Information
Business Insider: Business Insider, Insider
Forbes: Forbes
Fortune: Fortune
Vanity Fair: Vanity Fair
Rolling Stone: Rolling Stone
Variety: Variety
Deadline: Deadline
TMZ: TMZ
Daily Beast: Daily Beast, The Daily Beast
HuffPost: HuffPost, Huffington Post
BuzzFeed News: BuzzFeed, BuzzFeed News
Vox: Vox
The Intercept: The Intercept
ProPublica: ProPublica
Mediapart: Mediapart
Kommersant: Kommersant
Izvestia: Izvestia
Ukrainska Pravda: Ukrainska Pravda
Kyiv Independent: Kyiv Independent
Yedioth Ahronoth: Yedioth, Ynet
Asahi Shimbun: Asahi
Le Parisien: Le Parisien
Süddeutsche Zeitung: SZ, Süddeutsche Zeitung
Frankfurter Allgemeine Zeitung: FAZ
"""
for _row in _TABLE.strip().splitlines():
    _name, _, _keys = _row.partition(":")
    for _k in _keys.split(","):
        OUTLETS[_k.strip()] = _name.strip()

_LOWER = {k.lower(): v for k, v in OUTLETS.items() if len(k) > 4}


def lookup_outlet(name: str) -> str | None:
    """The canonical outlet name for an abbreviation or name ("NYT" → "The New York Times")."""
    name = name.strip().strip("\"“”'.")
    return OUTLETS.get(name) or _LOWER.get(name.lower())


__all__ = ["OUTLETS", "lookup_outlet"]
