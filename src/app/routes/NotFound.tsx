import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';

export function NotFound() {
  const location = useLocation();
  useEffect(() => {
    document.title = 'Not found · Sovereign console';
  }, []);
  return (
    <div>
      <h1 className="page-title">There is no page here</h1>
      <p className="page-intro">
        Nothing lives at <code>{location.pathname}</code>.{' '}
        <Link to="/console/dashboard">Go to the dashboard</Link>.
      </p>
    </div>
  );
}
