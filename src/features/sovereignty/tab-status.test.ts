import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TITLE,
  faviconDataUrl,
  faviconMark,
  faviconSvg,
  runNotification,
  tabTitle,
  type TabDisplay,
  type TabSituation,
} from './tab-status';

const HOST = 'console.omantel.example';

describe('tabTitle and faviconMark', () => {
  it.each<[string, TabSituation, string, ReturnType<typeof faviconMark>]>([
    ['loading', { display: 'loading' }, DEFAULT_TITLE, undefined],
    ['waiting', { display: 'waiting' }, `Tethered · ${HOST}`, 'waiting'],
    [
      'cutting over',
      { display: 'cutting-over', done: 7, total: 11 },
      `7/11 · Cutting over · ${HOST}`,
      'progress',
    ],
    [
      'cutting over, k capped at N',
      { display: 'cutting-over', done: 12, total: 11 },
      `11/11 · Cutting over · ${HOST}`,
      'progress',
    ],
    ['failed', { display: 'failed' }, `Failed · ${HOST}`, 'failed'],
    ['sovereign', { display: 'sovereign' }, `Sovereign · ${HOST}`, 'sovereign'],
    [
      'a problem alone',
      { display: 'problem', problem: 'unavailable' },
      `Unavailable · ${HOST}`,
      'unavailable',
    ],
    [
      'stale data under an outage',
      { display: 'cutting-over', done: 3, total: 11, problem: 'unavailable' },
      `Unavailable · ${HOST}`,
      'unavailable',
    ],
    [
      'signed out',
      { display: 'sovereign', problem: 'signed-out' },
      `Signed out · ${HOST}`,
      'unavailable',
    ],
    [
      'forbidden',
      { display: 'problem', problem: 'forbidden' },
      `No access · ${HOST}`,
      'unavailable',
    ],
    [
      'not installed',
      { display: 'problem', problem: 'not-installed' },
      `Not installed · ${HOST}`,
      'unavailable',
    ],
    [
      'invalid',
      { display: 'problem', problem: 'invalid' },
      `Unknown state · ${HOST}`,
      'unavailable',
    ],
  ])('%s', (_name, situation, title, mark) => {
    expect(tabTitle(situation, HOST)).toBe(title);
    expect(faviconMark(situation)).toBe(mark);
  });

  it.each<[string, TabSituation, string, ReturnType<typeof faviconMark>]>([
    // Before the first answer the page keeps its own title, whatever else is known.
    [
      'loading with a problem recorded',
      { display: 'loading', problem: 'unavailable' },
      DEFAULT_TITLE,
      undefined,
    ],
    [
      'a problem display without its kind',
      { display: 'problem' },
      `Unavailable · ${HOST}`,
      'unavailable',
    ],
    // The count needs both figures: with one missing the title says no number at all.
    ['cutting over, no count', { display: 'cutting-over' }, `Cutting over · ${HOST}`, 'progress'],
    [
      'cutting over, no total',
      { display: 'cutting-over', done: 3 },
      `Cutting over · ${HOST}`,
      'progress',
    ],
    [
      'cutting over, no done',
      { display: 'cutting-over', total: 11 },
      `Cutting over · ${HOST}`,
      'progress',
    ],
  ])('%s', (_name, situation, title, mark) => {
    expect(tabTitle(situation, HOST)).toBe(title);
    expect(faviconMark(situation)).toBe(mark);
  });

  it('without a host, the words alone', () => {
    expect(tabTitle({ display: 'failed' }, '')).toBe('Failed');
  });
});

describe('favicon', () => {
  it.each(['sovereign', 'progress', 'failed', 'unavailable', 'waiting'] as const)(
    '%s is a self-contained SVG data URL',
    (mark) => {
      const url = faviconDataUrl(mark, 0.5);
      expect(url.startsWith('data:image/svg+xml,')).toBe(true);
      const svg = decodeURIComponent(url.slice('data:image/svg+xml,'.length));
      expect(svg).toBe(faviconSvg(mark, 0.5));
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/);
      expect(svg).not.toMatch(/href|<script|<image/);
    },
  );

  // docs/after-the-run.md: "a green check, a ring filling with the steps done, a red mark, a grey
  // bar, a grey ring".
  it('each mark has its own shape and colour', () => {
    const svg = (mark: Parameters<typeof faviconSvg>[0]) => faviconSvg(mark, 0.5);
    const rects = (text: string) =>
      [...text.matchAll(/<rect [^>]*width="(\d+)" height="(\d+)"/g)].map(([, w, h]) => ({
        wide: Number(w) > Number(h),
      }));

    // Sovereign: a green disc with a check stroke, no bar.
    expect(svg('sovereign')).toContain('fill="#1a7f37"');
    expect(svg('sovereign')).toMatch(/<path [^>]*stroke="#fff"/);
    expect(rects(svg('sovereign'))).toEqual([]);
    // Failed: a red disc with an upright bar and a dot, an exclamation mark.
    expect(svg('failed')).toContain('fill="#cf222e"');
    expect(rects(svg('failed'))).toEqual([{ wide: false }]);
    expect(svg('failed')).toMatch(/<circle [^>]*r="2.4" fill="#fff"/);
    // Unavailable: a grey disc with a flat bar.
    expect(svg('unavailable')).toContain('fill="#6e7781"');
    expect(rects(svg('unavailable'))).toEqual([{ wide: true }]);
    // Waiting: a grey ring that does not fill.
    expect(svg('waiting')).toMatch(/<circle [^>]*fill="#fff" stroke="#6e7781"/);
    expect(svg('waiting')).not.toMatch(/<rect|<path|stroke-dasharray/);
    // Progress: a ring that fills.
    expect(svg('progress')).toContain('stroke-dasharray');

    const all = (['sovereign', 'progress', 'failed', 'unavailable', 'waiting'] as const).map(svg);
    expect(new Set(all).size).toBe(all.length);
  });

  it('the progress ring fills with the fraction done, clamped', () => {
    const dash = (fraction: number) =>
      /stroke-dasharray="([\d.]+) /.exec(faviconSvg('progress', fraction))?.[1];
    expect(dash(0)).toBe('0.00');
    expect(Number(dash(0.5))).toBeCloseTo(Math.PI * 11, 1);
    expect(dash(2)).toBe(dash(1));
  });
});

describe('runNotification', () => {
  const background = { focused: false, host: HOST };
  it.each<[TabDisplay | undefined, TabDisplay, boolean, string | undefined]>([
    ['cutting-over', 'sovereign', false, `Sovereign · ${HOST}`],
    ['waiting', 'sovereign', false, `Sovereign · ${HOST}`],
    ['cutting-over', 'failed', false, `Cutover failed · ${HOST}`],
    ['waiting', 'failed', false, `Cutover failed · ${HOST}`],
    // The window has the focus: the operator sees the card.
    ['cutting-over', 'sovereign', true, undefined],
    ['cutting-over', 'failed', true, undefined],
    // Nothing for steps, for the first answer, or for problems.
    ['cutting-over', 'cutting-over', false, undefined],
    ['waiting', 'cutting-over', false, undefined],
    [undefined, 'sovereign', false, undefined],
    [undefined, 'failed', false, undefined],
    ['failed', 'failed', false, undefined],
    ['sovereign', 'sovereign', false, undefined],
    ['failed', 'cutting-over', false, undefined],
    ['cutting-over', 'problem', false, undefined],
    ['cutting-over', 'loading', false, undefined],
  ])('%s → %s (focused: %s) → %s', (previous, next, focused, title) => {
    expect(runNotification(previous, next, { ...background, focused })?.title).toBe(title);
  });

  it('Sovereign: says the run finished; one per host, so a repeat replaces it', () => {
    expect(runNotification('cutting-over', 'sovereign', background)).toEqual({
      title: `Sovereign · ${HOST}`,
      body: 'The cutover finished: this Sovereign no longer depends on the mothership.',
      tag: `cutover-sovereign:${HOST}`,
    });
  });

  it('without a host it names "this Sovereign", and a failure without a step says so plainly', () => {
    const nowhere = { focused: false, host: '' };
    expect(runNotification('waiting', 'sovereign', nowhere)?.title).toBe(
      'Sovereign · this Sovereign',
    );
    expect(runNotification('cutting-over', 'failed', nowhere)).toEqual({
      title: 'Cutover failed · this Sovereign',
      body: 'The cutover stopped. Open the console to retry it.',
      tag: 'cutover-failed:',
    });
  });

  it('a failure names the step', () => {
    expect(
      runNotification('cutting-over', 'failed', {
        ...background,
        failedAt: 'Pre-warm critical images',
      }),
    ).toEqual({
      title: `Cutover failed · ${HOST}`,
      body: 'The cutover stopped at Pre-warm critical images. Open the console to retry it.',
      tag: `cutover-failed:${HOST}`,
    });
  });
});
