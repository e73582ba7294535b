"""Keyboard probe: press Tab and Shift+Tab in the live page to find keyboard traps (WCAG 2.1.2),
and focus each element in the tab order to see whether focus shows (WCAG 2.4.7).

Traps. Without script, Tab and Shift+Tab always walk the whole tab order and out of the page
(the browser's own toolbar), so only elements that a focus, blur or key handler can affect are
worth pressing keys on: the probe asks Chromium (CDP `DOMDebugger.getEventListeners`) which
elements have such listeners, and starts from the tabbable ones among them and their
containers. From each start it presses Tab and Shift+Tab, waits briefly for handlers (a trap
often refocuses from a `setTimeout`), and records where focus settles, building a small graph
of "from this element, this key leads there". Focus that leaves the page at its edge, or lands
in a frame, or spreads over more elements than a trap group plausibly has, is a way out.
Elements from which no path leads out are trapped.

A trapped group then gets the non-standard way out that WCAG allows when the page tells it:
Escape is always tried (a modal dialog closes with it); a key the page names in its text
("Press Ctrl+M to exit", "trykk Esc") is pressed; and a help control inside the group that is
safe to activate (a button, a link to `#`) is activated first, since help text often appears
only then. A group that one of these frees is reported as freed (with the key and whether the
page said so), and a group inside a dialog is marked (a button there may close it); the rule
decides what each means.

Focus visible. After one real Tab press (so Chromium shows focus as for keyboard users), each
tabbable element (capped) is focused by script and its own outline, box-shadow, border,
background, colour and text decoration are compared with the same element unfocused; when the
element itself shows nothing, the probe also looks for any other element on the page whose
look changed (an indicator next to a link). Elements where nothing changed are reported.

Everything is bounded: a cap on starts, key presses and elements, and a deadline well inside
the probe framework's timeout, after which the probe returns what it has decided.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from typing import Any

from uu_check.engines.probes import PROBE_TIMEOUT, probe
from uu_check.options import ScanOptions

#: Listener types through which a script can hold focus.
FOCUS_EVENTS = frozenset({"focus", "blur", "focusin", "focusout", "keydown", "keyup", "keypress"})
#: At most this many start elements, key presses and seconds for the trap search.
MAX_STARTS = 8
MAX_PRESSES = 90
TRAP_SECONDS = min(6.0, PROBE_TIMEOUT * 0.75)
#: The whole probe stops pressing keys this long after it starts (inside PROBE_TIMEOUT).
PROBE_SECONDS = PROBE_TIMEOUT - 1.0
#: Share of it for walking the tab order; the rest is kept for trying ways out of a trap found.
EXPLORE_SHARE = 0.6
#: A group of more elements than this that keeps focus is treated as a way out (a long walk).
MAX_GROUP = 6
#: Milliseconds to wait after a key for focus handlers (timers of 10-20 ms are common).
SETTLE_MS = 30
#: Seconds one key press or page script may take before the trap search gives up.
STEP_SECONDS = 2.0
#: Elements checked for a visible focus indicator, and the seconds that may take.
MAX_FOCUS_ELEMENTS = 150
FOCUS_SECONDS = 2.0

#: Installs the focus recorder once: the log of where focus went, "edge" when it left the page.
RECORDER_JS = r"""
() => {
  if (window.__uuKeys) return;
  const state = {log: [], next: 0};
  window.__uuKeys = state;
  const id = (el) => {
    if (!el || el === document.body || el === document.documentElement) return 'edge';
    let i = el.getAttribute('data-uu-i');
    if (i === null) {
      i = el.getAttribute('data-uu-k');
      if (i === null) { i = 'k' + (state.next++); el.setAttribute('data-uu-k', i); }
    }
    return i;
  };
  state.id = id;
  state.active = () => {
    let a = document.activeElement;
    if (!document.hasFocus() && (!a || a === document.body)) return 'edge';
    // inside a web component: the focused element in its shadow tree, not the host
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return id(a);
  };
  document.addEventListener('focusout', (e) => {
    if (!e.relatedTarget) queueMicrotask(() => {
      const a = document.activeElement;
      if (!a || a === document.body) state.log.push('edge');
    });
  }, true);
  document.addEventListener('focusin', (e) => state.log.push(id(e.target)), true);
}
"""

#: After a key: wait for handlers, then report [log since the key, where focus settled, its tag].
SETTLE_JS = r"""
(ms) => new Promise((done) => setTimeout(() => {
  const s = window.__uuKeys;
  const log = s.log.splice(0);
  const now = s.active();
  const a = document.activeElement;
  done([log, now, a ? a.tagName.toLowerCase() : '']);
}, ms))
"""

#: Focus one element by its number, wait for handlers, and return where focus settled.
FOCUS_JS = r"""
([key, ms]) => new Promise((done) => {
  const s = window.__uuKeys;
  const el = document.querySelector(`[data-uu-i="${key}"]`) || document.querySelector(`[data-uu-k="${key}"]`);
  if (el) el.focus();
  s.log.splice(0);
  setTimeout(() => { s.log.splice(0); done(s.active()); }, ms);
})
"""

#: Tabbable elements (data-uu-i, rendered, tabIndex >= 0, not disabled) in document order, and
#: for each listener node number, the tabbable elements inside it (for delegated handlers).
TABBABLE_JS = r"""
(owners) => {
  const ok = (el) => {
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert]')) return false;
    if (!el.getClientRects().length) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.visibility !== 'collapse';
  };
  const all = [];
  for (const el of document.querySelectorAll('[data-uu-i]')) if (ok(el)) all.push(el);
  const inside = {};
  for (const owner of owners) {
    const host = document.querySelector(`[data-uu-i="${owner}"]`);
    if (!host) continue;
    inside[owner] = all.filter((el) => host === el || host.contains(el)).slice(0, 4)
      .map((el) => el.getAttribute('data-uu-i'));
  }
  const dialogs = [];
  for (const d of document.querySelectorAll('dialog[open], [aria-modal="true"]')) {
    const first = all.find((el) => d.contains(el));
    if (first) dialogs.push(first.getAttribute('data-uu-i'));
  }
  const active = document.activeElement && document.activeElement !== document.body
    ? document.activeElement.getAttribute('data-uu-i') : null;
  return {order: all.slice(0, 4000).map((el) => el.getAttribute('data-uu-i')), inside, dialogs, active};
}
"""

#: Visible text of the page (capped) and the descriptions of the given elements.
TEXT_JS = r"""
(keys) => {
  const parts = [(document.body ? document.body.innerText : '').slice(0, 20000)];
  for (const key of keys) {
    const el = document.querySelector(`[data-uu-i="${key}"]`) || document.querySelector(`[data-uu-k="${key}"]`);
    if (!el) continue;
    parts.push(el.getAttribute('title') || '', el.getAttribute('aria-description') || '');
    for (const ref of (el.getAttribute('aria-describedby') || '').split(/\s+/)) {
      const d = ref && document.getElementById(ref);
      if (d) parts.push(d.textContent || '');
    }
  }
  return parts.join('\n');
}
"""

#: Whether any member of a trapped group is inside a dialog (a button in it may close it).
IN_DIALOG_JS = r"""
(keys) => keys.some((key) => {
  const el = document.querySelector(`[data-uu-i="${key}"]`) || document.querySelector(`[data-uu-k="${key}"]`);
  return !!(el && el.closest('dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"]'));
})
"""

#: For members of a trapped group: which are safe to activate with Enter (no navigation away).
SAFE_TO_ACTIVATE_JS = r"""
(keys) => keys.filter((key) => {
  const el = document.querySelector(`[data-uu-i="${key}"]`) || document.querySelector(`[data-uu-k="${key}"]`);
  if (!el) return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'button') return el.type !== 'submit' || !el.form;
  if (tag === 'a') { const h = (el.getAttribute('href') || '').trim(); return h === '#' || h.startsWith('javascript:'); }
  return el.getAttribute('role') === 'button';
})
"""

_MODIFIERS = {"ctrl": "Control", "control": "Control", "kontroll": "Control", "alt": "Alt", "option": "Alt",
              "shift": "Shift", "skift": "Shift", "cmd": "Meta", "command": "Meta", "meta": "Meta"}
_NAMED = {"esc": "Escape", "escape": "Escape", "enter": "Enter", "return": "Enter", "space": "Space",
          "mellomrom": "Space", "tab": "Tab", "f6": "F6"}
#: "press Ctrl+M", "trykk Esc", "use Alt + Q to leave": a verb, then a key or a combination.
_KEY_TEXT = re.compile(
    r"\b(?:press(?:ing)?|hit|use|type|trykk(?:er|e)?|bruk(?:e)?|tast(?:e)?)\s+(?:the\s+|på\s+)?"
    r"((?:(?:ctrl|control|kontroll|alt|option|shift|skift|cmd|command|meta)\s*[+-]\s*)*"
    r"(?:esc(?:ape)?|enter|return|space|mellomrom|f\d{1,2}|[a-z0-9]))(?![\w+-])",
    re.IGNORECASE)


def keys_named_in(text: str) -> list[str]:
    """Playwright key names for the key combinations a page tells its reader to press."""
    found: list[str] = []
    for match in _KEY_TEXT.finditer(text):
        parts = [p.strip() for p in re.split(r"\s*[+-]\s*", match.group(1)) if p.strip()]
        *mods, last = parts
        modifiers = [_MODIFIERS[m.lower()] for m in mods if m.lower() in _MODIFIERS]
        low = last.lower()
        if low in _NAMED:
            key = _NAMED[low]
        elif re.fullmatch(r"f\d{1,2}", low):
            key = low.upper()
        elif len(low) == 1 and low.isalpha():
            key = f"Key{low.upper()}"
        elif len(low) == 1 and low.isdigit():
            key = f"Digit{low}"
        else:
            continue
        if len(low) == 1 and not modifiers:
            continue  # "use a ..." / "press 1 ..." alone is prose, not a way out
        combo = "+".join([*modifiers, key])
        if combo not in found and combo != "Tab":
            found.append(combo)
    return found[:3]


@dataclass
class _Graph:
    """Where Tab and Shift+Tab lead from each element (by number), as found by pressing them."""

    edges: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Elements from which focus is known to get out (edge, frame, a long walk).
    out: set[str] = field(default_factory=set)

    def record(self, source: str, key: str, target: str) -> None:
        self.edges.setdefault(source, {})[key] = target

    def trapped(self, states: set[str]) -> set[str]:
        """States fully explored (both keys) from which no path reaches a way out."""
        free = set(self.out)
        changed = True
        while changed:
            changed = False
            for state in states:
                if state in free:
                    continue
                moves = self.edges.get(state, {})
                if len(moves) < 2 or any(t in free or t not in states for t in moves.values()):
                    free.add(state)
                    changed = True
        return {s for s in states if s not in free}


class _Keyboard:
    """Presses keys in the page and reads where focus settles, within a press budget and a deadline."""

    def __init__(self, page: Any, deadline: float, max_presses: int) -> None:
        self.page = page
        self.deadline = deadline
        self.max_presses = max_presses
        self.presses = 0
        #: Where focus settled after the last key or focus call.
        self.current = ""

    def can_press(self) -> bool:
        return self.presses < self.max_presses and time.monotonic() < self.deadline

    async def run(self, script: str, arg: Any = None) -> Any:
        """page.evaluate that gives up after STEP_SECONDS (a key that navigates can leave it waiting)."""
        return await asyncio.wait_for(self.page.evaluate(script, arg), timeout=STEP_SECONDS)

    async def settle(self) -> tuple[list[str], str, str]:
        log, now, tag = await self.run(SETTLE_JS, SETTLE_MS)
        return [str(x) for x in log], str(now), str(tag)

    async def press(self, key: str) -> tuple[bool, str, str]:
        """(focus touched the page's edge, where it settled, its tag name)."""
        self.presses += 1
        await asyncio.wait_for(self.page.keyboard.press(key), timeout=STEP_SECONDS)
        log, now, tag = await self.settle()
        self.current = now
        return "edge" in log or now == "edge", now, tag

    async def focus(self, key: str) -> str:
        self.current = str(await self.run(FOCUS_JS, [key, SETTLE_MS]))
        return self.current


_FRAMES = ("iframe", "frame", "object", "embed")


async def _explore(kb: _Keyboard, start: str, graph: _Graph) -> set[str]:
    """Press Tab and Shift+Tab from `start` and from wherever they lead, until every reached
    element has both edges or a way out is certain; returns the elements reached."""
    states: set[str] = set()
    attempts: dict[str, int] = {}
    current = await kb.focus(start)
    if current == "edge":
        return states
    states.add(current)
    while kb.can_press():
        if len(states) > MAX_GROUP:
            # a long walk: too many elements for a trap group, so focus gets around
            graph.out.update(s for s in states if len(graph.edges.get(s, {})) < 2)
            break
        pending = [(s, k) for s in sorted(states, key=_order_key) if s not in graph.out
                   for k in ("Tab", "Shift+Tab") if k not in graph.edges.get(s, {})]
        if not pending:
            break
        here = [k for s, k in pending if s == current]
        if not here:
            target = pending[0][0]
            attempts[target] = attempts.get(target, 0) + 1
            if attempts[target] > 2:
                graph.out.add(target)  # focus cannot be put there: unknown, never "trapped"
                continue
            current = await kb.focus(target)
            if current != "edge":
                states.add(current)
            continue
        key = here[0]
        edge, landed, tag = await kb.press(key)
        graph.record(current, key, "edge" if edge or tag in _FRAMES else landed)
        if edge or tag in _FRAMES:
            graph.out.add(current)
        if landed == "edge":
            current = "edge"
            continue
        if tag in _FRAMES:
            graph.out.add(landed)  # focus inside a frame: its own tab order, cannot follow
        states.add(landed)
        current = landed
    return states


async def _try_way_out(kb: _Keyboard, group: set[str], may_activate: bool = True) -> tuple[str | None, bool, bool]:
    """(key that frees focus from the group or None, whether the page names that key, whether
    every way out was tried: False when the budget ran out first)."""
    members = sorted(group, key=_order_key)
    text = await kb.run(TEXT_JS, members)
    named = keys_named_in(text)
    candidates = ["Escape", *[k for k in named if k != "Escape"]]
    for key in candidates:
        if not kb.can_press():
            return None, bool(named), False
        if await _frees(kb, members[0], group, key):
            return key, key in named, True
    # Help that appears only when a control in the group is used ("How do I get out?")
    # Never on a logged-in page: a button there may change something that is not ours to change.
    for member in (await kb.run(SAFE_TO_ACTIVATE_JS, members))[:2] if may_activate else []:
        if not kb.can_press():
            return None, bool(named), False
        await kb.focus(member)
        await kb.press("Enter")
        more = [k for k in keys_named_in(await kb.run(TEXT_JS, members)) if k not in candidates]
        for key in more:
            if not kb.can_press():
                return None, True, False
            if await _frees(kb, members[0], group, key):
                return key, True, True
        candidates.extend(more)
        named.extend(more)
    return None, bool(named), True


async def _frees(kb: _Keyboard, member: str, group: set[str], key: str) -> bool:
    """Whether pressing `key` on a member of the group moves focus out of it, for good."""
    if kb.current not in group and await kb.focus(member) not in group:
        return True  # focus is no longer held there at all
    edge, landed, _ = await kb.press(key)
    return edge or landed not in group


async def _listener_owners(page: Any) -> tuple[set[str], bool]:
    """(data-uu-i of elements with focus/key listeners, whether document or window has them)."""
    client = await page.context.new_cdp_session(page)
    owners: set[str] = set()
    global_listeners = False
    try:
        document = await client.send("Runtime.evaluate", {"expression": "document", "objectGroup": "uu-keys"})
        found = await client.send("DOMDebugger.getEventListeners",
                                  {"objectId": document["result"]["objectId"], "depth": -1})
        nodes = {item["backendNodeId"] for item in found.get("listeners", [])
                 if item.get("type") in FOCUS_EVENTS and item.get("backendNodeId")}
        window = await client.send("Runtime.evaluate", {"expression": "window", "objectGroup": "uu-keys"})
        on_window = await client.send("DOMDebugger.getEventListeners", {"objectId": window["result"]["objectId"]})
        global_listeners = any(item.get("type") in FOCUS_EVENTS for item in on_window.get("listeners", []))
        for node_id in sorted(nodes)[:300]:
            node = (await client.send("DOM.describeNode", {"backendNodeId": node_id}))["node"]
            if node.get("nodeName") in ("#document", "HTML", "BODY"):
                global_listeners = True
                continue
            attributes = node.get("attributes") or []
            pairs = dict(zip(attributes[::2], attributes[1::2]))
            if "data-uu-i" in pairs:
                owners.add(pairs["data-uu-i"])
        await client.send("Runtime.releaseObjectGroup", {"objectGroup": "uu-keys"})
    finally:
        await client.detach()
    return owners, global_listeners


async def find_traps(page: Any, deadline: float, may_activate: bool = True) -> dict[str, Any]:
    """{"traps": [{"members", "key", "said"}], "tested": [...], "starts": n, "presses": n}.

    `may_activate`: whether Enter may be pressed on a button of a trapped group to reveal help
    (off for logged-in scans)."""
    owners, global_listeners = await _listener_owners(page)
    info = await page.evaluate(TABBABLE_JS, sorted(owners))
    order: list[str] = info["order"]
    starts: list[str] = []
    for owner in sorted(owners, key=lambda o: int(o)):
        for key in info["inside"].get(owner, []):
            if key not in starts:
                starts.append(key)
    if global_listeners:
        extra = [info.get("active"), *info.get("dialogs", []), *order[:2]]
        starts.extend(k for k in extra if k and k not in starts)
    starts = starts[:MAX_STARTS]
    result: dict[str, Any] = {"traps": [], "tested": [], "starts": len(starts), "presses": 0}
    if not starts:
        return result
    await page.evaluate(RECORDER_JS)
    started = time.monotonic()
    kb = _Keyboard(page, started + (deadline - started) * EXPLORE_SHARE, MAX_PRESSES - 20)
    graph = _Graph()
    seen: set[str] = set()
    trapped_all: set[str] = set()
    for start in starts:
        if start in seen or not kb.can_press():
            continue
        states = await _explore(kb, start, graph)
        seen |= states
        trapped_all |= graph.trapped(states)
    decided = {s for s in seen if s in graph.out or len(graph.edges.get(s, {})) == 2}
    groups = _groups(graph, trapped_all)
    kb.deadline, kb.max_presses = deadline, MAX_PRESSES
    for group in groups[:3]:
        members = sorted(group, key=_order_key)
        dialog = bool(await kb.run(IN_DIALOG_JS, members))
        key, said, complete = await _try_way_out(kb, group, may_activate)
        result["traps"].append({"members": members, "key": key, "said": said, "complete": complete,
                                "dialog": dialog})
    result["tested"] = sorted((s for s in decided if s.isdigit()), key=int)
    result["presses"] = kb.presses
    try:
        await kb.run("() => document.activeElement && document.activeElement.blur()")
    except Exception:  # noqa: BLE001 - leaving focus where it is harms nothing
        pass
    return result


def _order_key(state: str) -> tuple[int, str]:
    return (int(state), "") if state.isdigit() else (1 << 30, state)


def _groups(graph: _Graph, trapped: set[str]) -> list[set[str]]:
    """Split trapped elements into groups that reach one another (one finding per group)."""
    groups: list[set[str]] = []
    left = set(trapped)
    while left:
        first = min(left, key=_order_key)
        group = {first}
        todo = [first]
        while todo:
            state = todo.pop()
            for target in graph.edges.get(state, {}).values():
                if target in left and target not in group:
                    group.add(target)
                    todo.append(target)
        groups.append(group)
        left -= group
    return groups


#: Elements (data-uu-i) whose keyboard focus shows nowhere: focusing them changes neither their
#: own look (outline, shadow, border, background, colour, decoration, size, ::before/::after)
#: nor that of any element near them (an indicator beside a link). Hidden or tiny elements (a
#: visually hidden checkbox whose label shows focus) are not judged.
FOCUS_VISIBLE_JS = r"""
([max, wideMax, budgetMs]) => {
  const t0 = performance.now();
  // Only what can be seen: an outline or border whose style is none shows no colour or offset.
  const PROPS = ['boxShadow', 'backgroundColor', 'backgroundImage', 'color', 'textDecorationLine',
    'fontWeight', 'transform', 'filter', 'opacity', 'textShadow', 'display', 'visibility'];
  const PSEUDO = ['content', 'backgroundColor', 'borderTopColor', 'borderBottomStyle', 'boxShadow',
    'outlineStyle', 'opacity', 'transform', 'display'];
  const line = (cs, side) => {
    const style = cs[side + 'Style'];
    if (style === 'none' || style === 'hidden' || parseFloat(cs[side + 'Width']) === 0) return 'none';
    return [style, cs[side + 'Width'], cs[side + 'Color'], side === 'outline' ? cs.outlineOffset : ''].join(' ');
  };
  const look = (el) => {
    const cs = getComputedStyle(el);
    const parts = PROPS.map((p) => cs[p]);
    for (const side of ['outline', 'borderTop', 'borderRight', 'borderBottom', 'borderLeft']) parts.push(line(cs, side));
    if (cs.textDecorationLine !== 'none') parts.push(cs.textDecorationColor, cs.textDecorationThickness);
    for (const which of ['::before', '::after']) {
      const ps = getComputedStyle(el, which);
      if (ps.content && ps.content !== 'none' && ps.content !== 'normal') parts.push(...PSEUDO.map((p) => ps[p]));
    }
    const r = el.getBoundingClientRect();
    parts.push(Math.round(r.left + scrollX), Math.round(r.top + scrollY), Math.round(r.width), Math.round(r.height));
    return parts.join('|');
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 4 || r.height < 4 || r.right <= 0 || r.bottom <= 0) return false;
    for (let a = el; a; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (parseFloat(cs.opacity) < 0.1 || cs.visibility === 'hidden') return false;
      if (cs.clipPath !== 'none' || (cs.clip && cs.clip !== 'auto')) return false;
    }
    return true;
  };
  const tabbable = [];
  for (const el of document.querySelectorAll('[data-uu-i]')) {
    if (tabbable.length >= max) break;
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert]') || !el.getClientRects().length) continue;
    if (/^(iframe|frame|object|embed)$/i.test(el.tagName)) continue;
    tabbable.push(el);
  }
  const before = new Map();
  const baseline = (el) => { if (!before.has(el)) before.set(el, look(el)); return before.get(el); };
  // The element's own content first, then its ancestors, then what else is near it.
  const near = (el) => {
    const list = Array.from(el.querySelectorAll('*')).slice(0, 50);
    let top = el;
    for (let i = 0; i < 3 && top.parentElement && top.parentElement !== document.documentElement; i++) {
      top = top.parentElement;
      list.push(top);
    }
    const taken = new Set(list);
    const walker = document.createTreeWalker(top, NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n && list.length < wideMax; n = walker.nextNode()) {
      if (n !== el && !taken.has(n)) list.push(n);
    }
    return list;
  };
  const hidden = [];
  let checked = 0, skipped = 0;
  // Transitions would show the old look right after focus: end them at once while measuring.
  const still = document.createElement('style');
  still.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.appendChild(still);
  try {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    for (const el of tabbable) {
      if (performance.now() - t0 > budgetMs) { skipped += 1; continue; }
      const own = baseline(el);
      const others = near(el);
      for (const o of others) baseline(o);
      el.focus({preventScroll: true});
      if (document.activeElement !== el || !shown(el)) { el.blur(); skipped += 1; continue; }
      checked += 1;
      let changed = look(el) !== own;
      if (!changed) changed = others.some((o) => look(o) !== before.get(o));
      el.blur();
      if (!changed) hidden.push(el.getAttribute('data-uu-i'));
    }
  } finally {
    still.remove();
  }
  return {hidden, checked, skipped};
}
"""


async def focus_visibility(page: Any) -> dict[str, Any]:
    """{"hidden": [data-uu-i...], "checked": n, "skipped": n} (see FOCUS_VISIBLE_JS)."""
    # Timers that blur handlers start (a trap's refocus) run out during the trap search's first
    # settle, before any key is pressed.
    return await page.evaluate(FOCUS_VISIBLE_JS, [MAX_FOCUS_ELEMENTS, 200, FOCUS_SECONDS * 1000])


@probe("keyboard", rules=("html-focus-trap", "html-focus-not-visible"))
async def keyboard_probe(page: Any, options: ScanOptions) -> dict[str, Any]:
    """Focus visibility, then keyboard traps found by pressing Tab / Shift+Tab (module docstring)."""
    started = time.monotonic()
    result: dict[str, Any] = {}
    rule_filter = options.rule_filter if options is not None else None
    if rule_filter is None or rule_filter.allows_id("html-focus-not-visible"):
        result["focus"] = await focus_visibility(page)
    if rule_filter is None or rule_filter.allows_id("html-focus-trap"):
        try:
            logged_in = bool(options is not None and (options.cookies or options.headers or options.storage_state))
            result.update(await find_traps(page, min(time.monotonic() + TRAP_SECONDS, started + PROBE_SECONDS),
                                           may_activate=not logged_in))
        except Exception as exc:  # noqa: BLE001 - a key that made the page navigate away
            text = str(exc)
            if "crash" in text.lower() or ("closed" in text.lower() and "destroyed" not in text.lower()):
                raise
            # the trap rule then judges from the markup; the focus results above still count
            result["trap_error"] = text.strip().splitlines()[0][:120] if text.strip() else type(exc).__name__
    return result
