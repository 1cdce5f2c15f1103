// Comment events are kept for EVENT_RETENTION_DAYS; a resume from before that gets a resync.
import type { Config } from "../config.js";
import type { Database } from "../db.js";

export async function pruneCommentEvents({ config, database }: { config: Pick<Config, "eventRetentionDays">; database: Pick<Database, "prisma"> }): Promise<number> {
  const cutoff = new Date(Date.now() - config.eventRetentionDays * 86_400_000);
  const { count } = await database.prisma.commentEvent.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
