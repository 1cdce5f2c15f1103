// The instants both databases store: years 1 to 9999 (an expanded year like +010000 cannot be written).

const EARLIEST = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/** Whether `date` is an instant of year 1 to 9999, which SQLite and PostgreSQL both store. */
export function isStorableDate(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST && time <= LATEST;
}
