/**
 * Slack wants every request acknowledged within three seconds, and an acknowledgement is cheap
 * while an answer (a pathway card: queries, rendering) costs milliseconds of the one event loop.
 * Under a burst, answers started at once would keep new requests' acknowledgements waiting behind
 * them. So after acknowledging, a listener waits for its turn: one answer starts per turn of the
 * event loop, and between two of them Node reads and acknowledges whatever requests arrived.
 */
let last: Promise<void> = Promise.resolve();

export function afterPendingAcks(): Promise<void> {
  // setImmediate runs after the event loop's poll phase, where waiting requests are read.
  const turn = last.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  last = turn;
  return turn;
}
