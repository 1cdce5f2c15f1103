// The failures an export or import reports to the operator, each with what to do about it.

/** A file of the export that cannot be loaded: its name, the line (1-based; null for the whole file) and why. */
export class ExportFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${line === null ? file : `${file}:${line}`}: ${reason}`);
    this.name = "ExportFormatError";
  }
}

/** An import or export that would overwrite something: the target database or directory is not empty. */
export class NotEmptyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotEmptyError";
  }
}

/** The export's target cannot be a directory this export writes to (a file stands there, no permission). */
export class ExportTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportTargetError";
  }
}
