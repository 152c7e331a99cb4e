/** The simulator's requests and answers as plain data, which each door turns into its own types. */

export type SimResponse =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | {
      kind: 'text';
      status: number;
      contentType: string;
      body: string;
      headers?: Record<string, string>;
    }
  | { kind: 'network-error' };

export interface SimRequest {
  method: string;
  /** The path below the API base, such as `/v1/sovereign/cutover/status`. */
  path: string;
}

export interface SimRequest {
  method: string;
  /** The path below the API base, such as `/v1/sovereign/cutover/status`. */
  path: string;
}

/** The cutover routes, below the API base (`/api`). */
export const CUTOVER_PATH = '/v1/sovereign/cutover';

/** Go's `http.NotFound`: the answer of a route that does not exist. */
export const NOT_FOUND: SimResponse = {
  kind: 'text',
  status: 404,
  contentType: 'text/plain; charset=utf-8',
  body: '404 page not found\n',
};
