import { useId } from 'react';
import { CopyButton } from './CopyButton';
import './CopyableCommand.css';

interface CopyableCommandProps {
  /** A shell command, shown as it is and copied as it is. */
  command: string;
  /** What the command is for: completes the copy button's name ("Copy the logs command"). */
  purpose: string;
}

/** A command an operator runs in a terminal: monospace, left-to-right, with a Copy button. */
export function CopyableCommand({ command, purpose }: CopyableCommandProps) {
  const id = useId();
  return (
    <div className="command">
      <code className="command__text" id={id} dir="ltr">
        {command}
      </code>
      <CopyButton text={command} label={`Copy ${purpose}`} targetId={id} />
    </div>
  );
}
