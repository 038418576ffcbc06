/** Pretty-printed JSON in a scrollable block; long documents scroll inside it instead of stretching the page. */
export function JsonBlock({ value, className }: { value: unknown; className?: string }) {
  return (
    <pre className={className ? `code-block ${className}` : 'code-block'}>
      <code>{JSON.stringify(value, null, 2)}</code>
    </pre>
  );
}
