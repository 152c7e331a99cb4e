import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiClient } from '@/lib/api-client';
import { ConsoleContextProvider } from '@/lib/console-context';
import type { CutoverConnection } from './connection';
import { cutoverStatusQueryKey } from './get-cutover-status';
import {
  CUTOVER_START_PATH,
  StartCutoverError,
  startCutover,
  useStartCutover,
} from './start-cutover';
import { CutoverConnectionContext } from './use-live-cutover';

function clientAnswering(answer: () => Promise<unknown>) {
  const postJson = vi.fn((_path: string, _body: unknown) => answer());
  const client: ApiClient = {
    url: (path) => `/api${path}`,
    getJson: vi.fn(() => Promise.reject(new Error('GET is not expected here'))),
    postJson,
  };
  return { client, postJson };
}

const failing = (error: Error) => clientAnswering(() => Promise.reject(error)).client;

async function startError(error: Error): Promise<StartCutoverError> {
  const thrown: unknown = await startCutover(failing(error)).then(
    (outcome) => new Error(`expected a failure, got ${outcome}`),
    (reason: unknown) => reason,
  );
  expect(thrown).toBeInstanceOf(StartCutoverError);
  return thrown as StartCutoverError;
}

describe('startCutover', () => {
  it('POSTs {} to the start path, and a 200 means started', async () => {
    const { client, postJson } = clientAnswering(() => Promise.resolve({ state: 'tethered' }));
    await expect(startCutover(client)).resolves.toBe('started');
    expect(postJson).toHaveBeenCalledTimes(1);
    expect(postJson).toHaveBeenCalledWith('/v1/sovereign/cutover/start', {});
    expect(CUTOVER_START_PATH).toBe('/v1/sovereign/cutover/start');
  });

  it('409 is a run already under way: progress, not an error', async () => {
    const conflict = new ApiError('http', 'HTTP 409', { status: 409, code: 'cutover-in-progress' });
    await expect(startCutover(failing(conflict))).resolves.toBe('already-running');
  });

  it("a 2xx that is not JSON is still the API's yes (its body is not used)", async () => {
    const text = new ApiError('not-json', 'answered with something that is not JSON', {
      status: 200,
    });
    await expect(startCutover(failing(text))).resolves.toBe('started');
  });

  it.each([
    [
      'code and detail',
      new ApiError('http', 'HTTP 424', {
        status: 424,
        code: 'prerequisite-missing',
        detail: 'the mirror is not ready',
      }),
      'The catalyst-api answered HTTP 424 (prerequisite-missing): the mirror is not ready',
      424,
      'prerequisite-missing',
    ],
    [
      'detail only',
      new ApiError('http', 'HTTP 500', { status: 500, detail: 'boom' }),
      'The catalyst-api answered HTTP 500: boom',
      500,
      undefined,
    ],
    [
      'code only',
      new ApiError('http', 'HTTP 403', { status: 403, code: 'forbidden' }),
      'The catalyst-api answered HTTP 403 (forbidden).',
      403,
      'forbidden',
    ],
    [
      "a proxy's error page",
      new ApiError('http', 'HTTP 502', { status: 502, html: true }),
      'The catalyst-api answered HTTP 502: a proxy answered with an error page',
      502,
      undefined,
    ],
    [
      "the API's detail over an HTML body",
      new ApiError('http', 'HTTP 503', { status: 503, html: true, detail: 'draining' }),
      'The catalyst-api answered HTTP 503: draining',
      503,
      undefined,
    ],
    [
      'nothing to say',
      new ApiError('http', 'HTTP 503', { status: 503 }),
      'The catalyst-api answered HTTP 503.',
      503,
      undefined,
    ],
    [
      'no status',
      new ApiError('http', 'HTTP'),
      'The catalyst-api answered HTTP ?.',
      undefined,
      undefined,
    ],
  ])(
    'an HTTP error with %s says so in the API’s words',
    async (_name, error, message, status, code) => {
      const thrown = await startError(error);
      expect(thrown.message).toBe(message);
      expect(thrown.name).toBe('StartCutoverError');
      expect(thrown.status).toBe(status);
      expect(thrown.code).toBe(code);
      expect(thrown.cause).toBe(error);
    },
  );

  it('a web page where JSON belongs did not start the cutover', async () => {
    const page = new ApiError('not-json', 'answered with a web page instead of JSON', {
      status: 200,
      html: true,
    });
    const thrown = await startError(page);
    expect(thrown.message).toBe(
      'The catalyst-api address answered with a web page (a proxy or a sign-in page?); the cutover did not start.',
    );
    expect(thrown.status).toBe(200);
    expect(thrown.code).toBeUndefined();
    expect(thrown.cause).toBe(page);
  });

  it.each([
    ['refused', new ApiError('network', 'could not reach the catalyst-api')],
    ['timed out', new ApiError('timeout', 'no answer within 10 s')],
    [
      'dropped mid-answer, even with a 409 status line',
      new ApiError('interrupted', 'the connection dropped while reading the answer', {
        status: 409,
      }),
    ],
  ])('a request that got no answer (%s) could not reach the API', async (_name, error) => {
    const thrown = await startError(error);
    expect(thrown.message).toBe(`Could not reach the catalyst-api (${error.message}).`);
    expect(thrown.status).toBeUndefined();
    expect(thrown.code).toBeUndefined();
    expect(thrown.cause).toBe(error);
  });

  it("passes on what is not the transport's error (a caller's abort) untouched", async () => {
    const abort = new DOMException('aborted', 'AbortError');
    await expect(startCutover(failing(abort))).rejects.toBe(abort);
  });
});

describe('useStartCutover', () => {
  function mount(client: ApiClient, connection: CutoverConnection | null) {
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(
        QueryClientProvider,
        { client: queryClient },
        createElement(ConsoleContextProvider, {
          client,
          config: { basePath: '', apiBase: '/api' },
          children: createElement(CutoverConnectionContext, { value: connection }, children),
        }),
      );
    return { queryClient, ...renderHook(() => useStartCutover(), { wrapper }) };
  }

  it("re-reads the status through the card's connection, and stays pending until it is in", async () => {
    const { client, postJson } = clientAnswering(() => Promise.resolve({}));
    let statusIn: () => void = () => undefined;
    const refresh = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          statusIn = resolve;
        }),
    );
    const connection = { refresh } as unknown as CutoverConnection;
    const { result, queryClient } = mount(client, connection);
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    act(() => {
      result.current.mutate();
    });
    await waitFor(() => {
      expect(refresh).toHaveBeenCalledTimes(1);
    });
    expect(postJson).toHaveBeenCalledWith(CUTOVER_START_PATH, {});
    expect(result.current.isPending).toBe(true);
    expect(queryClient.isMutating({ mutationKey: ['sovereignty', 'start-cutover'] })).toBe(1);
    act(() => {
      statusIn();
    });
    await waitFor(() => {
      expect(result.current.isSuccess).toBe(true);
    });
    expect(result.current.data).toBe('started');
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('without a card around it, invalidates the cached status instead', async () => {
    const { client } = clientAnswering(() =>
      Promise.reject(new ApiError('http', 'HTTP 409', { status: 409 })),
    );
    const { result, queryClient } = mount(client, null);
    queryClient.setQueryData(cutoverStatusQueryKey, { state: 'tethered' });
    const unrelated = ['console', 'config'];
    queryClient.setQueryData(unrelated, { apiBase: '/api' });
    act(() => {
      result.current.mutate();
    });
    await waitFor(() => {
      expect(result.current.isSuccess).toBe(true);
    });
    expect(result.current.data).toBe('already-running');
    expect(queryClient.getQueryState(cutoverStatusQueryKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(unrelated)?.isInvalidated).toBe(false);
  });

  it('gives the reason it did not start, and re-reads nothing', async () => {
    const error = new ApiError('http', 'HTTP 500', { status: 500, detail: 'boom' });
    const refresh = vi.fn(() => Promise.resolve());
    const { result } = mount(failing(error), { refresh } as unknown as CutoverConnection);
    act(() => {
      result.current.mutate();
    });
    await waitFor(() => {
      expect(result.current.isError).toBe(true);
    });
    expect(result.current.error).toBeInstanceOf(StartCutoverError);
    expect(result.current.error?.message).toBe('The catalyst-api answered HTTP 500: boom');
    expect(refresh).not.toHaveBeenCalled();
  });
});
