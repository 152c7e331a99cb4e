import { SOVEREIGN, type CutoverState } from '@/features/sovereignty/cutover';
import { SUBTITLES } from '@/features/sovereignty/subtitles';

/**
 * The Sovereignty badge built with the DOM alone, for the boot module (src/main.tsx) to write into
 * index.html's static shell before React has loaded (docs/performance.md, "Badge first"). Same
 * markup as SovereigntyBadge renders (`Badge`, `CrownIcon`, `ShieldOffIcon`): same classes, same
 * decorative icons, the word in `.badge__label`, so React's first render shows the same badge
 * (boot-badge.test.ts compares the two). Only for a parsed state: never Unknown, never stale.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The icons' paths, as src/components/icons.tsx draws them. */
const ICON_PATHS = {
  crown: 'M2.5 12.5h11M3 10.5 2 4.5l3.5 2.5L8 3l2.5 4L14 4.5l-1 6z',
  shieldOff:
    'M8 1.8 13 3.6v4c0 2.9-2.1 5.3-5 6.6-1.3-.6-2.5-1.4-3.3-2.5M3.2 9.4A6 6 0 0 1 3 7.6v-4l3-1.1M1.8 1.8l12.4 12.4',
} as const;

function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [name, value] of [
    ['width', '16'],
    ['height', '16'],
    ['viewBox', '0 0 16 16'],
    ['fill', 'none'],
    ['stroke', 'currentColor'],
    ['stroke-width', '1.6'],
    ['stroke-linecap', 'round'],
    ['stroke-linejoin', 'round'],
    ['aria-hidden', 'true'],
    ['focusable', 'false'],
  ] as const) {
    svg.setAttribute(name, value);
  }
  const shape = document.createElementNS(SVG_NS, 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}

function span(className: string): HTMLSpanElement {
  const node = document.createElement('span');
  node.className = className;
  return node;
}

/** `<span class="badge badge--…">` with its icon and word, as SovereigntyBadge renders it. */
export function bootBadge(state: CutoverState): HTMLSpanElement {
  const sovereign = state === SOVEREIGN;
  const badge = span(`badge ${sovereign ? 'badge--success' : 'badge--warning'}`);
  const iconBox = span('badge__icon');
  iconBox.setAttribute('aria-hidden', 'true');
  iconBox.append(icon(sovereign ? ICON_PATHS.crown : ICON_PATHS.shieldOff));
  const label = span('badge__label');
  label.textContent = sovereign ? 'Sovereign' : 'Tethered';
  badge.append(iconBox, label);
  return badge;
}

/**
 * Puts the badge in the shell's card, in place of its skeleton badge, and the card's subtitle for
 * that state under its title, as SovereigntyCard shows them once answered. Only into the static
 * shell (`[data-boot-shell]`, still in the page): once React has rendered, the badge is the card's.
 */
export function writeBootBadge(root: ParentNode, state: CutoverState): boolean {
  const card = root.querySelector('[data-boot-shell] [data-boot-card]');
  const aside = card?.querySelector('.card__aside');
  const titles = card?.querySelector('.card__titles');
  if (!card || !aside?.isConnected || !titles) return false;
  aside.replaceChildren(bootBadge(state));
  // index.html holds the place of the subtitle (unseen until the state is set, below): its words
  // are replaced, not the node, so nothing around it moves.
  let subtitle = titles.querySelector('.card__subtitle');
  if (!subtitle) {
    subtitle = document.createElement('p');
    subtitle.className = 'card__subtitle';
    titles.append(subtitle);
  }
  subtitle.textContent = state === SOVEREIGN ? SUBTITLES.sovereign : SUBTITLES.tethered;
  // The card grows to the size of the one React will show for this state (src/app/Shell.css).
  card.setAttribute('data-boot-state', state);
  return true;
}
