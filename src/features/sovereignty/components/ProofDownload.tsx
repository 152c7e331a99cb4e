import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/Button';
import { useConsoleConfig } from '@/lib/console-context';
import type { Attempt } from '../attempts';
import type { CutoverStatus } from '../cutover';
import { buildProof, proofFileName } from '../proof';
import './ProofDownload.css';

/**
 * The Sovereign's proof (docs/after-the-run.md): "Download proof" saves the JSON record named
 * after the host and the day; "Print record" prints the page, which the print stylesheet turns
 * into a one-page record with every step shown.
 */
export function ProofDownload({
  status,
  attempts,
}: {
  status: CutoverStatus;
  attempts: readonly Attempt[];
}) {
  const { apiBase } = useConsoleConfig();
  const [saved, setSaved] = useState<string | undefined>();
  const ref = useRef<HTMLDivElement>(null);
  usePrintOpensSteps(ref);

  const download = () => {
    const now = Date.now();
    const host = window.location.hostname;
    const proof = buildProof(status, { host, url: window.location.href, apiBase, now, attempts });
    if (proof === undefined) return;
    const name = proofFileName(host, now);
    const url = URL.createObjectURL(
      new Blob([`${JSON.stringify(proof, null, 2)}\n`], { type: 'application/json' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // After the click has handed the file to the browser.
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 1_000);
    setSaved(name);
  };

  return (
    <div className="proof" ref={ref}>
      <p className="proof__lead">
        Proof of sovereignty: a JSON record of this status (every step with its Job, the
        egress-block window, settled roll overrides) to hand over with the Sovereign, or a printed
        one-page record.
      </p>
      <div className="proof__actions">
        <Button variant="primary" onClick={download}>
          Download proof
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            window.print();
          }}
        >
          Print record
        </Button>
      </div>
      <p className="proof__saved" role="status">
        {saved ? (
          <>
            Saved <code>{saved}</code>.
          </>
        ) : null}
      </p>
    </div>
  );
}

/** Printing shows every step: collapsed step lists in the card open for the print, then close. */
function usePrintOpensSteps(ref: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      const card = ref.current?.closest('.sovereignty');
      opened = [...(card?.querySelectorAll<HTMLDetailsElement>('details:not([open])') ?? [])];
      for (const details of opened) details.open = true;
    };
    const after = () => {
      for (const details of opened) details.open = false;
      opened = [];
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [ref]);
}
