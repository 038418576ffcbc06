export default function Loading() {
  return (
    <div className="stack" role="status" aria-busy="true" aria-label="Loading">
      <span className="skeleton" style={{ width: 180, height: 22 }} />
      <span className="skeleton" style={{ width: 320 }} />
      <div className="card card-body stack">
        <span className="skeleton" style={{ width: '70%' }} />
        <span className="skeleton" style={{ width: '55%' }} />
        <span className="skeleton" style={{ width: '62%' }} />
      </div>
    </div>
  );
}
