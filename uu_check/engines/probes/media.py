"""Media probe: what each <video> and <audio> really is, learned by loading and playing it.

The markup cannot tell whether a video has a sound track (a silent video needs a text or
audio alternative, not captions), how long a clip lasts (1.4.2 allows sound of 3 seconds or
less), whether a captions file actually loads, or whether a script started the media. So the
probe plays every media element muted for a moment (muted playback is always allowed, so no
browser flag is needed) and reads Chromium's own counters:

- `webkitAudioDecodedByteCount` grows as soon as the decoder receives audio; a video without
  an audio track stays at zero while its video bytes grow. `audioTracks` would say it
  directly but is behind a flag in Chromium.
- a video whose file has an audio track may still be silent (an editor exports one full of
  zeros): for those the probe decodes the sound itself (`decodeAudioData` at 8 kHz) and looks
  at its loudest sample. Local files reach the page through a routed fake URL; web media is
  fetched by the page, so only what the page itself may read (same origin or CORS), and only
  files up to DECODE_MAX_BYTES. Otherwise the probe says it cannot tell (`sound: None`).
- `duration` once metadata has loaded; `error` when no source can be played.
- each <track>'s `readyState` after it is switched from disabled to hidden (which loads it).

It also counts the words a person could read or hear on the page outside the media, as
rendered: text pushed off screen (text-indent: -9999px), clipped to a pixel or hidden with
aria-hidden is not a transcript for someone who reads the screen; visually hidden text is
still one for a screen reader user.

Bounded: at most MAX_MEDIA elements, LOAD_MS to get data and PLAY_MS to see audio bytes, all
elements at once; a page without media costs one evaluate. Everything started is paused and
unmuted again afterwards (the probe runs after the DOM snapshot, so no rule sees the change).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from uu_check.engines.probes import probe
from uu_check.options import ScanOptions

#: Media elements probed per page; the rest are judged from the markup.
MAX_MEDIA = 12
#: Milliseconds to wait for every element to load data (or fail).
LOAD_MS = 2000
#: Milliseconds of muted playback after data arrives, to see audio bytes decoded.
PLAY_MS = 500
#: Decoded audio bytes above which a video file has an audio track.
AUDIO_BYTES = 0
#: Largest media file whose sound is decoded to tell silence from sound.
DECODE_MAX_BYTES = 12_000_000
#: Milliseconds allowed for decoding all media of one page.
DECODE_MS = 4000
#: Loudest sample (0..1) at or below which an audio track is silent (about -40 dB).
SILENT_PEAK = 0.01
#: Fake origin through which the page fetches local media files for decoding.
LOCAL_MEDIA_URL = "http://uu-check-media.invalid/"

MEDIA_JS = r"""
async ({maxMedia, loadMs, playMs, audioBytes}) => {
  const all = [...document.querySelectorAll('video[data-uu-i], audio[data-uu-i]')];
  const out = {media: {}, skipped: Math.max(0, all.length - maxMedia), words: null};
  if (!all.length) return out;
  const media = all.slice(0, maxMedia);
  const now = () => performance.now();
  const states = media.map(el => ({
    el, playing: !el.paused && !el.ended, muted: el.muted, started: false, dataAt: null,
  }));
  for (const s of states) {
    for (const t of s.el.textTracks) { if (t.mode === 'disabled') t.mode = 'hidden'; }
    s.el.muted = true;
    if (s.el.paused) {
      s.started = true;
      try { const p = s.el.play(); if (p && p.catch) p.catch(() => {}); } catch (e) { /* no source */ }
    }
  }
  const audioOf = (el) => el.webkitAudioDecodedByteCount || 0;
  const videoOf = (el) => el.webkitVideoDecodedByteCount || 0;
  const failed = (el) => !!el.error || el.networkState === 3;
  const decided = (s, t) => {
    const el = s.el;
    if (failed(el)) return true;
    if (el.readyState < 2) return false;
    if (s.dataAt === null) s.dataAt = t;
    if (el.tagName === 'AUDIO' || audioOf(el) > audioBytes) return true;
    return videoOf(el) > 0 && t - s.dataAt >= playMs;
  };
  const tracksDone = (el) => [...el.querySelectorAll('track')].every(t => t.readyState >= 2);
  const start = now();
  while (true) {
    const t = now();
    const open = states.filter(s => !decided(s, t) || !tracksDone(s.el));
    if (!open.length || t - start > loadMs + playMs) break;
    await new Promise(r => setTimeout(r, 50));
  }
  for (const s of states) {
    const el = s.el;
    const ok = el.readyState >= 2 && !failed(el);
    const abytes = audioOf(el), vbytes = videoOf(el);
    // true: has an audio track (silence is told apart later); false: none; null: cannot tell
    let sound = null;
    if (el.tagName === 'AUDIO' && el.readyState >= 1 && !failed(el)) sound = true;
    else if (abytes > audioBytes) sound = true;
    else if (ok && vbytes > 0 && s.dataAt !== null && now() - s.dataAt >= playMs) sound = false;
    out.media[el.getAttribute('data-uu-i')] = {
      tag: el.tagName.toLowerCase(),
      src: el.currentSrc || '',
      duration: Number.isFinite(el.duration) ? el.duration : null,
      error: failed(el) ? (el.error ? el.error.code : 4) : null,
      loaded: el.readyState >= 1 && !failed(el),
      playing: s.playing,
      muted: s.muted,
      loop: el.loop,
      sound, audioBytes: abytes, videoBytes: vbytes,
      width: el.videoWidth || 0,
      tracks: [...el.querySelectorAll('track')].map(t => ({
        kind: (t.track && t.track.kind) || t.kind || 'subtitles',
        state: t.readyState,
        cues: t.track && t.track.cues ? t.track.cues.length : 0,
      })),
    };
    try {
      if (s.started) el.pause();
      el.muted = s.muted;
    } catch (e) { /* a detached element */ }
  }
  // Words a person can read (visible) and words a screen reader reads (exposed), outside media.
  const skip = 'video,audio,script,style,noscript,template,[aria-hidden="true"],[hidden]';
  const pageW = Math.max(document.documentElement.scrollWidth, innerWidth);
  const pageH = Math.max(document.documentElement.scrollHeight, innerHeight);
  const sx = scrollX, sy = scrollY;
  const tiny = (el) => {
    for (let n = el, i = 0; n && n !== document.body && i < 12; n = n.parentElement, i++) {
      const cs = getComputedStyle(n);
      if (cs.clipPath !== 'none' && cs.clipPath !== '' ) return true;
      if (cs.clip && cs.clip !== 'auto') return true;
      if ((cs.overflowX !== 'visible' || cs.overflowY !== 'visible') && (n.clientWidth <= 2 || n.clientHeight <= 2)) return true;
      if (parseFloat(cs.opacity) === 0) return true;
    }
    return false;
  };
  let visible = 0, exposed = 0;
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const seen = new Map();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const words = (node.data.match(/[\p{L}\p{N}]+/gu) || []).length;
    if (!words) continue;
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    if (getComputedStyle(parent).visibility !== 'visible') continue;
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!rects.length) continue;  // display: none somewhere above
    exposed += words;
    const onPage = rects.some(r => r.right + sx > 0 && r.bottom + sy > 0 && r.left + sx < pageW && r.top + sy < pageH);
    if (!onPage) continue;
    if (!seen.has(parent)) seen.set(parent, tiny(parent));
    if (!seen.get(parent)) visible += words;
  }
  out.words = {visible, exposed};
  return out;
}
"""


DECODE_JS = r"""
async ({items, maxBytes, deadlineMs}) => {
  const out = {};
  const read = async (url) => {
    const controller = new AbortController();
    const response = await fetch(url, {credentials: 'same-origin', signal: controller.signal});
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const declared = parseInt(response.headers.get('content-length') || '0', 10);
    if (declared > maxBytes) { controller.abort(); throw new Error('too large'); }
    const reader = response.body.getReader();
    const parts = []; let size = 0;
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) { controller.abort(); throw new Error('too large'); }
      parts.push(value);
    }
    const bytes = new Uint8Array(size); let at = 0;
    for (const part of parts) { bytes.set(part, at); at += part.length; }
    return bytes.buffer;
  };
  const peakOf = async (url) => {
    const context = new OfflineAudioContext(1, 1, 8000);
    const audio = await context.decodeAudioData(await read(url));
    let peak = 0;
    for (let c = 0; c < audio.numberOfChannels; c++) {
      const data = audio.getChannelData(c);
      for (let i = 0; i < data.length; i += 2) { const v = Math.abs(data[i]); if (v > peak) peak = v; }
    }
    return peak;
  };
  const timeout = new Promise(resolve => setTimeout(resolve, deadlineMs));
  await Promise.race([timeout, Promise.all(items.map(async ({index, url}) => {
    try { out[index] = {peak: await peakOf(url)}; } catch (e) { out[index] = {error: String(e).slice(0, 80)}; }
  }))]);
  return out;
}
"""


def _local_path(url: str) -> Path | None:
    """The file behind a file:// media URL (fragment and query dropped), if it exists."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    path = Path(unquote(parts.path))
    return path if path.is_file() else None


async def _decode_peaks(page: Any, media: dict[int, dict[str, Any]]) -> dict[int, float]:
    """Loudest sample of each video whose file has an audio track, where it can be read."""
    items: list[dict[str, Any]] = []
    local: dict[str, Path] = {}
    for index, facts in media.items():
        if facts.get("tag") != "video" or facts.get("sound") is not True or not facts.get("src"):
            continue
        src = str(facts["src"])
        path = _local_path(src)
        if path is not None:
            if path.stat().st_size > DECODE_MAX_BYTES:
                continue
            local[str(index)] = path
            items.append({"index": index, "url": f"{LOCAL_MEDIA_URL}{index}"})
        elif src.startswith(("http://", "https://")):
            items.append({"index": index, "url": src.split("#")[0]})
    if not items:
        return {}

    async def serve(route: Any) -> None:
        path = local.get(route.request.url.rsplit("/", 1)[-1])
        if path is None:
            await route.fulfill(status=404, body="")
        else:
            await route.fulfill(status=200, body=path.read_bytes(),
                                headers={"Access-Control-Allow-Origin": "*", "Content-Type": "application/octet-stream"})

    pattern = f"{LOCAL_MEDIA_URL}*"
    if local:
        await page.route(pattern, serve)
    try:
        decoded = await page.evaluate(DECODE_JS, {"items": items, "maxBytes": DECODE_MAX_BYTES,
                                                  "deadlineMs": DECODE_MS})
    finally:
        if local:
            await page.unroute(pattern, serve)
    return {int(index): float(value["peak"]) for index, value in decoded.items() if "peak" in value}


@probe("media", rules=("html-video-captions", "html-audio-transcript", "html-media-autoplay",
                       "html-video-only-alternative"))
async def media_probe(page: Any, options: ScanOptions) -> dict[str, Any]:
    """{"media": {index: facts}, "words": {"visible": n, "exposed": n} | None, "skipped": n}.

    Facts per element: tag, src (the source chosen), duration (s) or None, error (code) or
    None, loaded, playing (when the probe started), muted, loop, sound (True: audible sound;
    False: no audio track or a silent one; None: cannot tell), peak (loudest sample, when
    decoded), audioTrack (True when a track exists but could not be decoded), audioBytes,
    videoBytes, width, tracks [{kind, state, cues}] where state is the <track> readyState
    (2 loaded, 3 failed)."""
    result = await page.evaluate(MEDIA_JS, {"maxMedia": MAX_MEDIA, "loadMs": LOAD_MS, "playMs": PLAY_MS,
                                            "audioBytes": AUDIO_BYTES})
    media = {int(index): facts for index, facts in result.get("media", {}).items()}
    for index, peak in (await _decode_peaks(page, media)).items():
        media[index]["peak"] = round(peak, 4)
        media[index]["sound"] = peak > SILENT_PEAK
    for facts in media.values():
        # An audio track we could not decode: it is there, but it may be silence.
        if facts.get("tag") == "video" and facts.get("sound") is True and "peak" not in facts:
            facts["sound"] = None
            facts["audioTrack"] = True
    result["media"] = media
    return result
