/**
 * What a background tab shows and tells (docs/after-the-run.md): the tab title and favicon mark
 * follow the card's state, and an opted-in browser notification says when a run has finished or
 * failed, never for each step. Pure: the hooks put it on `document` and `Notification`.
 */

export const DEFAULT_TITLE = 'Sovereign console';

export type TabDisplay =
  'loading' | 'waiting' | 'cutting-over' | 'failed' | 'sovereign' | 'problem';
export type TabProblem = 'unavailable' | 'not-installed' | 'signed-out' | 'forbidden' | 'invalid';

export interface TabSituation {
  readonly display: TabDisplay;
  /** A fetch problem: shown alone (`problem`) or over stale data, which it then outranks. */
  readonly problem?: TabProblem | undefined;
  /** Steps done and in all, while cutting over. */
  readonly done?: number;
  readonly total?: number;
}

const PROBLEM_WORDS: Readonly<Record<TabProblem, string>> = {
  unavailable: 'Unavailable',
  'not-installed': 'Not installed',
  'signed-out': 'Signed out',
  forbidden: 'No access',
  invalid: 'Unknown state',
};

/** "Sovereign · host", "7/11 · Cutting over · host", "Failed · host", "Unavailable · host"… */
export function tabTitle(situation: TabSituation, host: string): string {
  const words = tabWords(situation);
  if (words === undefined) return DEFAULT_TITLE;
  return host ? `${words} · ${host}` : words;
}

function tabWords(situation: TabSituation): string | undefined {
  if (situation.display === 'loading') return undefined;
  // Stale data under a problem: what a watcher needs to know is that the console lost sight.
  if (situation.problem !== undefined) return PROBLEM_WORDS[situation.problem];
  switch (situation.display) {
    case 'problem':
      return PROBLEM_WORDS.unavailable;
    case 'sovereign':
      return 'Sovereign';
    case 'failed':
      return 'Failed';
    case 'waiting':
      return 'Tethered';
    case 'cutting-over':
      return situation.done !== undefined && situation.total !== undefined
        ? `${Math.min(situation.done, situation.total)}/${situation.total} · Cutting over`
        : 'Cutting over';
  }
}

export type FaviconMark = 'sovereign' | 'progress' | 'failed' | 'unavailable' | 'waiting';

export function faviconMark(situation: TabSituation): FaviconMark | undefined {
  if (situation.display === 'loading') return undefined;
  if (situation.problem !== undefined || situation.display === 'problem') return 'unavailable';
  switch (situation.display) {
    case 'sovereign':
      return 'sovereign';
    case 'failed':
      return 'failed';
    case 'waiting':
      return 'waiting';
    case 'cutting-over':
      return 'progress';
  }
}

// The colours of the console's badges (success, info, danger, neutral); readable on light and
// dark browser tab strips because every mark has a white or coloured solid disc.
const COLOURS: Readonly<Record<FaviconMark, string>> = {
  sovereign: '#1a7f37',
  progress: '#0969da',
  failed: '#cf222e',
  unavailable: '#6e7781',
  waiting: '#6e7781',
};

const RING = 2 * Math.PI * 11;

/** A 32×32 SVG favicon for a mark; progress fills a ring by `fraction` (0–1). */
export function faviconSvg(mark: FaviconMark, fraction = 0): string {
  const colour = COLOURS[mark];
  const open = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">';
  switch (mark) {
    case 'sovereign':
      return `${open}<circle cx="16" cy="16" r="15" fill="${colour}"/><path d="M9 16.5l4.5 4.5L23 11.5" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
    case 'failed':
      return `${open}<circle cx="16" cy="16" r="15" fill="${colour}"/><rect x="14" y="7" width="4" height="12" rx="2" fill="#fff"/><circle cx="16" cy="24" r="2.4" fill="#fff"/></svg>`;
    case 'unavailable':
      return `${open}<circle cx="16" cy="16" r="15" fill="${colour}"/><rect x="8" y="14" width="16" height="4" rx="2" fill="#fff"/></svg>`;
    case 'waiting':
      return `${open}<circle cx="16" cy="16" r="12" fill="#fff" stroke="${colour}" stroke-width="5"/></svg>`;
    case 'progress': {
      const filled = (Math.min(Math.max(fraction, 0), 1) * RING).toFixed(2);
      return `${open}<circle cx="16" cy="16" r="15" fill="#fff"/><circle cx="16" cy="16" r="11" fill="none" stroke="#afb8c1" stroke-width="6"/><circle cx="16" cy="16" r="11" fill="none" stroke="${colour}" stroke-width="6" stroke-dasharray="${filled} ${RING.toFixed(2)}" transform="rotate(-90 16 16)"/></svg>`;
    }
  }
}

export function faviconDataUrl(mark: FaviconMark, fraction = 0): string {
  return `data:image/svg+xml,${encodeURIComponent(faviconSvg(mark, fraction))}`;
}

export interface RunNotification {
  readonly title: string;
  readonly body: string;
  /** One notification per run outcome and Sovereign: a repeat replaces it instead of stacking. */
  readonly tag: string;
}

/**
 * The notification for a change of display, if any: only when a followed run (waiting or cutting
 * over) reaches Sovereign or fails, and only while the console's window does not have the focus.
 */
export function runNotification(
  previous: TabDisplay | undefined,
  next: TabDisplay,
  context: { readonly focused: boolean; readonly host: string; readonly failedAt?: string },
): RunNotification | undefined {
  if (context.focused) return undefined;
  if (previous !== 'waiting' && previous !== 'cutting-over') return undefined;
  const where = context.host || 'this Sovereign';
  if (next === 'sovereign') {
    return {
      title: `Sovereign · ${where}`,
      body: 'The cutover finished: this Sovereign no longer depends on the mothership.',
      tag: `cutover-sovereign:${context.host}`,
    };
  }
  if (next === 'failed') {
    return {
      title: `Cutover failed · ${where}`,
      body: context.failedAt
        ? `The cutover stopped at ${context.failedAt}. Open the console to retry it.`
        : 'The cutover stopped. Open the console to retry it.',
      tag: `cutover-failed:${context.host}`,
    };
  }
  return undefined;
}
