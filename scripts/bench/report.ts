import type { Load } from './cold-load';
import type { LighthouseRun } from './lighthouse';
import { median, quantile } from './stats';

export type Row = ReturnType<typeof summariseCondition>;

/** Median and p90 of one condition's interleaved loads, console against the plain page. */
export function summariseCondition(name: string, loads: { console: Load[]; plain: Load[] }) {
  const c = loads.console.map((load) => load.ms);
  const p = loads.plain.map((load) => load.ms);
  const statusStarts = loads.console.flatMap((load) =>
    load.statusStart === undefined ? [] : [load.statusStart],
  );
  const mounted = loads.console.flatMap((load) =>
    load.mountedMs === undefined ? [] : [load.mountedMs],
  );
  return {
    condition: name,
    runs: c.length,
    console: { median: median(c), p90: quantile(c, 0.9) },
    plain: { median: median(p), p90: quantile(p, 0.9) },
    ratio: { median: median(c) / median(p), p90: quantile(c, 0.9) / quantile(p, 0.9) },
    statusRequestStart: median(statusStarts),
    /** React has rendered the card (it is interactive): median and p90. */
    mounted: { median: median(mounted), p90: quantile(mounted, 0.9) },
    /** The most `/status` requests any console load sent by the time React had rendered. */
    statusRequestsMax: Math.max(...loads.console.map((load) => load.statusRequests)),
    transferredBeforeBadge: median(loads.console.map((load) => load.transferred)),
    cls: Math.max(...loads.console.map((load) => load.cls)),
    before: loads.console[0]?.scripts ?? [],
  };
}

const ms = (value: number) => `${Math.round(value)} ms`;

/** The Markdown table and lines `npm run bench` prints. */
export function reportLines(summary: {
  rows: readonly Row[];
  jsCssBeforeBadge: { files: readonly string[]; gzipBytes: number };
  lighthouse: Record<'mobile' | 'desktop', readonly LighthouseRun[]>;
  machine: string;
  node: string;
  chromium: string;
  commit: string;
  seconds: number;
  out: string;
}): string[] {
  const { rows, jsCssBeforeBadge, lighthouse } = summary;
  return [
    `| condition | console median (p90) | plain page median (p90) | ratio median (p90) | status request leaves | React rendered, median (p90) | /status requests (max) | bytes before badge | CLS (max) |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
    ...rows.map(
      (row) =>
        `| ${row.condition} | ${ms(row.console.median)} (${ms(row.console.p90)}) | ${ms(row.plain.median)} (${ms(row.plain.p90)}) | ${row.ratio.median.toFixed(2)}x (${row.ratio.p90.toFixed(2)}x) | ${ms(row.statusRequestStart)} | ${ms(row.mounted.median)} (${ms(row.mounted.p90)}) | ${row.statusRequestsMax} | ${(row.transferredBeforeBadge / 1000).toFixed(1)} kB | ${row.cls.toFixed(3)} |`,
    ),
    '',
    `JS+CSS arrived before the badge: ${(jsCssBeforeBadge.gzipBytes / 1000).toFixed(1)} kB gzip (${jsCssBeforeBadge.files.join(', ')})`,
    ...(['mobile', 'desktop'] as const).map((preset) => {
      const runs = lighthouse[preset];
      return `Lighthouse ${preset}: performance ${runs.map((run) => run.score).join(', ')}; CLS ${runs.map((run) => run.cls.toFixed(3)).join(', ')}; LCP ${runs.map((run) => ms(run.lcp)).join(', ')}; TBT ${runs.map((run) => ms(run.tbt)).join(', ')}`;
    }),
    `${summary.machine}, Node ${summary.node}, ${summary.chromium}, commit ${summary.commit}, ${summary.seconds} s; JSON: ${summary.out}`,
  ];
}
