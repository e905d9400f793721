import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { diffRecords } from "@/lib/platform/audit-diff";
import { leadDuplicateKeys, type LeadImportField, type LeadImportRow, leadImportSpec } from "@/lib/leads/rules/import-spec";
import type { Prisma } from "@/lib/generated/prisma/client";
import { accessWhere } from "@/lib/platform/auth/scope-filters";
import type { ValidatedRow } from "@/lib/platform/import/field-spec";
import type { ImportTarget } from "@/lib/platform/import/handlers";
import { type ImportProgress, type ImportReport, ImportReportBuilder, inBatches } from "@/lib/platform/import/report";
import { writeAudit } from "@/lib/platform/audit";
import { db, transaction } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { takeRoundRobinTurns } from "@/lib/leads/mutations";

export type LeadImportOptions = { roundRobin: boolean };

export const IMPORT_BATCH = 1000;

/**
 * Imports validated lead rows in ONE transaction: an unexpected failure imports nothing. Invalid
 * rows, unknown or refused owners and duplicates (same email, or same name and company, as an
 * existing lead or an earlier row of the file) are reported per line, not thrown. With round-robin,
 * rows without an owner are dealt out to the actor's team in turn, moving the team's pointer once.
 *
 * Duplicates are looked for among the leads the importer may read only: another team's leads are
 * none of their business, and naming one ("duplicate of #12 Li Wei") would disclose it.
 */
export async function importLeads(actor: Actor, rows: ValidatedRow<LeadImportRow>[], options: LeadImportOptions, onProgress?: ImportProgress): Promise<ImportReport> {
  if (!can(actor, "lead.create")) throw new NotAllowedError({ userId: actor.id, action: "lead.create", entity: "Lead", entityId: null });
  if (options.roundRobin && actor.teamId === null) throw new RuleError("leads.errors.noTeam");
  const report = new ImportReportBuilder(leadImportSpec.messages);
  const valid = report.validOnly(rows);
  const prisma = await db();
  const ownerEmails = [...new Set(valid.map((r) => r.value.ownerEmail).filter((e): e is string => e !== null))];
  const owners = await prisma.user.findMany({ where: { email: { in: ownerEmails }, active: true }, select: { id: true, email: true, teamId: true } });
  const ownerByEmail = new Map(owners.map((o) => [o.email.toLowerCase(), o]));

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
    const seen = new Map<string, { id?: number; detail: string }>();
    for (const lead of existing) for (const key of leadDuplicateKeys(lead)) seen.set(key, { id: lead.id, detail: `#${lead.id} ${lead.name}` });

    type Pending = { line: number; data: Omit<Prisma.LeadCreateManyInput, "ownerId" | "teamId">; ownerId: number | null; teamId: number | null; roundRobin: boolean };
    const pending: Pending[] = [];
    for (const { line, value } of valid) {
      const keys = leadDuplicateKeys(value);
      const dupe = keys.map((k) => seen.get(k)).find((v) => v !== undefined);
      if (dupe) {
        report.skip(line, "duplicate", { id: dupe.id, name: value.name, detail: dupe.detail });
        continue;
      }
      const requested = value.ownerEmail ? ownerByEmail.get(value.ownerEmail) : undefined;
      if (value.ownerEmail && !requested) {
        report.fail(line, "unknownOwner", { name: value.name, detail: value.ownerEmail });
        continue;
      }
      const roundRobin = !requested && options.roundRobin;
      const ownerId = requested ? requested.id : roundRobin || actor.role === "ADMIN" ? null : actor.id;
      const teamId = requested ? requested.teamId : actor.teamId;
      if (!roundRobin && !can(actor, "lead.create", { ownerId, ownerTeamId: ownerId === null ? null : teamId })) {
        report.denied++;
        report.fail(line, "notAllowed", { name: value.name, detail: value.ownerEmail ?? "" });
        continue;
      }
      for (const key of keys) seen.set(key, { detail: `${value.name} (${line})` });
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
    await inBatches(pending, IMPORT_BATCH, onProgress, async (batch) => {
      const inserted = await tx.lead.createManyAndReturn({ data: batch.map((p) => ({ ...p.data, ownerId: p.ownerId, teamId: p.teamId })), select: { id: true } });
      const audits: Prisma.AuditLogCreateManyInput[] = inserted.map((row, i) => {
        const p = batch[i];
        report.add({ line: p.line, status: "imported", id: row.id, name: p.data.name });
        const after = { ...p.data, ownerId: p.ownerId, teamId: p.teamId, status: "NEW" };
        return { userId: actor.id, action: "CREATE", entity: "Lead", entityId: String(row.id), changes: JSON.parse(JSON.stringify(diffRecords(null, after))) as Prisma.InputJsonValue };
      });
      await tx.auditLog.createMany({ data: audits });
    });
    if (turns.length > 0) await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Team", entityId: actor.teamId, detail: { lastLeadAssigneeId: turns[turns.length - 1] } });
  });
  if (report.denied > 0) await writeAudit(prisma, { userId: actor.id, action: "DENIED", entity: "Lead", detail: { action: "lead.import", rows: report.denied } });
  return report.finish();
}

/** Leads through the import pipeline; `roundRobin` deals rows without an owner out to the team. */
export const leadImport: ImportTarget<LeadImportField, LeadImportRow> = {
  spec: leadImportSpec,
  action: "lead.create",
  entity: "Lead",
  flags: ["roundRobin"],
  run: (actor, rows, options, onProgress) => importLeads(actor, rows, { roundRobin: options.flags.has("roundRobin") }, onProgress),
};
