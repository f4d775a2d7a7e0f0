/** Placeholder: comparing two scenarios. */
export function ComparePage() {
  return <p>This page arrives shortly.</p>;
}
