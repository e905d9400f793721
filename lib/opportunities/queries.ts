import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fieldValue, type Snapshot, type VersionedRecord } from "@/lib/platform/concurrency";
import type { Db } from "@/lib/platform/db/prisma";
import { NotAllowedError } from "@/lib/platform/errors";
import { parseStaleDays } from "@/lib/opportunities/rules/stale";
import { readSettingObject } from "@/lib/platform/settings";

/** The Setting row whose `staleDays` sets the company-wide default N (the URL may override it). */
export const PIPELINE_SETTING_KEY = "pipeline";

/** Days without activity after which an open deal is stale, company-wide (the board, list, home and dashboard use it). */
export async function getStaleDaysDefault(): Promise<number> {
  return parseStaleDays((await readSettingObject(PIPELINE_SETTING_KEY)).staleDays);
}

export const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

export const SNAPSHOT_SELECT = {
  name: true,
  customerId: true,
  amount: true,
  stage: true,
  probability: true,
  expectedCloseDate: true,
  ownerId: true,
  source: true,
  partnerId: true,
  competitor: true,
  nextStep: true,
  lostReason: true,
  version: true,
} as const satisfies Prisma.OpportunitySelect;

type SnapshotRow = Prisma.OpportunityGetPayload<{ select: typeof SNAPSHOT_SELECT }>;

/** The fields the detail form edits, as it shows them (money with two decimals, the close date as a day). */
export function snapshotOf(row: Omit<SnapshotRow, "version">): Snapshot {
  return {
    name: row.name,
    customerId: fieldValue(row.customerId),
    amount: row.amount.toFixed(2),
    stage: row.stage,
    probability: fieldValue(row.probability),
    expectedCloseDate: dateOnly(row.expectedCloseDate),
    ownerId: fieldValue(row.ownerId),
    source: fieldValue(row.source),
    partnerId: fieldValue(row.partnerId),
    competitor: fieldValue(row.competitor),
    nextStep: fieldValue(row.nextStep),
    lostReason: fieldValue(row.lostReason),
  };
}

/** The deal as the conflict check sees it now (inside the saving transaction). */
export async function versionedOpportunity(client: Db, id: number): Promise<VersionedRecord> {
  const row = await client.opportunity.findUnique({ where: { id }, select: SNAPSHOT_SELECT });
  if (!row) throw new NotAllowedError();
  return { version: row.version, snapshot: snapshotOf(row) };
}
