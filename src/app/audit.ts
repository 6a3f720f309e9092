/**
 * The audit log: who changed what, when, with the record before and after. Written in the same transaction as
 * the change it records, so a change and its entry land together or not at all.
 */
import type { Kysely } from "kysely";
import type { Database } from "./db/schema.ts";

export type AuditAction = "create" | "update" | "delete" | "set-target" | "publish";

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subjectKind: string;
  readonly subjectId: string;
  readonly before: unknown;
  readonly after: unknown;
}

export async function recordAudit(
  db: Kysely<Database>,
  entry: {
    actor: string;
    action: AuditAction;
    subjectKind: string;
    subjectId: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await db
    .insertInto("auditLog")
    .values({
      actor: entry.actor,
      action: entry.action,
      subjectKind: entry.subjectKind,
      subjectId: entry.subjectId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** The latest entries first, optionally for one subject. */
export async function listAudit(
  db: Kysely<Database>,
  filter: { subjectKind?: string; subjectId?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  let query = db.selectFrom("auditLog").selectAll();
  if (filter.subjectKind) query = query.where("subjectKind", "=", filter.subjectKind);
  if (filter.subjectId) query = query.where("subjectId", "=", filter.subjectId);
  const rows = await query
    .orderBy("id", "desc")
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
