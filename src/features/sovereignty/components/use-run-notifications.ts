import { useEffect, useRef, useState } from 'react';
import type { CardState } from './card-state';
import { cutoverFailure } from '../progress';
import { runNotification, type TabDisplay } from '../tab-status';

/** The opt-in is for this browser session only (docs/after-the-run.md). */
export const NOTIFY_OPT_IN_KEY = 'catalyst-console:notify-run-end';

export type NotifyState = 'unsupported' | 'off' | 'asking' | 'on' | 'blocked';

type NotificationApi = typeof Notification;

/** Looked up at call time, so tests can put a fake `Notification` in place. */
function notificationApi(): NotificationApi | undefined {
  return typeof globalThis.Notification === 'function' ? globalThis.Notification : undefined;
}

function readOptIn(): boolean {
  try {
    return sessionStorage.getItem(NOTIFY_OPT_IN_KEY) === 'on';
  } catch {
    return false;
  }
}

function writeOptIn(on: boolean): void {
  try {
    if (on) sessionStorage.setItem(NOTIFY_OPT_IN_KEY, 'on');
    else sessionStorage.removeItem(NOTIFY_OPT_IN_KEY);
  } catch {
    // Storage refused: the opt-in lasts as long as this page.
  }
}

/**
 * Sends one notification when a followed run reaches Sovereign or fails, if the operator opted in
 * and the window does not have the focus; the rules are `runNotification` (tab-status.ts).
 */
export function useRunNotifications(state: CardState) {
  const [optedIn, setOptedIn] = useState(readOptIn);
  const [asking, setAsking] = useState(false);
  const [, setPermissionSeen] = useState<NotificationPermission | undefined>();
  const previous = useRef<TabDisplay | undefined>(undefined);
  const api = notificationApi();
  const display = state.display;
  const failedAt = state.display === 'failed' ? cutoverFailure(state.status).stepLabel : undefined;

  useEffect(() => {
    // Problems and the first load do not end a run: the last data display is what counts.
    if (display === 'loading' || display === 'problem') return;
    const before = previous.current;
    previous.current = display;
    const Api = notificationApi();
    if (!optedIn || Api === undefined || Api.permission !== 'granted') return;
    const note = runNotification(before, display, {
      focused: document.hasFocus(),
      host: window.location.hostname,
      ...(failedAt === undefined ? {} : { failedAt }),
    });
    if (note) new Api(note.title, { body: note.body, tag: note.tag });
  }, [display, failedAt, optedIn]);

  const enable = () => {
    const Api = notificationApi();
    if (Api === undefined) return;
    setAsking(true);
    void Api.requestPermission().then(
      (permission) => {
        setAsking(false);
        setPermissionSeen(permission);
        if (permission === 'granted') {
          writeOptIn(true);
          setOptedIn(true);
        }
      },
      () => {
        setAsking(false);
      },
    );
  };
  const disable = () => {
    writeOptIn(false);
    setOptedIn(false);
  };

  const permission = api?.permission;
  const notifyState: NotifyState =
    api === undefined
      ? 'unsupported'
      : permission === 'denied'
        ? 'blocked'
        : asking
          ? 'asking'
          : optedIn && permission === 'granted'
            ? 'on'
            : 'off';
  return { state: notifyState, enable, disable };
}
