"""Tokens, paragraphs and sentences with offsets into the cleaned text.

Everything downstream works on a `Doc`: the text with soft line wraps turned into spaces (same
length, so offsets stay valid), its tokens, paragraphs and sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from bisect import bisect_right
from itertools import accumulate, chain, repeat
from operator import and_, itemgetter
from typing import NamedTuple


class Token(NamedTuple):
    text: str
    start: int
    end: int
    lower: str


# Acronyms with dots ("U.S.", "U.N."), words with inner apostrophes/hyphens ("d'Ivoire",
# "Thomas-Greenfield"), numbers with separators, then single punctuation marks.
_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"
    r"|\d+(?:[.,]\d+)*"
    r"|[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*"
    r"|[^\s\w]",
)
_LOWER_HYPHEN_RE = re.compile(r"^([a-z]+-)(?=[A-Z])")
_POSSESSIVE_RE = re.compile(r"^(.+?)(['’]s)$")


# the gap before each token (only whitespace and "_" are no part of any token) and the token
_GAP_TOKEN_RE = re.compile(rf"([\s_]*)({_TOKEN_RE.pattern})")
_TEXT = itemgetter(0)
_SECOND = itemgetter(1)
_SPECIAL_RE = re.compile(r"['’-]")
_tuple_new = tuple.__new__


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text` (offsets shifted by `offset`).

    The common case runs in C: one `findall` gives (gap, token) pairs, offsets are running sums
    of their lengths, and the Token tuples are built by `map`. Only tokens holding an apostrophe
    or hyphen go through `_tokenize_slow`.
    """
    pairs = _GAP_TOKEN_RE.findall(text)
    if not pairs:
        return []
    texts = list(map(_SECOND, pairs))
    pos = list(accumulate(chain.from_iterable(zip(map(len, map(_TEXT, pairs)), map(len, texts))), initial=offset))
    starts = pos[1::2]
    out = list(map(_tuple_new, repeat(Token), zip(texts, starts, pos[2::2], map(str.lower, texts))))
    # the gaps hold only whitespace and "_", so every apostrophe or hyphen lies inside a token
    specials = sorted({bisect_right(starts, m.start() + offset) - 1 for m in _SPECIAL_RE.finditer(text)})
    if not specials:
        return out
    res: list[Token] = []
    prev = 0
    for i in specials:
        res.extend(out[prev:i])
        t = out[i]
        res.extend(_tokenize_slow(t.text, t.start))
        prev = i + 1
    res.extend(out[prev:])
    return res


def _tokenize_slow(text: str, offset: int = 0) -> list[Token]:
    out: list[Token] = []
    append = out.append
    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        st = m.start() + offset
        if "'" not in s and "’" not in s and "-" not in s:
            append(Token(s, st, st + len(s), s.lower()))
            continue
        pm = _POSSESSIVE_RE.match(s) if ("'" in s or "’" in s) else None
        hm = _LOWER_HYPHEN_RE.match(s) if "-" in s else None
        if hm:  # "then-US", "pro-Russian", "anti-Western": the name is a token of its own
            a = hm.group(1)
            out.append(Token(a, st, st + len(a), a.lower()))
            out.extend(tokenize(s[len(a):], st + len(a)))
        elif pm and len(pm.group(1)) > 1:
            w = pm.group(1)
            out.append(Token(w, st, st + len(w), w.lower()))
            out.append(Token(pm.group(2), st + len(w), st + len(s), "'s"))
        else:
            out.append(Token(s, st, st + len(s), s.lower().replace("’", "'")))
    return out


_PUNCT_DROP = set(".'’\"“”‘")  # must match entities._SKIP_IN_KEY


def norm_key(words: list[str]) -> str:
    return " ".join(w.lower().replace("’", "'") for w in words if w not in _PUNCT_DROP)


class Span(NamedTuple):
    start: int
    end: int


@dataclass
class Doc:
    text: str  # flattened: soft wraps are spaces, paragraph breaks stay newlines
    tokens: list[Token]
    paragraphs: list[Span]
    sentences: list[Span]
    sent_para: list[int]  # paragraph index of each sentence
    token_starts: list[int] = field(default_factory=list)

    def sentence_of(self, pos: int) -> int:
        import bisect

        if not hasattr(self, "_sent_starts"):
            self._sent_starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        return max(i, 0)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        import bisect

        i = bisect.bisect_left(self.token_starts, start)
        j = bisect.bisect_left(self.token_starts, end)
        return self.tokens[i:j]

    @property
    def texts(self) -> list[str]:
        """The token texts, in order (built once)."""
        t = self.__dict__.get("_texts")
        if t is None:
            t = self._texts = list(map(_TEXT, self.tokens))
        return t

    def flags(self, pred) -> list:
        """`token_flags` over this document's tokens."""
        return token_flags(self.tokens, pred, self.texts)

    def token_index(self, pos: int) -> int:
        import bisect

        return bisect.bisect_left(self.token_starts, pos)



def token_flags(tokens: list[Token], pred, texts: list[str] | None = None) -> list:
    """`pred(token)` (truthy or 0) for every token, where `pred` depends on the token's text alone
    (its `lower` follows from the text); `pred` must be a module-level function.

    All predicates asked for are evaluated together once per distinct text and kept as a bit
    mask per text across documents; a document costs one C-level dict pass (shared by all
    predicates, for the last token list seen) plus the texts not seen before."""
    bit = _FLAG_BITS.get(pred)
    if bit is None:
        bit = _FLAG_BITS[pred] = 1 << len(_FLAG_PREDS)
        _FLAG_PREDS.append(pred)
        _MASKS.clear()  # the cached masks lack the new predicate's bit
        _LAST[:] = [None, None]
    if _LAST[0] is tokens:
        masks = _LAST[1]
    else:
        if len(_MASKS) > 200_000:
            _MASKS.clear()
        if texts is None:
            texts = list(map(_TEXT, tokens))
        masks = list(map(_MASKS.get, texts))
        if None in masks:
            index = masks.index
            i = index(None)
            while True:  # only the texts not seen before (list.index finds them in C)
                t = tokens[i]
                m = 0
                for b, f in enumerate(_FLAG_PREDS):
                    if f(t):
                        m |= 1 << b
                masks[i] = _MASKS[texts[i]] = m
                try:
                    i = index(None, i + 1)
                except ValueError:
                    break
        _LAST[:] = [tokens, masks]
    return list(map(and_, masks, repeat(bit)))


_FLAG_BITS: dict = {}
_FLAG_PREDS: list = []
_MASKS: dict[str, int] = {}
_LAST: list = [None, None]  # the token list the masks were last computed for, and the masks


_TERMINAL = ".!?:;\"”’)"
_LINE_RE = re.compile(r"[^\n]*")


def _flatten(text: str) -> str:
    """Join hard-wrapped lines: a line of 60+ characters without closing punctuation runs on."""
    if "\n" not in text:
        return text
    chars = list(text)
    pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):
        end = pos + len(line)
        nxt = lines[i + 1]
        stripped = line.rstrip()
        if (stripped and nxt.strip() and len(stripped) >= 60 and stripped[-1] not in _TERMINAL
                and not nxt.lstrip().startswith(("-", "•", "*"))):
            chars[end] = " "
        elif stripped and nxt[:1].islower() and stripped[-1] not in ".!?":
            chars[end] = " "
        pos = end + 1
    return "".join(chars)


_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "lt", "col", "capt", "sgt", "rep", "sen",
    "gov", "amb", "no", "nos", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "inc", "corp", "co", "ltd", "mt", "ft", "vs", "v", "cf", "fig", "art", "para", "paras",
    "approx", "est", "dept", "govt", "messrs", "rev", "hon", "op", "pp",
}
_SENT_END_RE = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|[.!?][\"”’]*(?=\s*$)")
_STARTERS = {
    "the", "it", "he", "she", "they", "we", "i", "but", "in", "on", "a", "an", "this", "that", "there",
    "its", "his", "her", "their", "after", "while", "as", "at", "for", "if", "when", "and", "so", "yet",
    "both", "some", "many", "most", "all", "some", "since", "however", "meanwhile", "earlier", "later",
}


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_DOTTED_RE = re.compile(r"(?:[a-z]\.)+[a-z]")
_NEXT_WORD_RE = re.compile(r"\s+[\"“‘(]?([A-Za-z]+)")


def _split_para(text: str, start: int, end: int) -> list[Span]:
    out: list[Span] = []
    s = start
    seg = text[start:end]
    for m in _SENT_END_RE.finditer(seg):
        cut = start + m.end()
        dot = start + m.start()
        if text[dot] == ".":
            # the word before the dot: an abbreviation or initial does not end a sentence
            k = dot
            while k > s and text[k - 1] in _WORD_CHARS:
                k -= 1
            word = text[k:dot].lower()  # the trailing run of letters and dots
            if word.rstrip(".") in _ABBREV or (len(word) == 1 and word.isalpha() and text[dot - 1].isupper()):
                continue
            if _DOTTED_RE.fullmatch(word):  # U.S. / U.N. / a.m.
                nxt = _NEXT_WORD_RE.match(text, cut, end)
                if not (nxt and nxt.group(1).lower() in _STARTERS):
                    continue
        out.append(Span(s, cut))
        s = cut
        while s < end and text[s].isspace():
            s += 1
    if s < end and text[s:end].strip():
        out.append(Span(s, end))
    return out


def make_doc(raw: str) -> Doc:
    text = _flatten(raw.replace("\r", " "))
    paragraphs: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            paragraphs.append(Span(a, b))
        pos += len(line) + 1
    sentences: list[Span] = []
    sent_para: list[int] = []
    for pi, p in enumerate(paragraphs):
        for sp in _split_para(text, p.start, p.end):
            sentences.append(sp)
            sent_para.append(pi)
    toks = tokenize(text)
    return Doc(text, toks, paragraphs, sentences, sent_para, [t.start for t in toks])
