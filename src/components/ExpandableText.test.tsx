import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ExpandableText } from './ExpandableText';

describe('ExpandableText isolates the server text', () => {
  it('puts a short text inside <bdi>, alone', () => {
    const text = 'step \u202eharbor-projects failed';
    const { container } = render(<ExpandableText text={text} />);
    const isolated = screen.getByText(text);
    expect(isolated.tagName).toBe('BDI');
    expect(container.querySelectorAll('bdi')).toHaveLength(1);
    expect(isolated.parentElement).toHaveClass('expandable__text');
  });

  it('keeps the truncated text (with its ellipsis) isolated, and the toggle outside', async () => {
    const text = `\u202e${'x'.repeat(30)} tail`;
    render(<ExpandableText text={text} limit={10} moreLabel="Show full error" />);
    const shown = screen.getByText(`\u202e${'x'.repeat(9)}…`);
    expect(shown.tagName).toBe('BDI');
    const toggle = screen.getByRole('button', { name: 'Show full error' });
    expect(toggle.closest('bdi')).toBeNull();
    await userEvent.click(toggle);
    expect(screen.getByText(text).tagName).toBe('BDI');
    const less = screen.getByRole('button', { name: 'Show less' });
    expect(less.closest('bdi')).toBeNull();
  });
});
