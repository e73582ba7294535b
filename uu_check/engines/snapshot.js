// Number every element (data-uu-i) and record the computed styles our own rules need.
// Runs after axe-core, so the numbering never influences axe's results.
() => {
  const styles = {};
  const all = document.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    el.setAttribute('data-uu-i', String(i));
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    styles[i] = {
      display: cs.display,
      visibility: cs.visibility,
      fontSize: parseFloat(cs.fontSize) || 0,
      fontWeight: parseInt(cs.fontWeight, 10) || 400,
      fontStyle: cs.fontStyle,
      color: cs.color,
      backgroundColor: cs.backgroundColor,
      position: cs.position,
      opacity: parseFloat(cs.opacity),
      textDecoration: cs.textDecorationLine,
      fontFamily: cs.fontFamily,
      tabIndex: el.tabIndex,
      clipped: cs.clipPath !== 'none' || (cs.clip !== 'auto' && cs.clip !== ''),
      x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height),
    };
  }
  return styles;
}
