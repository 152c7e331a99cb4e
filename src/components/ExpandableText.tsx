import { useId, useState } from 'react';
import './ExpandableText.css';

interface ExpandableTextProps {
  /**
   * Server text: rendered as text, never parsed as HTML, and bidi-isolated (`<bdi>`), so its
   * right-to-left script or control characters cannot reorder the words around it.
   */
  text: string;
  /** Characters shown before "Show all". */
  limit?: number;
  moreLabel?: string;
}

export function ExpandableText({
  text,
  limit = 160,
  moreLabel = 'Show full text',
}: ExpandableTextProps) {
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const long = text.length > limit;
  const shown = !long || expanded ? text : `${text.slice(0, limit).trimEnd()}…`;
  return (
    <div className="expandable">
      <p className="expandable__text" id={id}>
        <bdi>{shown}</bdi>
      </p>
      {long ? (
        <button
          type="button"
          className="expandable__toggle"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => {
            setExpanded((value) => !value);
          }}
        >
          {expanded ? 'Show less' : moreLabel}
        </button>
      ) : null}
    </div>
  );
}
