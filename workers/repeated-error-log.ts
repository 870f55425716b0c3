/**
 * Logs a repeated error once per window, with how many were left out since. BullMQ's workers report
 * each failed fetch of their next job as an `error` event and try again at once: with the database
 * refusing writes (a full disk) that was 135 records a second, each with a stack, from one process
 * (docs/reliability.md, "The disk of DATA_DIR full"), burying the one line that says why.
 */
export function repeatedErrorLog(write: (err: unknown, repeats: number) => void, windowMs = 10_000, now: () => number = Date.now) {
  let lastAt = -Infinity;
  let left = 0;
  return (err: unknown) => {
    const t = now();
    if (t - lastAt < windowMs && t >= lastAt) {
      left++;
      return;
    }
    // A clock stepped back (t < lastAt) logs at once rather than waiting out the window again.
    write(err, left);
    lastAt = t;
    left = 0;
  };
}
