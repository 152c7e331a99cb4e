import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MOUNTED_ATTRIBUTE } from './boot-marker';
import { ChunkLoadError } from './chunk-load';
import { FailureView } from './FailureView';
import { showPlainFailureView } from './plain-failure-view';

/** Everything a person reads or uses in a failure view, in order. */
function readView(view: HTMLElement) {
  return {
    heading: within(view).getByRole('heading', { level: 1 }).textContent,
    region: within(view).getByRole('region').getAttribute('aria-labelledby') !== null,
    alert: within(view).getByRole('alert').textContent,
    buttons: within(view)
      .getAllByRole('button')
      .map((button) => button.textContent),
    summary: view.querySelector('details summary')?.textContent,
    details: view.querySelector('details pre')?.textContent,
    detailsOpen: view.querySelector('details')?.hasAttribute('open'),
  };
}

afterEach(() => {
  document.documentElement.removeAttribute(MOUNTED_ATTRIBUTE);
});

describe('showPlainFailureView (no React)', () => {
  it.each([
    ['a failed start', new Error('The demo worker did not register'), 'start'],
    ['a chunk that could not load', new ChunkLoadError(new TypeError('Failed to fetch')), 'start'],
    ['an error outside every boundary', new Error('Boundary fallback crashed'), 'page'],
  ] as const)('%s reads exactly like FailureView, in a main landmark', (_kind, error, during) => {
    const container = document.createElement('div');
    document.body.append(container);
    showPlainFailureView(container, error, during);
    const { container: reactContainer } = render(
      <FailureView error={error} during={during} standalone />,
    );
    expect(within(container).getByRole('main')).toBeInTheDocument();
    expect(readView(container)).toEqual(readView(reactContainer));
    expect(readView(container)).toMatchObject({
      region: true,
      buttons: ['Reload'],
      detailsOpen: false,
    });
    container.remove();
  });

  it('replaces what the container held, marks the page mounted, and reloads on request', async () => {
    const container = document.createElement('div');
    container.innerHTML = '<p>half-rendered</p>';
    document.body.append(container);
    const reload = vi.fn();
    showPlainFailureView(container, '<b>not markup</b>', 'start', reload);
    expect(container).not.toHaveTextContent('half-rendered');
    expect(document.documentElement).toHaveAttribute(MOUNTED_ATTRIBUTE, '');
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('pre')).toHaveTextContent('<b>not markup</b>');
    expect(
      within(container).getByRole('heading', { name: 'The console could not start' }),
    ).toBeInTheDocument();
    await userEvent.click(within(container).getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledTimes(1);
    container.remove();
    expect(screen.queryByRole('main')).not.toBeInTheDocument();
  });
});
