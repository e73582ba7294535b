"""Media rules: video without captions, audio without a transcript, embedded players whose
captions we cannot see offline, media that starts playing by itself, media without controls.

WCAG 1.2.1-1.2.3 (time-based media) and 1.4.2 Audio Control:
https://www.w3.org/WAI/WCAG22/Understanding/captions-prerecorded
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from bs4 import Tag

from uu_check.checks.html.links import accessible_name
from uu_check.engines.html_model import HtmlDocument, heading_context, selector, snippet, visible_text
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

#: Words in a nearby paragraph above which a video may be a media alternative for that text.
MEDIA_ALTERNATIVE_WORDS = 40


def _media(doc: HtmlDocument, names: tuple[str, ...]) -> list[Tag]:
    """Media elements not hidden by the author. An <audio> without controls is display:none in
    every browser, yet still plays: only its ancestors and attributes decide for it."""
    found = []
    for el in doc.body.find_all(list(names)):
        if el.name == "audio" and not el.has_attr("controls"):
            hidden = el.has_attr("hidden") or (isinstance(el.parent, Tag) and doc.is_hidden(el.parent))
        else:
            hidden = doc.is_hidden(el)
        if not hidden:
            found.append(el)
    return found


def _location(element: Tag) -> Location:
    return Location(selector=selector(element), snippet=snippet(element), context=heading_context(element))


def _source(element: Tag) -> str:
    src = element.get("src")
    if not src:
        source = element.find("source")
        src = source.get("src") if isinstance(source, Tag) else ""
    return str(src or "")


def _neighbour_words(element: Tag) -> int:
    """Words in the text blocks right before and after an element (a text it may stand in for)."""
    words = 0
    for step in ("find_previous_sibling", "find_next_sibling"):
        sibling = getattr(element, step)(True)
        if isinstance(sibling, Tag) and sibling.name in ("p", "div", "section", "blockquote", "ul", "ol"):
            words = max(words, len(re.findall(r"\w+", visible_text(sibling))))
    return words


@check("html-video-captions", engine="html")
def video_without_captions(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A <video> with no <track kind="captions|subtitles">: deaf and hard-of-hearing users miss
    the sound. Burned-in captions or a silent video cannot be seen offline; a video beside a
    long text may be a media alternative for that text, so those are left to a person."""
    for video in _media(doc, ("video",)):
        kinds = {str(t.get("kind", "subtitles")).strip().lower() for t in video.find_all("track")}
        if kinds & {"captions", "subtitles"}:
            continue
        if _neighbour_words(video) >= MEDIA_ALTERNATIVE_WORDS:
            yield ctx.review(_location(video), key="alternative", src=_source(video))
        else:
            yield ctx.violation(_location(video), src=_source(video))


_TRANSCRIPT_WORDS = re.compile(
    r"transkri[bp]|transcript|tekstversjon|tekstutgåve|tekstutgave|text version|manus|script|"
    r"teksting|lydtekst|tekst til lyd|written version|skriftleg versjon|skriftlig versjon",
    re.IGNORECASE,
)


def _transcript_nearby(audio: Tag, doc: HtmlDocument) -> bool:
    """A link or heading mentioning a transcript in the audio's container (up to two levels)."""
    container: Tag | None = audio.parent
    for _ in range(3):
        if not isinstance(container, Tag):
            break
        for el in container.find_all(["a", "h2", "h3", "h4", "h5", "h6", "summary", "details"]):
            text = accessible_name(el, doc) if el.name == "a" else visible_text(el)
            if _TRANSCRIPT_WORDS.search(text):
                return True
        if container.name in ("body", "main", "article", "section", "figure"):
            break
        container = container.parent
    return bool(audio.get("aria-describedby"))


@check("html-audio-transcript", engine="html")
def audio_without_transcript(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """<audio> needs a text version for people who cannot hear it; we look for a link or
    heading that mentions a transcript near the player. A transcript written out on the
    page without such a word is possible, so this asks a person to confirm."""
    for audio in _media(doc, ("audio",)):
        if not _transcript_nearby(audio, doc):
            yield ctx.review(_location(audio), src=_source(audio))


#: Host pattern -> service name, for players embedded in an iframe.
PLAYERS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), name)
    for pattern, name in (
        (r"(?:^|\.)(?:youtube(?:-nocookie)?\.com|youtu\.be)$", "YouTube"),
        (r"(?:^|\.)vimeo\.com$", "Vimeo"),
        (r"(?:^|\.)panopto\.(?:com|eu)$|panopto", "Panopto"),
        (r"kaltura", "Kaltura"),
        (r"(?:^|\.)microsoftstream\.com$|(?:^|\.)sharepoint\.com$", "Microsoft Stream"),
        (r"(?:^|\.)dailymotion\.com$", "Dailymotion"),
        (r"(?:^|\.)ted\.com$", "TED"),
        (r"(?:^|\.)tv\.nrk\.no$|(?:^|\.)nrk\.no$", "NRK"),
        (r"(?:^|\.)wistia\.(?:com|net)$", "Wistia"),
        (r"brightcove", "Brightcove"),
        (r"mediasite", "Mediasite"),
        (r"(?:^|\.)loom\.com$", "Loom"),
        (r"(?:^|\.)screencast-o-matic\.com$|(?:^|\.)screenpal\.com$", "ScreenPal"),
        (r"(?:^|\.)soundcloud\.com$", "SoundCloud"),
        (r"(?:^|\.)spotify\.com$", "Spotify"),
        (r"(?:^|\.)twitch\.tv$", "Twitch"),
        (r"(?:^|\.)facebook\.com$", "Facebook"),
        (r"(?:^|\.)h5p\.(?:com|org)$", "H5P"),
        (r"(?:^|\.)jwplayer\.com$|jwplatform", "JW Player"),
        (r"(?:^|\.)vbrick\.com$", "Vbrick"),
    )
)


def player_service(src: str) -> str | None:
    """'YouTube' for an embed URL of a known video or audio service, else None."""
    host = (urlsplit(src if "//" in src else "//" + src).hostname or "").lower()
    if not host:
        return None
    for pattern, name in PLAYERS:
        if pattern.search(host):
            return name
    return None


@check("html-media-embed", engine="html")
def embedded_player(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """An embedded YouTube/Vimeo/Panopto player: whether it has good captions (not only
    automatic ones) and a transcript can only be checked by opening it."""
    for frame in _media(doc, ("iframe", "embed", "object")):
        src = str(frame.get("src") or frame.get("data") or "")
        service = player_service(src)
        if service:
            yield ctx.review(_location(frame), service=service, src=src)


_FRAGMENT_TIME = re.compile(r"#t=(?:npt:)?([\d.]*),([\d.]+)$")


def _short_clip(element: Tag) -> bool:
    """A media fragment '#t=8,10' that plays 3 seconds or less (1.4.2 allows that)."""
    sources = [str(element.get("src") or "")] + [str(s.get("src") or "") for s in element.find_all("source")]
    spans = []
    for src in sources:
        match = _FRAGMENT_TIME.search(src)
        if match:
            spans.append(float(match.group(2)) - float(match.group(1) or 0))
    return bool(spans) and max(spans) <= 3


def _own_buttons(media: Tag) -> bool:
    """The page's own player buttons beside the element (a custom player)."""
    container = media.parent if isinstance(media.parent, Tag) else None
    return container is not None and container.name != "body" and container.find(["button", "input"]) is not None


@check("html-media-autoplay", engine="html")
def autoplay(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Sound that starts by itself drowns the screen reader (1.4.2). Muted autoplay is fine;
    with visible controls the user can stop it, but it still surprises, so a person looks. A
    video may have no sound track at all, which we cannot hear offline: a person looks too."""
    for media in _media(doc, ("video", "audio")):
        if not media.has_attr("autoplay") or media.has_attr("muted") or _short_clip(media):
            continue
        if media.has_attr("controls") or _own_buttons(media):
            yield ctx.review(_location(media), key="controls", element=media.name)
        elif media.name == "video":
            yield ctx.review(_location(media), key="video", element=media.name)  # may have no sound
        else:
            yield ctx.violation(_location(media), element=media.name)


@check("html-media-controls", engine="html")
def media_without_controls(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """<video>/<audio> without the controls attribute cannot be played, paused or turned down
    with the keyboard unless the page builds its own buttons, which a person must then try."""
    for media in _media(doc, ("video", "audio")):
        if media.has_attr("controls"):
            continue
        if _own_buttons(media) or (media.has_attr("autoplay") and media.has_attr("muted")):
            yield ctx.review(_location(media), key="custom", element=media.name)
        else:
            yield ctx.violation(_location(media), element=media.name)

