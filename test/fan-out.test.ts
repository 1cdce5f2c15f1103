// Fan-out in slices: while writes wait, a burst handed to many subscribers gives the event loop back
// between slices, so a write's I/O runs before the burst ends; it still finishes, in order.
import { describe, expect, it } from "vitest";
import { Gate, waitedOnTasks } from "../src/admission.js";
import { Slicer } from "../src/events/slices.js";

const burst = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Hands a burst of `n` items to a new Slicer; gives the items, those visited, and how many were visited when a callback the first item queued ran. */
async function sliceBurst(n: number) {
  const items = burst(n);
  const visited: number[] = [];
  let ranAfter = -1;
  await new Slicer().forEach(items, (item) => {
    if (item === 0) setImmediate(() => (ranAfter = visited.length));
    visited.push(item);
  });
  return { items, visited, ranAfter: () => ranAfter };
}

describe("fan-out in slices", () => {
  it("while a write waits, visits every item once and in order, and lets a callback queued during the burst run before it ends", async () => {
    const writes = new Gate({ concurrency: 1, maxWaitMs: 10_000 });
    let finish!: () => void;
    const write = writes.run(() => new Promise<void>((resolve) => (finish = resolve)));
    const { items, visited, ranAfter } = await sliceBurst(10_000);
    expect(visited).toEqual(items);
    expect(ranAfter()).toBeGreaterThan(0);
    expect(ranAfter()).toBeLessThan(items.length);
    finish();
    await write;
  });

  it("with no write waiting, hands the whole burst over at once", async () => {
    const { items, visited, ranAfter } = await sliceBurst(10_000);
    expect(visited).toEqual(items);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ranAfter()).toBe(items.length);
  });

  it("counts the writes a client waits on, and still finishes a burst while they run", async () => {
    const writes = new Gate({ concurrency: 1, maxWaitMs: 10_000 });
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const running = writes.run(() => held);
    const queued = writes.run(async () => "second");
    expect(waitedOnTasks()).toBe(2);

    const visited: number[] = [];
    await new Slicer().forEach(burst(5000), (item) => visited.push(item));
    expect(visited).toEqual(burst(5000));
    expect(waitedOnTasks()).toBe(2);

    finish();
    await running;
    expect(await queued).toBe("second");
    expect(waitedOnTasks()).toBe(0);
  });

  it("does not count a refused write as waiting", async () => {
    const writes = new Gate({ concurrency: 1, maxWaitMs: 1 });
    let finish!: () => void;
    const running = writes.run(() => new Promise<void>((resolve) => (finish = resolve)));
    await expect(writes.run(async () => "late")).rejects.toMatchObject({ code: "OVERLOADED" });
    expect(waitedOnTasks()).toBe(1);
    finish();
    await running;
    expect(waitedOnTasks()).toBe(0);
  });
});
