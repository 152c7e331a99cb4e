import { useId } from 'react';
import { SectionTitle } from '@/components/SectionTitle';
import { Timestamp } from '@/components/Timestamp';
import { parseInstant } from '@/lib/instant';
import { truncate } from '@/lib/text';
import { parseSettledRollOverrides, revealInvisible, type CutoverStatus } from '../cutover';
import { useReferenceNow } from './use-reference-now';
import './SettledOverridesNotice.css';

/**
 * The HelmReleases a run left out of its roll (settled roll overrides, docs/cutover-contract.md
 * §4): kept on screen while the run goes on and after it succeeded, because each one is a decision
 * to review.
 */
export function SettledOverridesNotice({
  status,
  frozenAt,
}: {
  status: CutoverStatus;
  frozenAt?: number | undefined;
}) {
  const now = useReferenceNow(frozenAt);
  const titleId = useId();
  const overrides = parseSettledRollOverrides(status.settledRollOverrides);
  if (overrides.length === 0) return null;
  const at = parseInstant(status.settledRollOverridesAt);
  const count =
    overrides.length === 1 ? '1 HelmRelease' : `${String(overrides.length)} HelmReleases`;
  return (
    <section className="settled-overrides" aria-labelledby={titleId}>
      <SectionTitle id={titleId}>{count} left out of the roll</SectionTitle>
      <p>
        The cutover excluded {overrides.length === 1 ? 'this HelmRelease' : 'these HelmReleases'}{' '}
        from its roll (settled roll overrides)
        {at !== undefined ? (
          <>
            {', recorded '}
            <Timestamp at={at} now={now} withZone />
          </>
        ) : null}
        . Check that each is healthy and still meant to be left out.
      </p>
      <ul className="settled-overrides__list">
        {overrides.map((override, index) =>
          override.namespace !== undefined && override.name !== undefined ? (
            <li key={index}>
              <code>
                <bdi>
                  {truncate(revealInvisible(`${override.namespace}/${override.name}`), 120)}
                </bdi>
              </code>
              {override.reason !== undefined ? (
                <>
                  {': '}
                  <bdi>{truncate(override.reason, 300)}</bdi>
                </>
              ) : null}
            </li>
          ) : (
            <li key={index}>
              <bdi>{truncate(override.entry, 300)}</bdi>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
