import { useEffect } from 'react';
import { SovereigntyCard } from '@/features/sovereignty/components/SovereigntyCard';

export function Dashboard() {
  useEffect(() => {
    document.title = 'Dashboard · Sovereign console';
  }, []);
  return (
    <>
      <div>
        <h1 className="page-title">Dashboard</h1>
        <p className="page-intro">This Sovereign&apos;s control plane at a glance.</p>
      </div>
      <div className="dashboard-grid">
        <SovereigntyCard />
      </div>
    </>
  );
}
