// A progress bar for a long import, on stderr and only on a terminal: items read, bytes of the file
// read against its size, and the rate. Piped or redirected output stays clean.
import { SingleBar } from "cli-progress";

/** Updates the bar; `stop` clears the line for the summary. */
export interface ImportProgress {
  update(state: { items: number; bytes: number }): void;
  stop(): void;
}

/** A bar for a file of `totalBytes`, counting `unit` ("items", "comments"); does nothing when stderr is not a TTY. */
export function startProgress(totalBytes: number, unit: string, stream: NodeJS.WriteStream = process.stderr): ImportProgress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const started = Date.now();
  const bar = new SingleBar({
    stream,
    format: `{bar} {percentage}% | {read} of {size} | {items} ${unit} | {rate} ${unit}/s | {duration_formatted}`,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  bar.start(Math.max(totalBytes, 1), 0, { read: megabytes(0), size: megabytes(totalBytes), items: 0, rate: 0 });
  return {
    update({ items, bytes }) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(Math.min(bytes, totalBytes), { read: megabytes(bytes), size: megabytes(totalBytes), items, rate: Math.round(items / seconds) });
    },
    stop() {
      bar.stop();
    },
  };
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
