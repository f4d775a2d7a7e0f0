/** Placeholder: a scenario opened from a share link. */
export function SharedScenarioPage() {
  return <p>This page arrives shortly.</p>;
}
