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
      bgImage: cs.backgroundImage !== 'none' ? cs.backgroundImage.slice(0, 400) : '',
      textShadow: cs.textShadow !== 'none' ? 1 : 0,
      x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height),
    };
  }
  // Key -1 (never an element index): the page's :focus style rules, for the focus-visible rule.
  // Only rules that mention :focus are kept, so large LMS style sheets cost little.
  const focusRules = [];
  const collect = (rules) => {
    for (const rule of rules) {
      if (focusRules.length >= 300) return;
      if (rule.cssRules && !rule.selectorText) { try { collect(rule.cssRules); } catch (e) {} continue; }
      if (rule.selectorText && rule.selectorText.includes(':focus')) {
        focusRules.push([rule.selectorText, rule.style.cssText]);
      }
    }
  };
  for (const sheet of document.styleSheets) {
    try { collect(sheet.cssRules); } catch (e) { /* cross-origin sheet: not readable */ }
  }
  styles[-1] = { focusRules };
  return styles;
}
