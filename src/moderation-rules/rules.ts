// The spam and abuse rules admins keep and the commenter standings moderators set, read from the
// database once and held in memory, so a post reads none of them. A change
// announces itself on the event bus, so every instance (through Redis) drops its copy; a short
// time to live bounds how stale a copy can be if a notice is lost.
import type { Db } from "../db.js";
import type { EventBus } from "../events/bus.js";
import type { Standing } from "../generated/prisma/client.js";
import { WordMatcher } from "./words.js";

/** The rules as the screen applies them. */
export interface RuleSet {
  banned: WordMatcher;
  suspect: WordMatcher;
  blockedDomains: string[];
  /** Empty: links may point anywhere. */
  allowedDomains: string[];
  maxLinks: number;
  premodNewcomers: boolean;
  /** Days after publication that an article without its own setting stops taking comments; null: never. */
  commentsCloseAfterDays: number | null;
  /** Commenter standings by "MATCH value" (see commenters.ts). */
  standings: Map<string, { standing: Standing; until: Date | null }[]>;
}

/** The defaults of the ModerationSettings row, used until an admin sets it. */
export const DEFAULT_SETTINGS = { maxLinks: 3, premodNewcomers: false, commentsCloseAfterDays: null, reportThreshold: 3 } as const;

/** One instance's cached copy of the rules. */
export class ModerationRules {
  private loading: Promise<RuleSet> | null = null;
  private loadedAt = 0;
  private readonly stopListening: () => void;

  constructor(private readonly options: { db: Db; events: EventBus; ttlMs: number; now?: () => number }) {
    this.stopListening = options.events.listen("moderation:rules", null, () => this.invalidate());
  }

  /** The current rules, loaded when missing or older than the time to live. */
  current(): Promise<RuleSet> {
    const now = this.options.now?.() ?? Date.now();
    if (!this.loading || now - this.loadedAt >= this.options.ttlMs) {
      this.loadedAt = now;
      const loading = load(this.options.db);
      // A failed load is not kept: the next comment tries again.
      loading.catch(() => this.loading === loading && this.invalidate());
      this.loading = loading;
    }
    return this.loading;
  }

  invalidate(): void {
    this.loading = null;
  }

  close(): void {
    this.stopListening();
  }
}

/** Tells every instance that the rules or the commenter standings changed. */
export function announceRulesChanged(events: EventBus): void {
  events.publish("moderation:rules", null, { changed: true });
}

async function load(db: Db): Promise<RuleSet> {
  const [rules, settings, standingRows] = await Promise.all([
    db.moderationRule.findMany({ select: { kind: true, value: true }, orderBy: { id: "asc" } }),
    db.moderationSettings.findUnique({ where: { id: 1 } }),
    db.commenterStanding.findMany({ select: { match: true, value: true, standing: true, until: true } }),
  ]);
  const standings: RuleSet["standings"] = new Map();
  for (const row of standingRows) {
    const key = `${row.match} ${row.value}`;
    standings.set(key, [...(standings.get(key) ?? []), { standing: row.standing, until: row.until }]);
  }
  const values = (kind: (typeof rules)[number]["kind"]) => rules.filter((rule) => rule.kind === kind).map((rule) => rule.value);
  return {
    banned: new WordMatcher(values("BANNED_WORD")),
    suspect: new WordMatcher(values("SUSPECT_WORD")),
    blockedDomains: values("BLOCKED_DOMAIN"),
    allowedDomains: values("ALLOWED_DOMAIN"),
    maxLinks: settings?.maxLinks ?? DEFAULT_SETTINGS.maxLinks,
    premodNewcomers: settings?.premodNewcomers ?? DEFAULT_SETTINGS.premodNewcomers,
    commentsCloseAfterDays: settings ? settings.commentsCloseAfterDays : DEFAULT_SETTINGS.commentsCloseAfterDays,
    standings,
  };
}
