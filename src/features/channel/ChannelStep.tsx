/** The channel step of the wizard: its form arrives in a coming release. */
export function ChannelStep() {
  return (
    <p>This step arrives in a coming release; the sample plan is priced in the live summary.</p>
  );
}
