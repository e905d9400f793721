import type { PrismaClient } from "@/lib/generated/prisma/client";
import { now } from "@/lib/platform/clock";

/**
 * Prisma 7 fills `@default(now())` and `@updatedAt` itself, in JavaScript, with `new Date()` (the query
 * interpreter's "now" generator in @prisma/client-engine-runtime), so those columns would read the
 * machine's clock while everything else reads `lib/platform/clock.ts`. Under a shifted or pinned clock
 * that makes a record created "now" look like it came from another day (24-hour edit windows, rate
 * limits, stale deals). The extension below fills these fields from the app's clock whenever the caller
 * did not set them, so no data-layer call has to remember to.
 *
 * The list mirrors prisma/schema.prisma (tests/unit/db/clock-defaults.test.ts fails when they drift):
 * `created` = `@default(now())`, `updated` = `@updatedAt` (also set on create, as Prisma does).
 */
export const CLOCK_FIELDS: Readonly<Record<string, { created: readonly string[]; updated: readonly string[] }>> = {
  Team: { created: ["createdAt"], updated: [] },
  User: { created: ["createdAt"], updated: ["updatedAt"] },
  Customer: { created: ["createdAt"], updated: ["updatedAt"] },
  Contact: { created: ["createdAt"], updated: ["updatedAt"] },
  Product: { created: ["createdAt"], updated: ["updatedAt"] },
  Order: { created: ["createdAt"], updated: [] },
  Touchpoint: { created: ["createdAt"], updated: [] },
  Partner: { created: ["createdAt"], updated: [] },
  Lead: { created: ["createdAt"], updated: ["updatedAt"] },
  Opportunity: { created: ["lastActivityAt", "createdAt"], updated: ["updatedAt"] },
  OpportunityStageChange: { created: ["changedAt"], updated: [] },
  Quote: { created: ["createdAt"], updated: ["updatedAt"] },
  Campaign: { created: ["createdAt"], updated: ["updatedAt"] },
  CampaignCost: { created: ["createdAt"], updated: [] },
  CampaignMember: { created: ["createdAt"], updated: ["updatedAt"] },
  Ticket: { created: ["createdAt"], updated: ["updatedAt"] },
  Segment: { created: ["createdAt"], updated: ["updatedAt"] },
  SegmentMember: { created: ["addedAt"], updated: [] },
  SegmentMembershipChange: { created: ["at"], updated: [] },
  CustomerScore: { created: ["computedAt"], updated: [] },
  ScoreRun: { created: ["finishedAt"], updated: [] },
  AssociationRule: { created: ["computedAt"], updated: [] },
  LifecycleStageChange: { created: ["changedAt"], updated: [] },
  Task: { created: ["createdAt"], updated: ["updatedAt"] },
  Appointment: { created: ["createdAt"], updated: ["updatedAt"] },
  AuditLog: { created: ["at"], updated: [] },
  Setting: { created: [], updated: ["updatedAt"] },
  LoginAttempt: { created: ["at"], updated: [] },
  SalesTarget: { created: ["createdAt"], updated: ["updatedAt"] },
  TicketMessage: { created: ["createdAt"], updated: [] },
  ReplyTemplate: { created: ["createdAt"], updated: ["updatedAt"] },
  Notification: { created: ["createdAt"], updated: [] },
  OutboxMessage: { created: ["nextAttemptAt", "createdAt"], updated: [] },
  InboundMail: { created: ["createdAt"], updated: [] },
  CallList: { created: ["createdAt"], updated: ["updatedAt"] },
  CallListEntry: { created: ["createdAt"], updated: ["updatedAt"] },
  CallAttempt: { created: ["createdAt"], updated: [] },
  CampaignEmail: { created: ["createdAt"], updated: ["updatedAt"] },
};

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => typeof value === "object" && value !== null && !Array.isArray(value);

function fill(data: unknown, fields: readonly string[], at: Date): void {
  const rows = Array.isArray(data) ? data : [data];
  for (const row of rows) {
    if (!isRow(row)) continue;
    // Only absent fields: a caller that sets the time (an import keeping the source's dates, a test
    // placing a record in the past) is obeyed.
    for (const field of fields) if (row[field] === undefined) row[field] = at;
  }
}

/**
 * Fills the clock-defaulted fields of one top-level write. Nested writes (`lines: { create: [...] }`)
 * are not rewritten: Prisma extensions only see the top level, and today's nested creates target
 * models without such fields (QuoteLine, OrderLine, AppointmentAttendee). A nested create of a model
 * listed above would get the machine's time again: write it as its own call instead.
 */
export function fillClockFields(model: string, operation: string, args: unknown, at: Date): void {
  const fields = CLOCK_FIELDS[model];
  if (!fields || !isRow(args)) return;
  const onCreate = [...fields.created, ...fields.updated];
  switch (operation) {
    case "create":
    case "createMany":
    case "createManyAndReturn":
      fill(args.data, onCreate, at);
      break;
    case "update":
    case "updateMany":
    case "updateManyAndReturn":
      fill(args.data, fields.updated, at);
      break;
    case "upsert":
      fill(args.create, onCreate, at);
      fill(args.update, fields.updated, at);
      break;
  }
}

/** The app's Prisma client: the generated one, with its time defaults read from the app's clock. */
export function withClockDefaults(client: PrismaClient) {
  // Write operations only: reads pay nothing. One instant per statement, as Prisma's own generator
  // does (createdAt equals updatedAt on create).
  return client.$extends({
    name: "clock-defaults",
    query: {
      $allModels: {
        create({ model, operation, args, query }) {
          fillClockFields(model, operation, args, now());
          return query(args);
        },
        createMany({ model, operation, args, query }) {
          fillClockFields(model, operation, args, now());
          return query(args);
        },
        createManyAndReturn({ model, operation, args, query }) {
          fillClockFields(model, operation, args, now());
          return query(args);
        },
        update({ model, operation, args, query }) {
          fillClockFields(model, operation, args, now());
          return query(args);
        },
        updateMany({ model, operation, args, query }) {
          fillClockFields(model, operation, args, now());
          return query(args);
        },
        updateManyAndReturn({ model, operation, args, query }) {
          fillClockFields(model, operation, args, now());
          return query(args);
        },
        upsert({ model, operation, args, query }) {
          fillClockFields(model, operation, args, now());
          return query(args);
        },
      },
    },
  });
}

export type AppPrismaClient = ReturnType<typeof withClockDefaults>;
