import type { ReactNode } from 'react';
import { Alert } from '@/components/Alert';
import { CrownIcon } from '@/components/icons';
import { ThemeSelect } from './theme';
import './Shell.css';

interface ShellProps {
  children: ReactNode;
  /** A warning about the deployment (an ignored config.json), shown to every operator. */
  configWarning?: string | undefined;
  /** The offline demo's scenario switcher; absent in production builds. */
  demoBar?: ReactNode;
}

export function Shell({ children, configWarning, demoBar }: ShellProps) {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {demoBar}
      <header className="shell__header">
        <div className="shell__brand">
          <span className="shell__name">
            <span className="shell__logo" aria-hidden="true">
              <CrownIcon />
            </span>
            Sovereign console
          </span>
          <span className="shell__host">{window.location.host}</span>
        </div>
        <ThemeSelect />
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {configWarning ? (
          <Alert tone="warning" title="Deployment configuration problem" live="none">
            <p>{configWarning}. The console uses its defaults.</p>
          </Alert>
        ) : null}
        {children}
      </main>
    </div>
  );
}
