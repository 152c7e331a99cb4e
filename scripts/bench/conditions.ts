/** What `npm run bench` loads pages under (docs/performance.md, "Method"). */
export interface Condition {
  readonly name: string;
  readonly cpu: number;
  readonly network?: { latency: number; downloadThroughput: number; uploadThroughput: number };
}

export const CONDITIONS: readonly Condition[] = [
  { name: 'unthrottled', cpu: 1 },
  { name: 'CPU 4x slower', cpu: 4 },
  {
    name: '150 ms latency, 1.6 Mbit/s',
    cpu: 1,
    // Chromium's per-request emulation: 150 ms added to each request, 1.6 Mbit/s down, 750 kbit/s up.
    network: { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
  },
];
