import './Alert.css';

export type AlertTone = 'danger' | 'warning' | 'info';

/**
 * The classes that give an element an Alert's look, with Alert's stylesheet: for a region that must
 * stay mounted while empty (a polite status announced when its text appears), which Alert itself
 * cannot be.
 */
export function alertClassNames(tone: AlertTone): { root: string; title: string } {
  return { root: `alert alert--${tone}`, title: 'alert__title' };
}
