/**
 * The plain page: no framework, no bundle; one request for the status, then the word. Two files
 * (no inline script: the shipped CSP forbids them), copied beside the console's own files.
 */
export const PLAIN_HTML = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8"><title>plain</title>
<script defer src="bench-plain.js"></script></head>
<body><span class="badge__label" id="badge"></span></body></html>
`;

export const PLAIN_JS = `fetch('../api/v1/sovereign/cutover/status', { headers: { Accept: 'application/json' } })
  .then(function (r) { return r.json(); })
  .then(function (s) { document.getElementById('badge').textContent = s.state === 'sovereign' ? 'Sovereign' : 'Tethered'; });
`;

/** What the init script logs (console.debug) when it has recorded a moment, for the bench to wait on. */
export const BADGE_MESSAGE = 'bench:badge';
export const MOUNTED_MESSAGE = 'bench:mounted';

/**
 * Runs in every page before its own scripts: records when the badge first holds its word (in the
 * next animation frame, so the frame with the word is being painted), when the console marks
 * itself mounted (React has rendered: src/app/boot-marker.ts), and layout shifts. It says each
 * moment with a console message, which reaches the bench over the DevTools protocol: the bench
 * waits on those instead of polling the page, which would run the driver's own script in the page
 * while it loads (docs/performance.md, "Fifth round").
 */
export const INIT_SCRIPT = `(() => {
  const w = window;
  w.__cls = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) w.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  const check = () => {
    if (!w.__mountedPending && document.documentElement.hasAttribute('data-mounted')) {
      w.__mountedPending = true;
      const seenAt = performance.now();
      requestAnimationFrame(() => { w.__mountedAt = seenAt; console.debug('${MOUNTED_MESSAGE}'); });
    }
    if (w.__badgeAt !== undefined || w.__pending) return;
    const label = document.querySelector('.badge__label');
    if (label && /^(Tethered|Sovereign)$/.test(label.textContent || '')) {
      w.__pending = true;
      const seenAt = performance.now();
      requestAnimationFrame(() => { w.__badgeSeenAt = seenAt; w.__badgeAt = performance.now(); console.debug('${BADGE_MESSAGE}'); });
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-mounted'],
  });
})();`;
