"""Media rules: video without captions, audio without a transcript, silent video without a
text or audio alternative, embedded players whose captions we cannot see offline, media that
starts playing by itself, media without controls.

WCAG 1.2.1-1.2.3 (time-based media) and 1.4.2 Audio Control:
https://www.w3.org/WAI/WCAG22/Understanding/captions-prerecorded

In browser mode the media probe (engines/probes/media.py) has played each element muted and
tells whether it has sound, how long it lasts and whether it failed to load; the rules decide
with that and fall back to the markup when the probe has nothing (static mode, too many media,
a file that would not load).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
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


def _neighbour_words(element: Tag, doc: HtmlDocument) -> int:
    """Words in the text blocks right before and after an element (a text it may stand in for);
    a hidden block is no text for anyone."""
    words = 0
    for step in ("find_previous_sibling", "find_next_sibling"):
        sibling = getattr(element, step)(True)
        if isinstance(sibling, Tag) and sibling.name in ("p", "div", "section", "blockquote", "ul", "ol"):
            if not doc.is_hidden(sibling):
                words = max(words, len(re.findall(r"\w+", visible_text(sibling))))
    return words


def _facts(doc: HtmlDocument, element: Tag) -> dict[str, Any] | None:
    """What the media probe learned about this element, or None (static mode, not probed)."""
    media = (doc.probes.get("media") or {}).get("media") or {}
    index = element.get("data-uu-i")
    if index is None or not str(index).isdigit():
        return None
    facts = media.get(int(str(index)))
    return facts if isinstance(facts, dict) else None


def _unloaded(facts: dict[str, Any] | None) -> bool:
    """The probe ran but the media would not load (missing file, unsupported format)."""
    return facts is not None and (facts.get("error") is not None or not facts.get("loaded"))


_SKIP_TEXT = ("video", "audio", "script", "style", "noscript", "template", "title")


def _page_words(doc: HtmlDocument) -> tuple[int, int]:
    """(words a person can see, words a screen reader reads) on the page outside media.
    The probe measured the rendered page (text pushed off screen or clipped to a pixel is not
    seen); without it the markup gives one number for both."""
    measured = (doc.probes.get("media") or {}).get("words")
    if isinstance(measured, dict):
        return int(measured.get("visible", 0)), int(measured.get("exposed", 0))
    words = 0
    for text in doc.body.find_all(string=True):
        parent = text.parent
        if not isinstance(parent, Tag) or parent.find_parent(_SKIP_TEXT) or parent.name in _SKIP_TEXT:
            continue
        if type(text).__name__ in ("Comment", "CData", "ProcessingInstruction", "Doctype", "Declaration"):
            continue
        count = len(re.findall(r"\w+", str(text)))
        if count and not doc.is_hidden(parent):
            words += count
    return words, words


def _described(element: Tag, doc: HtmlDocument) -> bool:
    """aria-describedby pointing at an element with text."""
    for ref in str(element.get("aria-describedby", "")).split():
        target = doc.soup.find(id=ref)
        if isinstance(target, Tag) and visible_text(target).strip():
            return True
    return False


@check("html-video-captions", engine="html")
def video_without_captions(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A <video> with no <track kind="captions|subtitles">: deaf and hard-of-hearing users miss
    the sound. Burned-in captions or a silent video cannot be seen offline; a video beside a
    long text may be a media alternative for that text, so those are left to a person."""
    for video in _media(doc, ("video",)):
        kinds = {str(t.get("kind", "subtitles")).strip().lower() for t in video.find_all("track")}
        if kinds & {"captions", "subtitles"}:
            continue
        facts = _facts(doc, video)
        if facts is not None and facts.get("sound") is False:
            continue  # a silent video: html-video-only-alternative asks for its alternative
        if _unloaded(facts):
            yield ctx.review(_location(video), key="unloaded", src=_source(video))
        elif _neighbour_words(video, doc) >= MEDIA_ALTERNATIVE_WORDS:
            yield ctx.review(_location(video), key="alternative", src=_source(video))
        else:
            yield ctx.violation(_location(video), src=_source(video))


_TRANSCRIPT_WORDS = re.compile(
    r"transkri[bp]|transcript|tekstversjon|tekstutgåve|tekstutgave|text version|manus|script|"
    r"teksting|lydtekst|tekst til lyd|written version|skriftleg versjon|skriftlig versjon",
    re.IGNORECASE,
)


def _transcript_nearby(audio: Tag, doc: HtmlDocument) -> bool:
    """A link or heading mentioning a transcript in the media's container (up to two levels)."""
    container: Tag | None = audio.parent
    for _ in range(3):
        if not isinstance(container, Tag):
            break
        if _mentions_transcript(container, doc):
            return True
        if container.name in ("body", "main", "article", "section", "figure"):
            break
        container = container.parent
    return bool(audio.get("aria-describedby"))


def _mentions_transcript(container: Tag, doc: HtmlDocument) -> bool:
    """A shown link, heading or disclosure inside `container` that names a transcript."""
    for el in container.find_all(["a", "h2", "h3", "h4", "h5", "h6", "summary", "details", "button"]):
        text = accessible_name(el, doc) if el.name in ("a", "button") else visible_text(el)
        if _TRANSCRIPT_WORDS.search(text) and not doc.is_hidden(el):
            return True
    return False


#: Words of shown text below which a page holds no transcript of an audio recording.
TRANSCRIPT_WORDS = 20


def _playable(media: Tag, doc: HtmlDocument, facts: dict[str, Any] | None) -> bool:
    """The user can play it (controls, own buttons) or it plays by itself."""
    return (media.has_attr("controls") or media.has_attr("autoplay") or bool(facts and facts.get("playing"))
            or bool(_control_buttons(media, doc)))


@check("html-audio-transcript", engine="html")
def audio_without_transcript(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """<audio> needs a text version for people who cannot hear it (1.2.1). We look for a link
    or heading that mentions a transcript; failing that, a page with almost no readable text
    (text hidden, pushed off screen or under aria-hidden does not count) cannot hold one, so
    that is a violation. Other text may or may not be the transcript: a person confirms. An
    audio beside a video may be that video's audio alternative: a person looks too."""
    for audio in _media(doc, ("audio",)):
        facts = _facts(doc, audio)
        if not _playable(audio, doc, facts):
            continue  # no way to hear it: nothing to transcribe
        if _transcript_nearby(audio, doc) or _mentions_transcript(doc.body, doc):
            continue
        visible, _exposed = _page_words(doc)
        if (_unloaded(facts) or _described(audio, doc) or visible >= TRANSCRIPT_WORDS
                or _media(doc, ("video",))):
            yield ctx.review(_location(audio), src=_source(audio))
        else:
            yield ctx.violation(_location(audio), key="none", src=_source(audio))


#: Words a screen reader must find on the page before it could describe a silent video.
VIDEO_ONLY_WORDS = 10


@check("html-video-only-alternative", engine="html")
def video_only_without_alternative(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """A video without sound (the probe played it) shows what blind people cannot see: it
    needs a text description or an audio track alternative (1.2.1). Captions do not help, and
    neither does a <track kind="descriptions">: no browser shows or speaks one. With no audio,
    no transcript and almost no text a screen reader can reach on the page, there is none: a
    violation. Otherwise a person checks that the
    text or audio really describes the video. Static mode cannot hear a video: silent."""
    for video in _media(doc, ("video",)):
        facts = _facts(doc, video)
        if facts is None or facts.get("sound") is not False:
            continue
        _visible, exposed = _page_words(doc)
        if (_media(doc, ("audio",)) or _described(video, doc)
                or _mentions_transcript(doc.body, doc) or exposed >= VIDEO_ONLY_WORDS):
            yield ctx.review(_location(video), key="check", src=_source(video))
        else:
            yield ctx.violation(_location(video), src=_source(video))


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


_FRAGMENT_TIME = re.compile(r"#t=(?:npt:)?([\d.]*)(?:,([\d.]+))?$")

#: Seconds of sound that 1.4.2 allows to start by itself.
AUTOPLAY_SECONDS = 3.0


def _play_span(element: Tag, facts: dict[str, Any] | None) -> tuple[float | None, bool]:
    """(seconds the media plays when started, whether a media fragment '#t=' is involved).
    None when unknown: no duration (static mode) and no fragment end. A loop never ends."""
    if element.has_attr("loop") or (facts and facts.get("loop")):
        return float("inf"), False
    sources = [str((facts or {}).get("src") or "")]
    sources += [str(element.get("src") or "")] + [str(s.get("src") or "") for s in element.find_all("source")]
    duration = (facts or {}).get("duration")
    for src in sources:
        match = _FRAGMENT_TIME.search(src)
        if match:
            start = float(match.group(1) or 0)
            end = float(match.group(2)) if match.group(2) else duration
            if end is None:
                return None, True
            return max(0.0, min(float(end), float(duration or end)) - start), True
    return (float(duration) if duration is not None else None), False


_CONTROL_WORDS = re.compile(r"\b(?:pause|stop|stopp|mute|unmute|demp|lyd|sound|volume|volum|play|spill|spel)\b",
                            re.IGNORECASE)


def _control_buttons(media: Tag, doc: HtmlDocument) -> list[Tag]:
    """Buttons a person can find and use to stop the media: shown, with a name, in the media's
    own container (a custom player), or anywhere on the page when the name says pause/stop/mute."""
    found: list[Tag] = []
    container = media.parent if isinstance(media.parent, Tag) and media.parent.name != "body" else None
    for button in doc.body.find_all(["button", "input"]) + doc.body.find_all(attrs={"role": "button"}):
        if button.name == "input" and str(button.get("type", "")).lower() not in ("button", "image", "submit"):
            continue
        if not _shown(button, doc):
            continue
        name = accessible_name(button, doc) or str(button.get("value") or button.get("alt") or "").strip()
        if not name:
            continue
        inside = container is not None and container in button.parents
        if inside or _CONTROL_WORDS.search(name):
            found.append(button)
    return found


def _shown(element: Tag, doc: HtmlDocument) -> bool:
    """Rendered and not hidden: a button inside a display:none box keeps its own display value,
    so the rendered size (zero when any ancestor is not displayed) decides in browser mode."""
    if doc.is_hidden(element):
        return False
    style = doc.style(element)
    if style is not None and not style.get("w") and not style.get("h"):
        return False
    return not any(doc.is_hidden(parent) for parent in element.parents if isinstance(parent, Tag) and parent.name != "[document]")


@check("html-media-autoplay", engine="html")
def autoplay(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    """Sound that starts by itself and lasts more than 3 seconds drowns the screen reader
    (1.4.2). The probe tells whether the media has sound and how long it plays; muted or
    silent media and short clips are fine. With the browser's controls or the page's own
    named buttons the user can stop it, but it still surprises, so a person looks. Without
    the probe a video may have no sound at all: a person looks too."""
    for media in _media(doc, ("video", "audio")):
        facts = _facts(doc, media)
        if not (media.has_attr("autoplay") or (facts and facts.get("playing"))):
            continue
        if media.has_attr("muted") or (facts and facts.get("muted")) or (facts and facts.get("sound") is False):
            continue
        span, fragment = _play_span(media, facts)
        if span is not None and span <= AUTOPLAY_SECONDS:
            continue
        sound = facts.get("sound") if facts else None
        if media.has_attr("controls") or _control_buttons(media, doc):
            yield ctx.review(_location(media), key="controls", element=media.name)
        elif _unloaded(facts) or span is None and fragment:
            yield ctx.review(_location(media), key="video", element=media.name)
        elif media.name == "video" and sound is not True:
            yield ctx.review(_location(media), key="video", element=media.name)  # may have no sound
        else:
            yield ctx.violation(_location(media), element=media.name)


def _own_buttons(media: Tag) -> bool:
    """The page's own player buttons beside the element (a custom player), shown or not."""
    container = media.parent if isinstance(media.parent, Tag) else None
    return container is not None and container.name != "body" and container.find(["button", "input"]) is not None


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

