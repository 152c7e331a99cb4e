/**
 * The one reader of the API's times (RFC 3339 / ISO 8601 strings): epoch milliseconds, or
 * undefined for absent or unreadable text. Pure, so the domain modules and the formatters share it.
 */
export function parseInstant(iso: string | undefined): number | undefined {
  // Absent needs no case of its own: `String(undefined)` is "undefined", unreadable like any text.
  const time = Date.parse(String(iso));
  return Number.isNaN(time) ? undefined : time;
}
