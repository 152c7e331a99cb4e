import type { ReactNode } from 'react';
import './SectionTitle.css';

/** The heading of a section inside a card (an h3 under the card's h2); `id` names the section. */
export function SectionTitle({ id, children }: { id: string; children: ReactNode }) {
  return (
    <h3 className="section-title" id={id}>
      {children}
    </h3>
  );
}
