import { useEffect, useState } from 'react';
import './CopyButton.css';

type CopyResult = 'idle' | 'copied' | 'selected' | 'blocked';

const RESULT_WORDS: Readonly<Record<CopyResult, string>> = {
  idle: '',
  copied: 'Copied',
  selected: 'Selected: press Ctrl+C (⌘C) to copy',
  blocked: 'This browser blocked copying: select the text and press Ctrl+C (⌘C)',
};

/** How long "Copied" stays on screen. */
export const COPIED_MS = 4_000;

interface CopyButtonProps {
  /** What lands on the clipboard. */
  text: string;
  /** The button's accessible name; starts with "Copy" (the visible word), then what is copied. */
  label: string;
  /**
   * The element that shows `text`: selected when the clipboard cannot be written (an insecure
   * origin, a browser that refuses), so Ctrl+C still works.
   */
  targetId?: string;
}

/**
 * Copies text with `navigator.clipboard.writeText`, and says so: "Copied" next to the button, in
 * a polite status region that is always present (so the change is announced). Without a usable
 * clipboard it selects the shown text instead and says how to copy it.
 */
export function CopyButton({ text, label, targetId }: CopyButtonProps) {
  const [result, setResult] = useState<CopyResult>('idle');
  useEffect(() => {
    if (result === 'idle') return;
    const timer = setTimeout(() => {
      setResult('idle');
    }, COPIED_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [result]);

  const selectTarget = () => {
    const target = targetId === undefined ? null : document.getElementById(targetId);
    const selection = window.getSelection();
    if (target === null || selection === null) return false;
    selection.selectAllChildren(target);
    return true;
  };

  const copy = async () => {
    try {
      // Absent on insecure origins; the property lookup itself is fine there.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      if (navigator.clipboard?.writeText === undefined) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      // Never silent: with nothing of ours to select, say how to copy by hand.
      setResult(selectTarget() ? 'selected' : 'blocked');
    }
  };

  return (
    <span className="copy">
      <button
        type="button"
        className="copy__button"
        aria-label={label}
        onClick={() => {
          void copy();
        }}
      >
        Copy
      </button>
      <span className="copy__result" role="status">
        {RESULT_WORDS[result]}
      </span>
    </span>
  );
}
