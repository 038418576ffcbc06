import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="auth-page">
      <div className="card auth-card" style={{ textAlign: 'center' }}>
        <h1 className="auth-title">Page not found</h1>
        <p className="auth-subtitle">This page does not exist or was moved.</p>
        <Link className="btn btn-primary" href="/">
          Back to the overview
        </Link>
      </div>
    </div>
  );
}
