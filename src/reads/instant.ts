// Timestamps as the database writes them, read as UTC Dates that already know their ISO text.
// Every DateTime the API serves goes through toISOString, which with parsing the text was about
// 3% of the CPU of a list page and more of a comment thread; the database's own text is already
// that string but for a letter and the padding of the milliseconds.

/** `2026-02-21 16:00:00.12` (a column) or `2026-02-21T16:00:00.12` (PostgreSQL's JSON), no zone. */
const UTC_TEXT = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?$/;

/** A Date that serialises to the text it was read from, for as long as nobody changes it. */
class StoredDate extends Date {
  readonly #iso: string;
  readonly #time: number;
  constructor(iso: string) {
    super(iso);
    this.#iso = iso;
    this.#time = this.getTime();
  }
  override toISOString(): string {
    return this.getTime() === this.#time ? this.#iso : super.toISOString();
  }
}

/** A zoneless timestamp read as UTC, as Prisma reads the columns it writes. */
export function utcDate(text: string): Date {
  if (!UTC_TEXT.test(text)) return new Date(`${text.replace(" ", "T")}Z`);
  // Dates keep milliseconds: the fraction is cut or padded to three digits, as toISOString writes it.
  const fraction = text.length > 20 ? `${text.slice(20, 23)}00`.slice(0, 3) : "000";
  return new StoredDate(`${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction}Z`);
}
