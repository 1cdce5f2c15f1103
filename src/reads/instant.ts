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
  constructor(time: number, iso: string) {
    super(time);
    this.#iso = iso;
    this.#time = time;
  }
  override toISOString(): string {
    return this.getTime() === this.#time ? this.#iso : super.toISOString();
  }
}

/** A zoneless timestamp read as UTC, as Prisma reads the columns it writes. */
export function utcDate(text: string): Date {
  // Date.UTC reads years below 100 as 19xx; those few are read from text.
  if (!UTC_TEXT.test(text) || text.startsWith("00")) return new Date(`${text.replace(" ", "T")}Z`);
  // Dates keep milliseconds: the fraction is cut or padded to three digits, as toISOString writes it.
  const fraction = text.length > 20 ? `${text.slice(20, 23)}00`.slice(0, 3) : "000";
  const time = Date.UTC(digits(text, 0, 4), digits(text, 5, 7) - 1, digits(text, 8, 10), digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), Number(fraction));
  return new StoredDate(time, `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction}Z`);
}

/** The number written by the digits of `text` from `start` to `end`. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
}
