// WordPress' dates: "YYYY-MM-DD HH:MM:SS", local (post_date) and UTC (post_date_gmt); drafts carry
// "0000-00-00 00:00:00" for a date not yet set. WXR does not name the site's time zone, so it is
// learnt from the export's own items: the offset between an item's local and UTC dates.

/** A WordPress date: null when unset (zeros or empty), an invalid Date when it is not a date at all. */
export function wordpressDate(text: string, offsetMinutes = 0): Date | null {
  if (text === "" || text.startsWith("0000-00-00")) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return new Date(Number.NaN);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(time);
  // Date.UTC rolls "02-31" into March: a day that does not exist is not a date.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return new Date(Number.NaN);
  return new Date(time - offsetMinutes * 60_000);
}

/** The site's offset from UTC as the export shows it: learnt from the first item that has both dates, UTC until then. */
export class SiteClock {
  private offset: number | null = null;

  /** Reads a local and a UTC date: the UTC one when set, else the local one at the learnt offset. */
  instant(local: string, gmt: string): Date | null {
    const utc = wordpressDate(gmt);
    const wall = wordpressDate(local);
    if (utc && wall && !Number.isNaN(utc.getTime()) && !Number.isNaN(wall.getTime())) {
      this.offset ??= Math.round((wall.getTime() - utc.getTime()) / 60_000);
      return utc;
    }
    if (utc && !Number.isNaN(utc.getTime())) return utc;
    return wordpressDate(local, this.offset ?? 0);
  }
}
