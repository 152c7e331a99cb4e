import { useEffect } from 'react';
import type { CardState } from './card-state';
import { cutoverProgress } from '../progress';
import { faviconDataUrl, faviconMark, tabTitle, type TabSituation } from '../tab-status';

export function tabSituation(state: CardState): TabSituation {
  if (state.display === 'loading') return { display: 'loading' };
  if (state.display === 'problem') return { display: 'problem', problem: state.problem.kind };
  const { done, total } = cutoverProgress(state.status);
  return { display: state.display, problem: state.problem?.kind, done, total };
}

/**
 * The tab title and favicon follow the card (docs/after-the-run.md): "7/11 · Cutting over ·
 * <host>" and a matching mark, so a background tab tells the state. Both are put back on unmount.
 */
export function useTabStatus(state: CardState): void {
  const situation = tabSituation(state);
  // Before the first answer there is nothing to say: the page's own title stays.
  const title =
    situation.display === 'loading' ? undefined : tabTitle(situation, window.location.hostname);
  const mark = faviconMark(situation);
  const fraction =
    situation.done !== undefined && situation.total ? situation.done / situation.total : 0;
  const href = mark === undefined ? undefined : faviconDataUrl(mark, fraction);

  useEffect(() => {
    if (title === undefined) return;
    const before = document.title;
    document.title = title;
    // The page sets its own title in an effect, which runs after the card's on mount: once it has,
    // the card's state goes back on top.
    const again = setTimeout(() => {
      document.title = title;
    }, 0);
    return () => {
      clearTimeout(again);
      document.title = before;
    };
  }, [title]);

  useEffect(() => {
    if (href === undefined) return;
    let link = document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
    const created = link === null;
    if (link === null) {
      link = document.createElement('link');
      link.rel = 'icon';
      document.head.append(link);
    }
    const icon = link;
    const before = { href: icon.getAttribute('href'), type: icon.getAttribute('type') };
    icon.setAttribute('href', href);
    icon.setAttribute('type', 'image/svg+xml');
    return () => {
      if (created) {
        icon.remove();
        return;
      }
      for (const [name, value] of Object.entries(before)) {
        if (value === null) icon.removeAttribute(name);
        else icon.setAttribute(name, value);
      }
    };
  }, [href]);
}
