// Fan-out in slices. Handing one event to thousands of subscribers is one long burst of work if done
// at once; a write waiting on the database then waits for the whole burst before it can send its
// next statement, and a serialised writer holds its lock all that while. Here a burst runs a slice
// per event-loop turn, so I/O callbacks (writes among them) run between slices. A slice is sized
// from the CPU time the last turn took (the promise reactions it set off included): on a busy
// machine the wall time of a turn is mostly waiting for a core, which smaller slices would not cut.
// Slicing is for writes: with none queued or running, a burst goes at once (yielding then would only
// stretch it); while they are, fan-out also waits one more turn after each slice, so their I/O is
// served twice as often as fan-out runs.
import { setImmediate as turn } from "node:timers/promises";
import { waitedOnTasks } from "../admission.js";

/** CPU time one turn of fan-out (its reactions and the I/O between turns included) should take. */
const TURN_MS = 4;
const MIN_SLICE = 128;
const MAX_SLICE = 4096;

/** Runs work over many items a slice per event-loop turn; one pace per kind of work, kept between bursts. */
export class Slicer {
  private size = 512;

  /** Calls `each` on every item in order, `size` per turn; resolves once the last slice has run. */
  async forEach<T>(items: readonly T[], each: (item: T) => void): Promise<void> {
    let start = 0;
    while (start < items.length) {
      const sliced = waitedOnTasks() > 0;
      const began = process.cpuUsage();
      const end = sliced ? Math.min(items.length, start + this.size) : items.length;
      for (let i = start; i < end; i++) each(items[i]!);
      start = end;
      if (!sliced) return;
      // The last slice waits its turn too: its reactions are what this measures.
      await turn();
      const used = process.cpuUsage(began);
      this.adapt((used.user + used.system) / 1000);
      await turn();
    }
  }

  private adapt(took: number): void {
    if (took > TURN_MS) this.size = Math.max(MIN_SLICE, Math.floor(this.size / 2));
    else if (took < TURN_MS / 2) this.size = Math.min(MAX_SLICE, this.size * 2);
  }
}
