import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CopyableCommand } from './CopyableCommand';
import { COPIED_MS, CopyButton } from './CopyButton';

const COMMAND = 'kubectl -n catalyst logs job/cutover-harbor-prewarm-1777888800';

function setClipboard(writeText: ((text: string) => Promise<void>) | undefined) {
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: writeText === undefined ? undefined : { writeText },
  });
}

afterEach(() => {
  vi.useRealTimers();
  setClipboard(undefined);
  window.getSelection()?.removeAllRanges();
});

describe('CopyButton', () => {
  it('copies the text and says "Copied" in a status region, then goes quiet', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    setClipboard(writeText);
    render(<CopyableCommand command={COMMAND} purpose="the logs command" />);
    const button = screen.getByRole('button', { name: 'Copy the logs command' });
    expect(button).toHaveTextContent('Copy');
    const status = screen.getByRole('status');
    expect(status).toBeEmptyDOMElement();
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await userEvent.click(button);
    expect(writeText).toHaveBeenCalledWith(COMMAND);
    expect(status).toHaveTextContent('Copied');
    act(() => {
      vi.advanceTimersByTime(COPIED_MS);
    });
    expect(status).toBeEmptyDOMElement();
  });

  it('without a clipboard (an insecure origin), selects the shown text and says how to copy it', async () => {
    setClipboard(undefined);
    render(<CopyableCommand command={COMMAND} purpose="the logs command" />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy the logs command' }));
    expect(window.getSelection()?.toString()).toBe(COMMAND);
    expect(screen.getByRole('status')).toHaveTextContent('Selected: press Ctrl+C (⌘C) to copy');
  });

  it('when the browser refuses the write, falls back the same way', async () => {
    setClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    render(<CopyableCommand command={COMMAND} purpose="the logs command" />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy the logs command' }));
    expect(window.getSelection()?.toString()).toBe(COMMAND);
    expect(screen.getByRole('status')).toHaveTextContent(/^Selected/);
  });

  it('with nothing to select, says copying was blocked and how to copy by hand, never Copied', async () => {
    setClipboard(undefined);
    render(<CopyButton text="secret-free text" label="Copy the full error" />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy the full error' }));
    expect(screen.getByRole('status')).toHaveTextContent(
      'This browser blocked copying: select the text and press Ctrl+C (⌘C)',
    );
    expect(screen.getByRole('status')).not.toHaveTextContent('Copied');
    expect(window.getSelection()?.toString()).toBe('');
  });
});
