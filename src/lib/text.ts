/** Keeps server strings to a length the layout can hold; the full text stays available elsewhere. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
