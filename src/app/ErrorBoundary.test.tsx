import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link, MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ChunkLoadError } from './chunk-load';
import { ErrorBoundary, RouteErrorBoundary } from './ErrorBoundary';
import { FailureView } from './FailureView';

/** React reports every error a boundary catches with console.error; the tests expect it, quietly. */
function silenceReactErrorLog() {
  return vi.spyOn(console, 'error').mockImplementation(() => undefined);
}

function Boom({ error }: { error: unknown }): never {
  throw error;
}

describe('ErrorBoundary', () => {
  it('shows the failure view instead of a child that throws while rendering', () => {
    const log = silenceReactErrorLog();
    render(
      <ErrorBoundary>
        <p>before</p>
        <Boom error={new TypeError("Cannot read properties of undefined (reading 'steps')")} />
      </ErrorBoundary>,
    );
    const alert = screen.getByRole('alert');
    expect(
      within(alert).getByRole('heading', { level: 1, name: 'This page could not be shown' }),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent('Something went wrong in the console itself.');
    expect(screen.getByRole('region', { name: 'This page could not be shown' })).toContainElement(
      alert,
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toBeEnabled();
    // The error as text, collapsed until asked for.
    const details = screen.getByText('Technical details').closest('details');
    expect(details).not.toHaveAttribute('open');
    expect(details?.querySelector('pre')).toHaveTextContent(
      "TypeError: Cannot read properties of undefined (reading 'steps')",
    );
    expect(screen.queryByText('before')).not.toBeInTheDocument();
    expect(screen.queryByRole('main')).not.toBeInTheDocument();
    expect(log).toHaveBeenCalled();
  });

  it.each([
    [
      'a chunk that failed to load',
      new ChunkLoadError(
        new TypeError(
          'Failed to fetch dynamically imported module: https://console.example/console/assets/Dashboard-0ld.js',
        ),
      ),
      'The console was updated or could not load',
      'ChunkLoadError: Failed to fetch dynamically imported module: https://console.example/console/assets/Dashboard-0ld.js',
    ],
    [
      'an Error',
      new RangeError('Invalid time value'),
      'This page could not be shown',
      'RangeError: Invalid time value',
    ],
    ['a thrown string', 'kaput', 'This page could not be shown', 'kaput'],
    ['a thrown undefined', undefined, 'This page could not be shown', 'undefined'],
  ])('names %s in its heading and details', (_kind, error, title, details) => {
    silenceReactErrorLog();
    render(
      <ErrorBoundary>
        <Boom error={error} />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(
      screen.getByText('Technical details').closest('details')?.querySelector('pre'),
    ).toHaveTextContent(details);
  });

  it("standalone (outside the shell), the view is the page's main landmark", () => {
    silenceReactErrorLog();
    render(
      <ErrorBoundary standalone>
        <Boom error={new Error('no providers')} />
      </ErrorBoundary>,
    );
    expect(
      within(screen.getByRole('main')).getByRole('heading', {
        name: 'This page could not be shown',
      }),
    ).toBeInTheDocument();
  });

  it('around the routes, clears itself when the operator goes to another page', async () => {
    silenceReactErrorLog();
    const user = userEvent.setup();
    render(
      <MemoryRouter initialEntries={['/console/broken']}>
        <nav>
          <Link to="/console/fine">Fine page</Link>
          <Link to="/console/broken">Broken page</Link>
        </nav>
        <RouteErrorBoundary>
          <Routes>
            <Route path="/console/broken" element={<Boom error={new Error('broken page')} />} />
            <Route path="/console/fine" element={<h1>All well</h1>} />
          </Routes>
        </RouteErrorBoundary>
      </MemoryRouter>,
    );
    expect(
      screen.getByRole('heading', { name: 'This page could not be shown' }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Fine page' }));
    expect(screen.getByRole('heading', { name: 'All well' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    // Back to the page that fails: it is shown failing again, not stuck on the other one.
    await user.click(screen.getByRole('link', { name: 'Broken page' }));
    expect(
      screen.getByRole('heading', { name: 'This page could not be shown' }),
    ).toBeInTheDocument();
  });
});

describe('FailureView', () => {
  it('reloads only when the operator presses Reload', async () => {
    const reload = vi.fn();
    render(<FailureView error={new Error('x')} onReload={reload} />);
    expect(reload).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('keeps a very long error to a few thousand characters, as text', () => {
    const markup = `<img src=x onerror=alert(1)>${'x'.repeat(5_000)}`;
    render(<FailureView error={new Error(markup)} />);
    const pre = screen.getByText('Technical details').closest('details')?.querySelector('pre');
    expect(pre?.textContent).toHaveLength(2_000);
    expect(pre?.textContent.startsWith('Error: <img src=x onerror=alert(1)>')).toBe(true);
    expect(pre?.querySelector('img')).toBeNull();
  });
});
