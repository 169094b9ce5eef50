"""Word lists and patterns the text-dump cleaner scores lines with.

Stop words (several languages) measure how much a line reads like running prose; the boilerplate
patterns name what pages wrap around an article (navigation, share and subscribe prompts, cookie
notices, related lists, footers, comment sections). No pattern names a particular site.

The line patterns (markers, furniture, captions, date openers) are written in lower case and are
matched against lower-cased lines, which is several times faster than case-folding matches.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# the regular-expression parser's own modules (private, so typeshed may or may not describe them)
_sre_constants: Any = importlib.import_module("re._constants")
_sre_parser: Any = importlib.import_module("re._parser")

_ENGLISH_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
no nor not now of off on once only or other our ours out over own said same says she should so some
such than that the their theirs them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your
"""
_STOP_TEXT = _ENGLISH_STOP_TEXT + """
der die das und ist nicht mit sich auf für von dem den des ein eine einer eines einem auch als an
es im zu wie bei nach noch aus hat wird sind war wurde werden oder aber wenn nur so kann dass über um
le la les et est une des du dans pour pas que qui sur au avec ce il elle se sont plus par ont mais
ou été être son sa ses leur aux cette comme nous vous ne
el los las en por con del una su al lo como más pero sus fue ha son está entre sin sobre también
muy hasta desde cuando porque ya este esta ese esa le se
o os um uma não com mais como mas foi ao ele das dos à seu sua ou quando muito nos já está também
só pelo pela até isso ela entre depois sem mesmo aos ter seus quem nas me esse eles você essa num
il di che è per non una sono della nel alla anche si ha ma come dei delle questo gli da al più
het een van ik te dat zijn op aan met voor niet er maar om ook als dan bij nog naar uit wordt
yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke karena ada adalah atau oleh
bisa sudah saya kita mereka kami
и в не на что с по как это а из у за от он для то но к о же так все она его бы был было при мы
они только ее уже или если вы еще когда до
"""
#: Function words of English, German, French, Spanish, Portuguese, Italian, Dutch, Indonesian, Russian.
STOP_WORDS = frozenset(_STOP_TEXT.split())
#: The English ones alone: a text is plainly English when enough of its words are among them.
ENGLISH_STOP_WORDS = frozenset(_ENGLISH_STOP_TEXT.split())

#: Short lines that open a comment section.
COMMENTS_MARKER = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|responses?|replies|reactions|kommentare?|commentaires?|comentarios?|comentários?|commenti|"
    r"reacties|komentar|комментари[йи]|コメント)(?:\s*\(\d+\))?\W*$|"
    r"^\W*(?:leave a (?:reply|comment)|post a comment|add a comment|join the (?:discussion|conversation)|"
    r"lascia un commento|laisser un commentaire|deja (?:un|tu) comentario|deixe (?:um|seu) comentário|"
    r"schreibe(?:n sie)? einen kommentar|laat een reactie achter|tinggalkan (?:komentar|balasan)|"
    r"оставить комментарий|"
    r"show comments|view comments|\d+ thoughts? on\b.*)\W*$",
)

#: Short lines that open a block of recommendations ("You may also like"): like a comment section,
#: what follows them is never the article, and the phrases are not used as links inside one.
RECOMMEND_MARKER = re.compile(
    r"^\W*(?:you (?:may|might|will) (?:also )?(?:like|enjoy|love|be interested in)|"
    r"(?:we|editors?) recommend|recommended for you|more for you|"
    r"das könnte sie auch interessieren|(?:das )?könnte sie (?:auch )?interessieren|"
    r"vous (?:aimerez|pourriez aimer) aussi|vous pourriez aussi aimer|à découvrir aussi|"
    r"(?:también )?te (?:puede|podría) interesar|quizás te interese|"
    r"(?:você|voce) (?:também )?(?:pode|poderá) (?:gostar|se interessar)|"
    r"(?:potrebbe|ti potrebbe) interessarti|ti potrebbe interessare|"
    r"dit vind je misschien ook|anda mungkin (?:juga )?(?:suka|menyukai)|"
    r"вам (?:также )?может (?:быть интересно|понравиться))\b.{0,12}$",
)

#: Short lines that announce the end of the article (what follows is lists, comments or footer).
END_MARKER = re.compile(
    r"^\W*(?:comments?|\d+\s+comments?|leave a (?:reply|comment)|post a comment|add a comment|join the (?:discussion|conversation)|"
    r"related(?: articles?| stories| posts| content| news| coverage| links| reading| topics)?|"
    r"more (?:from|on|stories|news|in|like this|articles)\b.*|most (?:popular|read|viewed|shared)\b.*|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)\b.*|recommended(?: for you| stories| articles)?|"
    r"read (?:more|next|also)|share this(?: article| story| post)?|about the author|trending(?: now| stories)?|"
    r"popular (?:posts|stories|articles)|see also|further reading|what to read next|sponsored (?:content|stories|links)|"
    r"around the web|from the web|up next|latest (?:news|stories|articles|posts)|top stories|"
    r"kommentare?|ähnliche artikel|mehr zum thema|das könnte sie auch interessieren|"
    r"commentaires?|lire aussi|à lire aussi|sur le même sujet|"
    r"comentarios?|noticias relacionadas|te puede interesar|"
    r"comentários?|leia também|veja também|artigos relacionados|notícias relacionadas|"
    r"commenti|articoli correlati|leggi anche|"
    r"reacties|gerelateerde artikelen|"
    r"baca juga|berita terkait|artikel terkait|"
    r"комментарии|похожие (?:статьи|новости)|читайте также|"
    r"関連記事|コメント|相关文章|相关阅读)\W*$",
)

#: Vocabulary of page furniture, matched anywhere in a short line.
JUNK_SHORT = re.compile(
    r"\b(?:subscribe|subscription|subscriber|sign (?:in|up|out)|log ?(?:in|out)|register|newsletters?|"
    r"advertisement|advertising|advertise|sponsored|share (?:this|on|via)|follow us|"
    r"cookies?|privacy|terms (?:of|and) (?:use|service|sale)|copyright|all rights reserved|"
    r"click here|tap here|download (?:the|our) app|skip to|back to top|loading|"
    r"your email|email address|required fields|read more|continue reading|show more|load more|see more|"
    r"succ?essfully subscribed|thanks? (?:you )?for (?:subscribing|signing up)|stay up to date with|"
    r"view comments|comments?\s*\(\d+\)|\(\d+\)\s*comments?|"
    r"related|recommended|trending|most popular|most read|previous (?:post|article|story)|"
    r"next (?:post|article|story)|filed under|tags?:|categories:|topics:|"
    r"whatsapp|facebook|twitter|linkedin|pinterest|instagram|reddit|telegram|e-?mail this|print this|"
    r"contact us|about us|site ?map|accessibility|careers|jobs at|rss|faq|"
    r"getty images|shutterstock|photo(?:graph)?:|image:|credit:|caption|"
    r"abonnieren|anmelden|datenschutz|impressum|werbung|"
    r"s'abonner|abonnez|connexion|publicité|"
    r"suscríbete|iniciar sesión|publicidad|"
    r"assine|assinar|entrar|publicidade|"
    r"iscriviti|accedi|pubblicità|"
    r"berlangganan|masuk|iklan|"
    r"подписаться|войти|реклама)\b|©|\bⓒ",
)

#: Furniture phrases strong enough to reject a long line too.
JUNK_LONG = re.compile(
    r"all rights reserved|©\s*\d{4}|copyright\s*(?:©\s*)?\d{4}|this (?:site|website) uses cookies|"
    r"we use cookies|by (?:using|continuing to use) (?:this|our) (?:site|website)|your email address will not be published|"
    r"activation link|(?:activate|confirm) your (?:subscription|email address|account)|"
    r"(?:utilizziamo|usiamo) i cookie|nous utilisons (?:des|les) cookies|(?:utilizamos|usamos) cookies|"
    r"wir verwenden cookies|diese (?:website|seite) verwendet cookies|wij gebruiken cookies|"
    r"kami menggunakan cookie|мы используем (?:файлы )?cookie|"
    r"sign up for (?:our|the)\b.*newsletter|subscribe to (?:our|the)\b.*(?:newsletter|channel)|"
    r"(?:is|are) committed to publishing|letters? to the editor|have a (?:news )?tip\b|"
    r"we may earn (?:a )?(?:commission|money)|affiliate (?:links?|commission)|"
    r"you have (?:\d+|one) (?:free )?articles? (?:left|remaining)|already a subscriber|"
    r"(?:javascript|ad ?blocker) (?:is )?(?:disabled|enabled)|please (?:enable|disable) (?:javascript|your ad)|"
    r"this (?:article|story|content) (?:was|is) (?:produced|provided|paid for|sponsored)|"
    r"terms of (?:use|service)|privacy (?:policy|notice)|registered trademarks?|trademarks? of|"
    r"(?:on|of|to) this (?:web)?site\b|(?:information|content|materials?) (?:provided|published) on\b",
)

# Image-caption furniture (photo credits, gallery counters) as three branches, so that
# :func:`is_caption` can try each only where it can match.
_CAPTION_WORD = re.compile(
    r"\b(?:photo|photograph|image|picture|illustration|video|foto|bild|credit)s?\s*(?:by\b|:|/|…|\.\.\.)")
_CAPTION_AGENCIES = ("getty images", "afp", "ap", "reuters", "epa", "shutterstock", "istock", "xinhua", "dpa", "efe",
                     "sipa")
_CAPTION_AGENCY = re.compile(rf"\b(?:{'|'.join(_CAPTION_AGENCIES)})\s*(?:photo|via getty|/|$)")
_CAPTION_COUNTER = re.compile(r"^(?:image \d+ of \d+|\d+ of \d+$|\d+\s*/\s*\d+$)")
#: The whole marker: a credit word or an agency before a credit mark, or a gallery counter.
CAPTION = re.compile("|".join(rx.pattern for rx in (_CAPTION_WORD, _CAPTION_AGENCY, _CAPTION_COUNTER)))

#: A picture credit closing a line ("… outside the court in Berlin. Reuters"): the line is a caption
#: however long it is. Matched against lower-cased lines; a sentence ending "… told Reuters." is not.
CAPTION_CREDIT = re.compile(
    r"[.)]\s*(?:\(?(?:getty images|afp|ap|reuters|epa|shutterstock|istock|xinhua|dpa|efe|sipa|anp|ansa|pa|"
    r"ap photo|afp photo|reuters photo|epa photo)(?:\s*/\s*[\w .\-]+)?\)?|(?:photo|image|credit|foto)\s*:\s*[^.]{2,60})$"
)
#: A picture credit in brackets closing a line: "… lose its autonomy (Image: Getty)", "(Photo by Jane Doe/AP)".
CAPTION_PAREN = re.compile(r"\((?:photo|image|picture|pic|foto|bild)s?(?: credit)?\s*(?:by\b|:)[^()]{1,100}\)$")

#: A line that is nothing but a picture credit or a gallery counter: "(Image credit: Blue Origin)",
#: "Photo: Hau Dinh, AP", "Image 2 of 5". The line before a credit, or after a counter, is a caption.
CREDIT_LINE = re.compile(
    r"^\(?(?:photo|image|picture|foto|bild)s?(?: credit)?\s*(?:by\b|:)\s*[^.]{1,80}\)?$|"
    r"^(?:image|photo|slide) \d+ of \d+$"
)
#: A caption that opens with its gallery counter ("1 of 4 Grass Valley's Dionicio Torres looks at …") or
#: says what it is ("In this Dec. 12, 2006, file photo, made available by NASA, …").
GALLERY_CAPTION = re.compile(
    r"^(?:image |photo |slide )?\d{1,2} of \d{1,2}\s+[^\W\d]|"
    r"^in this (?:[\w.,'’-]+ ){0,8}?(?:file |handout |undated )?(?:photo|image|picture|photograph|frame grab)\b"
)

#: Words that open a byline, in several languages.
BYLINE_OPENER = re.compile(
    r"^(?:(?:written |words |reporting |posted |published |story )?by|von|par|por|di|door|oleh|av|af|"
    r"autor(?:in)?|author|text|texte|текст|автор)\b\s*[:\-–—]?\s*(?=\S)",
    re.IGNORECASE,
)

#: Job titles that follow a name in a byline ("Tom Krisher, AP Auto Writer").
BYLINE_ROLE = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|columnist|contributor|staff|journalist|reporting|"
    r"redakteur|korrespondent|journaliste|periodista|jornalista|giornalista)s?\b",
    re.IGNORECASE,
)

#: Words that open a dateline.
DATE_OPENER = re.compile(
    r"\b(?:published|posted|updated|modified|last (?:updated|modified)|first published|"
    r"veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|atualizado|pubblicato|aggiornato|"
    r"gepubliceerd|diterbitkan|опубликовано|обновлено)\b",
)


def _needs(items: list) -> set[str] | None:
    """Strings one of which every match of the parsed regex sequence ``items`` contains, if found."""
    c = _sre_constants
    cands: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            cands.append({"".join(run)})
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        sub: set[str] | None = None
        if op is c.BRANCH:
            alts = [_needs(list(a)) for a in av[1]]
            sub = set().union(*alts) if all(alts) else None  # type: ignore[arg-type]
        elif op is c.SUBPATTERN:
            sub = _needs(list(av[-1]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _needs(list(av[2]))
        if sub:
            cands.append(sub)
    flush()
    return max(cands, key=lambda x: (min(map(len, x)), -len(x))) if cands else None


def required_substrings(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal strings one of which any match of ``rx`` contains, read from the pattern itself (so the
    list cannot fall out of step with it), or ``None``. Looking for a few substrings first is several
    times faster than running a long alternation over every line. Only for case-sensitive patterns
    written in lower case and matched against lower-cased lines, as the patterns here are."""
    try:
        found = _needs(list(_sre_parser.parse(rx.pattern, rx.flags)))
    except Exception:  # noqa: BLE001 - the parser is CPython's; without it, no shortcut
        return None
    if not found or any(x != x.lower() for x in found):
        return None
    return tuple(sorted(found, key=len))


def may_match(needs: tuple[str, ...] | None, low: str) -> bool:
    """Whether a pattern whose :func:`required_substrings` are ``needs`` can match ``low``."""
    return needs is None or any(map(low.__contains__, needs))


JUNK_LONG_NEEDS = required_substrings(JUNK_LONG)
_CAPTION_WORD_NEEDS = required_substrings(_CAPTION_WORD)


def is_caption(low: str) -> bool:
    """Whether the stripped, lower-cased line ``low`` holds a picture-caption marker (:data:`CAPTION`
    matches it); each branch of the pattern is tried only on lines holding what it needs."""
    if may_match(_CAPTION_WORD_NEEDS, low) and _CAPTION_WORD.search(low):
        return True
    if ("/" in low or "photo" in low or "via getty" in low or low.endswith(_CAPTION_AGENCIES)) and (
            _CAPTION_AGENCY.search(low)):
        return True
    return bool((low[:1].isdigit() or low.startswith("image ")) and _CAPTION_COUNTER.match(low))
