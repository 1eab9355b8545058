"""Walking a page with the Tab key in a real Chromium, and measuring the focus indicator.

``focused(page)`` describes the element that has keyboard focus, following focus into the map's
frame. ``indicator_change(page)`` screenshots the element's box with focus and after a blur (then
gives focus back): the number of pixels whose colour changed by at least 3:1 (WCAG's contrast
ratio between the focused and unfocused states, as in SC 2.4.13 and the understanding of 1.4.11).
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from PIL import Image

# Every descriptor field is plain data; the element itself is kept in window.__kbdEl.
FOCUSED_JS = """() => {
  let doc = document, el = document.activeElement, frame = '', dx = 0, dy = 0;
  while (el && el.tagName === 'IFRAME') {
    let inner;
    try { inner = el.contentDocument; } catch (e) { inner = null; }
    if (!inner || !inner.activeElement || inner.activeElement === inner.body) break;
    const r = el.getBoundingClientRect();
    dx += r.left + el.clientLeft; dy += r.top + el.clientTop;
    frame = el.title || 'iframe'; doc = inner; el = inner.activeElement;
  }
  if (!el || el === doc.body || el === doc.documentElement) return null;
  window.__kbdEl = el;
  // Where to look for the indicator: the nearest box (the element or up to four ancestors)
  // that draws an outline, as the page's CSS rings a select's or a text box's whole box; else
  // the element, or for a visually hidden input (radio, range: inside a 1x1 clip) the visible
  // control around it.
  let box = null, up = el;
  for (let i = 0; i < 5 && up && up !== doc.body; i++, up = up.parentElement) {
    const cs = getComputedStyle(up);
    if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) { box = up; break; }
  }
  if (!box) {
    box = el;
    const p = el.parentElement, pr = p ? p.getBoundingClientRect() : null;
    const own = el.getBoundingClientRect();
    if (own.width < 4 || own.height < 4 || (pr && pr.width <= 1 && pr.height <= 1)) {
      box = p;
      while (box.parentElement) {
        const r = box.getBoundingClientRect();
        if (r.width >= 8 && r.height >= 8) break;
        box = box.parentElement;
      }
    }
  }
  const r = box.getBoundingClientRect();
  const keyed = el.closest('[class*="st-key-"]');
  const key = keyed ? [...keyed.classList].find(c => c.startsWith('st-key-')).slice(7) : '';
  const testid = el.closest('[data-testid]');
  // A data grid (Streamlit's canvas table) is one control: Tab moves through its cells.
  const grid = el.closest('[data-testid="stDataFrame"]');
  const grids = [...doc.querySelectorAll('[data-testid="stDataFrame"]')];
  const labelled = el.getAttribute('aria-label') || (el.labels && el.labels[0]
                   && el.labels[0].innerText) || el.innerText || el.value || '';
  return {frame, tag: el.tagName.toLowerCase(), role: el.getAttribute('role') || '',
          type: el.getAttribute('type') || '', key,
          testid: testid ? testid.getAttribute('data-testid') : '',
          href: el.getAttribute('href') || '', cls: String(el.getAttribute('class') || ''),
          name: labelled.replace(/\\s+/g, ' ').trim().slice(0, 60),
          focusVisible: el.matches(':focus-visible'), grid: grid ? grids.indexOf(grid) : -1,
          x: r.left + dx, y: r.top + dy, w: r.width, h: r.height};
}"""

SETTLED_JS = """() => {
  const docs = [document];
  for (const f of document.querySelectorAll('iframe')) {
    try { if (f.contentDocument) docs.push(f.contentDocument); } catch (e) {}
  }
  return docs.every(d => d.getAnimations().every(a => a.playState !== 'running'));
}"""


def focused(page) -> dict[str, Any] | None:
    return page.evaluate(FOCUSED_JS)


def same_element(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    keys = ("frame", "tag", "key", "testid", "href", "name", "cls")
    return a is not None and b is not None and all(a[k] == b[k] for k in keys)


def settle(page) -> None:
    """Transitions of the focus ring (Streamlit animates box-shadows) have ended."""
    page.wait_for_function(SETTLED_JS, timeout=10_000)


def linear(c: np.ndarray) -> np.ndarray:
    c = c / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def luminance(img: np.ndarray) -> np.ndarray:
    lin = linear(img[..., :3].astype(float))
    return 0.2126 * lin[..., 0] + 0.7152 * lin[..., 1] + 0.0722 * lin[..., 2]


def changed_pixels(focused_png: bytes, unfocused_png: bytes, ratio: float = 3.0) -> int:
    """Pixels whose colour changed between the two states by at least ``ratio`` (WCAG)."""
    a = luminance(np.asarray(Image.open(io.BytesIO(focused_png)).convert("RGB")))
    b = luminance(np.asarray(Image.open(io.BytesIO(unfocused_png)).convert("RGB")))
    hi, lo = np.maximum(a, b), np.minimum(a, b)
    return int(((hi + 0.05) / (lo + 0.05) >= ratio).sum())


def indicator_change(page, desc: dict[str, Any], pad: int = 6) -> tuple[int, int]:
    """(pixels changed by 3:1 between focused and blurred, the perimeter of the element's
    visible box). The element gets focus back afterwards."""
    vw, vh = page.viewport_size["width"], page.viewport_size["height"]
    x0, y0 = max(0, desc["x"] - pad), max(0, desc["y"] - pad)
    x1, y1 = min(vw, desc["x"] + desc["w"] + pad), min(vh, desc["y"] + desc["h"] + pad)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return 0, 1  # off screen: focus on something the user cannot see
    clip = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
    settle(page)
    with_focus = page.screenshot(clip=clip, animations="disabled", caret="hide")
    # Focus leaves the element, and the grid or frame it is in (the ring of a data grid is
    # drawn while anything in it has focus).
    page.evaluate("""() => { const el = window.__kbdEl; el.blur();
      const grid = el.closest('[data-testid="stDataFrame"]');
      if (grid && grid.contains(document.activeElement)) document.activeElement.blur(); }""")
    page.wait_for_function("""() => { const el = window.__kbdEl;
      const grid = el.closest('[data-testid="stDataFrame"]');
      return el.ownerDocument.activeElement !== el
             && !(grid && grid.matches(':focus-within')); }""", timeout=10_000)
    settle(page)
    without = page.screenshot(clip=clip, animations="disabled", caret="hide")
    page.evaluate("() => window.__kbdEl.focus()")
    settle(page)
    w = min(vw, desc["x"] + desc["w"]) - max(0, desc["x"])
    h = min(vh, desc["y"] + desc["h"]) - max(0, desc["y"])
    return changed_pixels(with_focus, without), int(2 * (max(w, 1) + max(h, 1)))
