import { markMounted } from './boot-marker';
import { describeFailure } from './failure-text';

function element<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  className: string,
  text?: string,
): HTMLElementTagNameMap[Tag] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * FailureView built with the DOM alone, for when React cannot show it: the console failed before
 * it rendered (src/main.tsx's boot), or an error escaped every error boundary and React unmounted
 * the tree. Same words, same classes, text only. docs/architecture.md ("Never a blank page").
 */
export function showPlainFailureView(
  container: HTMLElement,
  error: unknown,
  during: 'page' | 'start',
  onReload: () => void = () => {
    window.location.reload();
  },
): void {
  const text = describeFailure(error, during);
  const title = element('h1', 'failure-view__title', text.title);
  title.id = 'console-failure-title';
  const message = element('div', 'failure-view__message');
  message.setAttribute('role', 'alert');
  message.append(
    title,
    element('p', '', text.explanation),
    element('p', 'failure-view__calm', text.reassurance),
  );
  const reload = element('button', 'button button--primary', 'Reload');
  reload.type = 'button';
  reload.addEventListener('click', onReload);
  const actions = element('div', 'failure-view__actions');
  actions.append(reload);
  const details = element('details', 'failure-view__details');
  const errorText = element('pre', '', text.details);
  errorText.tabIndex = 0; // it may scroll: keyboards must reach it
  details.append(element('summary', '', 'Technical details'), errorText);
  const view = element('section', 'failure-view');
  view.setAttribute('aria-labelledby', title.id);
  view.append(message, actions, details);
  const page = element('main', 'failure-page');
  page.append(view);
  container.replaceChildren(page);
  markMounted();
}
