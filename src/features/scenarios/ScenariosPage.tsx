/** Placeholder: the scenario library. */
export function ScenariosPage() {
  return <p>This page arrives shortly.</p>;
}
