/** Placeholder: price books. */
export function PriceBooksPage() {
  return <p>This page arrives shortly.</p>;
}
