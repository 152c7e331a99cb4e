import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { StatusProblem } from '../api/status-problem';
import type { CardState } from './card-state';
import { parseCutoverStatus } from '../cutover';
import { NOTIFY_OPT_IN_KEY, useRunNotifications } from './use-run-notifications';

/**
 * A stand-in for the browser's `Notification`: its permission, a `requestPermission` the test
 * answers, and every notification constructed.
 */
function fakeNotifications(permission: NotificationPermission = 'default') {
  const sent: { title: string; options: NotificationOptions | undefined }[] = [];
  let answer: { resolve: (p: NotificationPermission) => void; reject: (e: unknown) => void };
  const requestPermission = vi.fn(
    () =>
      new Promise<NotificationPermission>((resolve, reject) => {
        answer = {
          resolve: (next) => {
            FakeNotification.permission = next;
            resolve(next);
          },
          reject,
        };
      }),
  );
  class FakeNotification {
    static permission: NotificationPermission = permission;
    static requestPermission = requestPermission;
    readonly title: string;
    constructor(title: string, options?: NotificationOptions) {
      this.title = title;
      sent.push({ title, options });
    }
  }
  vi.stubGlobal('Notification', FakeNotification);
  return {
    sent,
    requestPermission,
    /** The person answers the browser's prompt. */
    answer: async (next: NotificationPermission) => {
      await act(async () => {
        answer.resolve(next);
        await Promise.resolve();
      });
    },
    dismissWithError: async () => {
      await act(async () => {
        answer.reject(new Error('prompt dismissed'));
        await Promise.resolve();
      });
    },
  };
}

const cuttingOver = () =>
  parseCutoverStatus({
    state: 'tethered',
    steps: [
      { name: 'gitea-mirror', status: 'done', startedAt: '2026-05-04T10:00:00Z' },
      { name: 'harbor-projects', status: 'running', startedAt: '2026-05-04T10:01:00Z' },
    ],
  });
const failedAtHarbor = () =>
  parseCutoverStatus({
    state: 'tethered',
    failedStep: 'harbor-projects',
    steps: [
      { name: 'gitea-mirror', status: 'done', startedAt: '2026-05-04T10:00:00Z' },
      { name: 'harbor-projects', status: 'failed', startedAt: '2026-05-04T10:01:00Z' },
    ],
  });
const failedWithoutStep = () =>
  parseCutoverStatus({ state: 'tethered', lastError: 'the seal could not be written' });

const states = {
  loading: (): CardState => ({ display: 'loading' }),
  problem: (): CardState => ({
    display: 'problem',
    problem: new StatusProblem('unavailable', 'Could not reach the catalyst-api.', {}),
    checking: false,
  }),
  waiting: (): CardState => ({
    display: 'waiting',
    status: parseCutoverStatus({ state: 'tethered', cutoverComplete: false }),
    asOf: 0,
    checking: false,
  }),
  cuttingOver: (): CardState => ({
    display: 'cutting-over',
    status: cuttingOver(),
    asOf: 0,
    checking: false,
  }),
  failed: (): CardState => ({
    display: 'failed',
    status: failedAtHarbor(),
    asOf: 0,
    checking: false,
  }),
  failedWithoutStep: (): CardState => ({
    display: 'failed',
    status: failedWithoutStep(),
    asOf: 0,
    checking: false,
  }),
  sovereign: (): CardState => ({
    display: 'sovereign',
    status: parseCutoverStatus({ state: 'sovereign', cutoverComplete: true }),
    asOf: 0,
    checking: false,
  }),
};

function follow(first: CardState) {
  return renderHook(({ state }) => useRunNotifications(state), {
    initialProps: { state: first },
  });
}

const host = () => window.location.hostname;

let hasFocus: MockInstance<() => boolean>;

beforeEach(() => {
  // The console's window is in the background unless a test says otherwise.
  hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('useRunNotifications: the opt-in', () => {
  it('is unsupported where the browser has no Notification, and Notify me does nothing', () => {
    vi.stubGlobal('Notification', undefined);
    const { result } = follow(states.cuttingOver());
    expect(result.current.state).toBe('unsupported');
    expect(() => {
      act(() => {
        result.current.enable();
      });
    }).not.toThrow();
    expect(result.current.state).toBe('unsupported');
  });

  it('is unsupported where Notification is there but is not a constructor', () => {
    vi.stubGlobal('Notification', { permission: 'granted', requestPermission: vi.fn() });
    const { result } = follow(states.cuttingOver());
    expect(result.current.state).toBe('unsupported');
  });

  it('is off until asked, even where the permission was granted before', () => {
    fakeNotifications('granted');
    const { result } = follow(states.cuttingOver());
    expect(result.current.state).toBe('off');
  });

  it('asks the browser on Notify me, and is on once it is granted, for this session', async () => {
    const notifications = fakeNotifications('default');
    const { result } = follow(states.cuttingOver());
    act(() => {
      result.current.enable();
    });
    expect(notifications.requestPermission).toHaveBeenCalledTimes(1);
    expect(result.current.state).toBe('asking');
    await notifications.answer('granted');
    expect(result.current.state).toBe('on');
    expect(sessionStorage.getItem(NOTIFY_OPT_IN_KEY)).toBe('on');
  });

  it('is blocked when the person refuses, and remembers nothing', async () => {
    const notifications = fakeNotifications('default');
    const { result } = follow(states.cuttingOver());
    act(() => {
      result.current.enable();
    });
    await notifications.answer('denied');
    expect(result.current.state).toBe('blocked');
    expect(sessionStorage.getItem(NOTIFY_OPT_IN_KEY)).toBeNull();
  });

  it('is off again when the prompt is closed without an answer', async () => {
    const notifications = fakeNotifications('default');
    const { result } = follow(states.cuttingOver());
    act(() => {
      result.current.enable();
    });
    await notifications.answer('default');
    expect(result.current.state).toBe('off');
    expect(sessionStorage.getItem(NOTIFY_OPT_IN_KEY)).toBeNull();
  });

  it('is off again when the request itself fails', async () => {
    const notifications = fakeNotifications('default');
    const { result } = follow(states.cuttingOver());
    act(() => {
      result.current.enable();
    });
    expect(result.current.state).toBe('asking');
    await notifications.dismissWithError();
    expect(result.current.state).toBe('off');
  });

  it('is blocked when the site is blocked, opted in or not', () => {
    fakeNotifications('denied');
    sessionStorage.setItem(NOTIFY_OPT_IN_KEY, 'on');
    const { result } = follow(states.cuttingOver());
    expect(result.current.state).toBe('blocked');
  });

  it('reads an earlier opt-in of this session, kept under its own namespaced key', () => {
    fakeNotifications('granted');
    // Written by an earlier page of this tab (a reload, another build): the key is a contract.
    sessionStorage.setItem('catalyst-console:notify-run-end', 'on');
    const { result } = follow(states.cuttingOver());
    expect(result.current.state).toBe('on');
  });

  it('is off when the stored opt-in is anything but "on"', () => {
    fakeNotifications('granted');
    sessionStorage.setItem(NOTIFY_OPT_IN_KEY, 'yes');
    const { result } = follow(states.cuttingOver());
    expect(result.current.state).toBe('off');
  });

  it('is off while the permission has not been granted, even if opted in', () => {
    fakeNotifications('default');
    sessionStorage.setItem(NOTIFY_OPT_IN_KEY, 'on');
    const { result } = follow(states.cuttingOver());
    expect(result.current.state).toBe('off');
  });

  it('Stop notifications turns it off and forgets the opt-in', () => {
    fakeNotifications('granted');
    sessionStorage.setItem(NOTIFY_OPT_IN_KEY, 'on');
    const { result } = follow(states.cuttingOver());
    act(() => {
      result.current.disable();
    });
    expect(result.current.state).toBe('off');
    expect(sessionStorage.getItem(NOTIFY_OPT_IN_KEY)).toBeNull();
  });

  it('is off when sessionStorage cannot be read', () => {
    fakeNotifications('granted');
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const { result } = follow(states.cuttingOver());
    expect(result.current.state).toBe('off');
  });

  it('still turns on and off for this page when sessionStorage refuses writes', async () => {
    const notifications = fakeNotifications('default');
    const refuse = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(refuse);
    vi.spyOn(Storage.prototype, 'removeItem').mockImplementation(refuse);
    const { result } = follow(states.cuttingOver());
    act(() => {
      result.current.enable();
    });
    await notifications.answer('granted');
    expect(result.current.state).toBe('on');
    act(() => {
      result.current.disable();
    });
    expect(result.current.state).toBe('off');
  });
});

describe('useRunNotifications: what is sent', () => {
  function optedIn() {
    const notifications = fakeNotifications('granted');
    sessionStorage.setItem(NOTIFY_OPT_IN_KEY, 'on');
    return notifications;
  }

  it('one notification when a followed run reaches Sovereign', () => {
    const { sent } = optedIn();
    const { rerender } = follow(states.cuttingOver());
    expect(sent).toEqual([]);
    rerender({ state: states.sovereign() });
    expect(sent).toEqual([
      {
        title: `Sovereign · ${host()}`,
        options: {
          body: 'The cutover finished: this Sovereign no longer depends on the mothership.',
          tag: `cutover-sovereign:${host()}`,
        },
      },
    ]);
    rerender({ state: states.sovereign() });
    expect(sent).toHaveLength(1);
  });

  it('one notification naming the step when a followed run fails', () => {
    const { sent } = optedIn();
    const { rerender } = follow(states.waiting());
    rerender({ state: states.failed() });
    expect(sent).toEqual([
      {
        title: `Cutover failed · ${host()}`,
        options: {
          body: 'The cutover stopped at Create Harbor proxy projects. Open the console to retry it.',
          tag: `cutover-failed:${host()}`,
        },
      },
    ]);
  });

  it('a failure without a step says so without one', () => {
    const { sent } = optedIn();
    const { rerender } = follow(states.cuttingOver());
    rerender({ state: states.failedWithoutStep() });
    expect(sent.map(({ options }) => options?.body)).toEqual([
      'The cutover stopped. Open the console to retry it.',
    ]);
  });

  it('nothing for a step, or for a run that starts', () => {
    const { sent } = optedIn();
    const { rerender } = follow(states.waiting());
    rerender({ state: states.cuttingOver() });
    rerender({ state: states.cuttingOver() });
    expect(sent).toEqual([]);
  });

  it('nothing for a state found on the first answer: that run was not followed', () => {
    const { sent } = optedIn();
    const { rerender } = follow(states.loading());
    rerender({ state: states.sovereign() });
    expect(sent).toEqual([]);
  });

  it('a problem or a reload in between does not end the run: Sovereign after it still counts', () => {
    const { sent } = optedIn();
    const { rerender } = follow(states.cuttingOver());
    rerender({ state: states.problem() });
    rerender({ state: states.loading() });
    rerender({ state: states.sovereign() });
    expect(sent.map(({ title }) => title)).toEqual([`Sovereign · ${host()}`]);
  });

  it('nothing while the window has the focus', () => {
    const { sent } = optedIn();
    hasFocus.mockReturnValue(true);
    const { rerender } = follow(states.cuttingOver());
    rerender({ state: states.sovereign() });
    expect(sent).toEqual([]);
  });

  it('nothing, and no error, where an opt-in of this session meets a browser without Notification', () => {
    sessionStorage.setItem(NOTIFY_OPT_IN_KEY, 'on');
    vi.stubGlobal('Notification', undefined);
    const { result, rerender } = follow(states.cuttingOver());
    rerender({ state: states.sovereign() });
    expect(result.current.state).toBe('unsupported');
  });

  it('nothing without the opt-in', () => {
    const { sent } = fakeNotifications('granted');
    const { rerender } = follow(states.cuttingOver());
    rerender({ state: states.sovereign() });
    expect(sent).toEqual([]);
  });

  it('nothing once the permission is withdrawn, even with the opt-in', () => {
    const { sent } = optedIn();
    const { rerender } = follow(states.cuttingOver());
    Object.assign(globalThis.Notification, { permission: 'default' });
    rerender({ state: states.sovereign() });
    expect(sent).toEqual([]);
  });

  it('nothing after Stop notifications', () => {
    const { sent } = optedIn();
    const { result, rerender } = follow(states.cuttingOver());
    act(() => {
      result.current.disable();
    });
    rerender({ state: states.sovereign() });
    expect(sent).toEqual([]);
  });

  it('a run followed before opting in still counts once opted in', async () => {
    const notifications = fakeNotifications('default');
    const { result, rerender } = follow(states.cuttingOver());
    act(() => {
      result.current.enable();
    });
    await notifications.answer('granted');
    expect(notifications.sent).toEqual([]);
    rerender({ state: states.failed() });
    expect(notifications.sent.map(({ title }) => title)).toEqual([`Cutover failed · ${host()}`]);
  });
});
