/** One import() for the dashboard chunk, shared by the lazy route and the boot-time preload. */
let pending: Promise<typeof import('./Dashboard')> | undefined;

export function loadDashboard(): Promise<{ default: typeof import('./Dashboard').Dashboard }> {
  pending ??= import('./Dashboard');
  return pending.then((module) => ({ default: module.Dashboard }));
}
