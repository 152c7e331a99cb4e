import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { renderConsole } from '../../tests/render';
import { AppRoutes } from './App';
import { ChunkLoadError, isChunkLoadError } from './chunk-load';
import { loadDashboard } from './routes/load-dashboard';

// The dashboard's chunk cannot be fetched, as after a redeploy under an open page.
vi.mock('./routes/Dashboard', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

describe('the dashboard chunk fails to load', () => {
  it("rejects with a ChunkLoadError that keeps the browser's error as its cause", async () => {
    const error: unknown = await loadDashboard().then(
      () => 'loaded',
      (reason: unknown) => reason,
    );
    expect(isChunkLoadError(error)).toBe(true);
    expect(error).toBeInstanceOf(ChunkLoadError);
    expect((error as ChunkLoadError).cause).toBeInstanceOf(Error);
  });

  it('the route says the console was updated, with Reload, inside the shell; other pages still work', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const user = userEvent.setup();
    renderConsole({
      children: (
        <>
          <Link to="/console/elsewhere">Elsewhere</Link>
          <AppRoutes />
        </>
      ),
    });
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'The console was updated or could not load',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Most likely a newer version was installed since this page was opened',
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    // The shell around it is still there: the header and its theme choice.
    expect(screen.getByRole('banner')).toHaveTextContent('Sovereign console');
    expect(screen.queryByRole('status', { name: 'Loading the dashboard' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Elsewhere' }));
    expect(screen.getByRole('heading', { name: 'There is no page here' })).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'The console was updated or could not load' }),
    ).not.toBeInTheDocument();
  });
});
