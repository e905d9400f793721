import "server-only";
import { type Actor, can } from "@/lib/auth/permissions";
import { diffRecords } from "@/lib/domain/audit/diff";
import { leadDuplicateKeys, type LeadRowError, type ValidatedLeadRow } from "@/lib/domain/leads/csv-import";
import type { Prisma } from "@/lib/generated/prisma/client";
import { accessWhere } from "./access-scopes";
import { writeAudit } from "./audit";
import { db, transaction } from "./db";
import { NotAllowedError, RuleError } from "./errors";
import { takeRoundRobinTurns } from "./leads";

export type LeadImportStatus = "imported" | "skipped" | "failed";
/** One line of the report; `reason` is an i18n key, `detail` its argument or the field errors. */
export type LeadImportOutcome = { line: number; status: LeadImportStatus; leadId?: number; name?: string; reason?: string; detail?: string; errors?: LeadRowError[] };
export type LeadImportReport = { imported: number; skipped: number; failed: number; rows: LeadImportOutcome[] };
export type LeadImportOptions = { roundRobin: boolean };

/**
 * Imports validated lead rows in ONE transaction: an unexpected failure imports nothing. Invalid
 * rows, unknown or refused owners and duplicates (same email, or same name and company, as an
 * existing lead or an earlier row of the file) are reported per line, not thrown. With round-robin,
 * rows without an owner are dealt out to the actor's team in turn, moving the team's pointer once.
 */
export async function importLeads(actor: Actor, rows: ValidatedLeadRow[], options: LeadImportOptions): Promise<LeadImportReport> {
  if (!can(actor, "lead.create")) throw new NotAllowedError({ userId: actor.id, action: "lead.create", entity: "Lead", entityId: null });
  if (options.roundRobin && actor.teamId === null) throw new RuleError("leads.errors.noTeam");
  const outcomes: LeadImportOutcome[] = [];
  for (const row of rows) {
    if (!row.ok) outcomes.push({ line: row.line, status: "failed", reason: "leadImport.report.invalid", errors: row.errors });
  }
  const valid = rows.filter((r): r is Extract<ValidatedLeadRow, { ok: true }> => r.ok);
  const prisma = await db();
  const ownerEmails = [...new Set(valid.map((r) => r.value.ownerEmail).filter((e): e is string => e !== null))];
  const owners = await prisma.user.findMany({ where: { email: { in: ownerEmails }, active: true }, select: { id: true, email: true, teamId: true } });
  const ownerByEmail = new Map(owners.map((o) => [o.email.toLowerCase(), o]));
  let denied = 0;

  await transaction(async (tx) => {
    // Existing leads sharing an email or a name with the file: the only ones that can be duplicates.
    // Only leads the actor may read count: the report names them, and another team's leads are none
    // of the actor's business (their owners find the overlap in their own list).
    const emails = valid.map((r) => r.value.email).filter((e): e is string => e !== null);
    const names = valid.map((r) => r.value.name);
    const existing = await tx.lead.findMany({
      where: { AND: [accessWhere(actor, "lead.read", "Lead"), { OR: [{ email: { in: emails, mode: "insensitive" } }, { name: { in: names, mode: "insensitive" } }] }] },
      select: { id: true, name: true, company: true, email: true },
    });
    const seen = new Map<string, string>();
    for (const lead of existing) for (const key of leadDuplicateKeys(lead)) seen.set(key, `#${lead.id} ${lead.name}`);

    type Pending = { line: number; data: Omit<Prisma.LeadCreateManyInput, "ownerId" | "teamId">; ownerId: number | null; teamId: number | null; roundRobin: boolean };
    const pending: Pending[] = [];
    for (const { line, value } of valid) {
      const keys = leadDuplicateKeys(value);
      const dupe = keys.map((k) => seen.get(k)).find((v) => v !== undefined);
      if (dupe) {
        outcomes.push({ line, status: "skipped", name: value.name, reason: "leadImport.report.duplicate", detail: dupe });
        continue;
      }
      const requested = value.ownerEmail ? ownerByEmail.get(value.ownerEmail) : undefined;
      if (value.ownerEmail && !requested) {
        outcomes.push({ line, status: "failed", name: value.name, reason: "leadImport.report.unknownOwner", detail: value.ownerEmail });
        continue;
      }
      const roundRobin = !requested && options.roundRobin;
      const ownerId = requested ? requested.id : roundRobin || actor.role === "ADMIN" ? null : actor.id;
      const teamId = requested ? requested.teamId : actor.teamId;
      if (!roundRobin && !can(actor, "lead.create", { ownerId, ownerTeamId: ownerId === null ? null : teamId })) {
        denied++;
        outcomes.push({ line, status: "failed", name: value.name, reason: "leadImport.report.notAllowed", detail: value.ownerEmail ?? "" });
        continue;
      }
      for (const key of keys) seen.set(key, `${value.name} (${line})`);
      const profile = { name: value.name, company: value.company, email: value.email, phone: value.phone, region: value.region, source: value.source };
      pending.push({ line, data: { ...profile, createdById: actor.id }, ownerId, teamId, roundRobin });
    }

    const rotationCount = pending.filter((p) => p.roundRobin).length;
    // actor.teamId is non-null whenever round-robin is on (checked above).
    const turns = rotationCount > 0 && actor.teamId !== null ? await takeRoundRobinTurns(tx, actor.teamId, rotationCount) : [];
    let turn = 0;
    for (const p of pending) {
      if (!p.roundRobin) continue;
      p.ownerId = turns[turn++];
      // Dealing out to the team is the team's business: the actor needs the create right for each rep.
      if (!can(actor, "lead.create", { ownerId: p.ownerId, ownerTeamId: p.teamId })) throw new NotAllowedError({ userId: actor.id, action: "lead.create", entity: "Lead", entityId: null });
    }
    if (pending.length === 0) return;
    const inserted = await tx.lead.createManyAndReturn({ data: pending.map((p) => ({ ...p.data, ownerId: p.ownerId, teamId: p.teamId })), select: { id: true } });
    const audits: Prisma.AuditLogCreateManyInput[] = inserted.map((row, i) => {
      const p = pending[i];
      outcomes.push({ line: p.line, status: "imported", leadId: row.id, name: p.data.name });
      const after = { ...p.data, ownerId: p.ownerId, teamId: p.teamId, status: "NEW" };
      return { userId: actor.id, action: "CREATE", entity: "Lead", entityId: String(row.id), changes: JSON.parse(JSON.stringify(diffRecords(null, after))) as Prisma.InputJsonValue };
    });
    if (options.roundRobin && turns.length > 0) audits.push({ userId: actor.id, action: "UPDATE", entity: "Team", entityId: String(actor.teamId), changes: { lastLeadAssigneeId: turns[turns.length - 1] } });
    await tx.auditLog.createMany({ data: audits });
  });
  if (denied > 0) await writeAudit(prisma, { userId: actor.id, action: "DENIED", entity: "Lead", detail: { action: "lead.import", rows: denied } });
  outcomes.sort((a, b) => a.line - b.line);
  const count = (s: LeadImportStatus) => outcomes.filter((o) => o.status === s).length;
  return { imported: count("imported"), skipped: count("skipped"), failed: count("failed"), rows: outcomes };
}
