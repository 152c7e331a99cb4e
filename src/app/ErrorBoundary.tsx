import { Component, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { FailureView } from './FailureView';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** A new value clears the failure (the route boundary passes the path: navigating resets it). */
  resetKey?: string;
  /** Outside the shell: the fallback is the whole page. */
  standalone?: boolean;
}

interface ErrorBoundaryState {
  /** Boxed, so that a thrown `undefined` still counts as a failure. */
  failure: { error: unknown } | undefined;
  resetKey: string | undefined;
}

/**
 * A render error below shows FailureView instead of unmounting the console into a blank page.
 * A class: React 19 still has no hook for catching render errors. docs/architecture.md
 * ("Never a blank page").
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failure: undefined, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { failure: { error } };
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    return props.resetKey === state.resetKey
      ? null
      : { failure: undefined, resetKey: props.resetKey };
  }

  override render() {
    const { failure } = this.state;
    if (!failure) return this.props.children;
    return <FailureView error={failure.error} standalone={this.props.standalone ?? false} />;
  }
}

/** Around the routes, inside the shell: the header stays, and going to another page clears it. */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <ErrorBoundary resetKey={pathname}>{children}</ErrorBoundary>;
}
