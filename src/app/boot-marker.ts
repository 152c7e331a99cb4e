/**
 * The contract with public/boot-check.js, the plain script that tells the operator when the
 * console has not started after a few seconds (docs/deployment.md, "When the console cannot
 * start"): as soon as the console has put something of its own in the page (the app, or its own
 * failure view) it marks `<html data-mounted>`. The script only reads the mark.
 */
export const MOUNTED_ATTRIBUTE = 'data-mounted';

export function markMounted(): void {
  document.documentElement.setAttribute(MOUNTED_ATTRIBUTE, '');
}
