import type { CutoverStatus } from '../cutover';

/**
 * What each data phase's view is given. Everything the server sent is rendered as text, and inside
 * `<bdi>`, so that a right-to-left script or a bidi control in it cannot reorder the console's own
 * words around it.
 */
export interface ViewProps {
  status: CutoverStatus;
  /**
   * Epoch ms of the last good data when `status` is stale: running steps' times stop there
   * ("running for ≥ 22 s as of 16:44:09") and nothing ticks. Absent while the data is live.
   */
  frozenAt?: number | undefined;
  /** The namespace of the cutover's Jobs, for kubectl commands (config.json; default catalyst). */
  namespace?: string | undefined;
}
