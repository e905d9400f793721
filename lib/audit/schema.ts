import { z } from "zod";
import { AUDIT_ACTIONS, SIGN_IN_GROUP } from "@/lib/audit/rules/catalogue";
import { decodeCursor } from "@/lib/audit/rules/cursor";

const INT32_MAX = 2_147_483_647;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value);

const day = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "audit.errors.date")
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, "audit.errors.date")
    .optional(),
);

/**
 * The audit viewer's filters as the URL carries them (the page's GET form, the CSV export's link):
 * who, entity, record id, action (one action, or every sign-in event), period from/to (calendar days
 * in the viewer's zone, both inclusive), and the keyset position. A bad value is a message naming the
 * field, never a 500.
 */
export const auditFilterSchema = z
  .object({
    user: z.preprocess(blankToUndefined, z.coerce.number({ message: "audit.errors.user" }).int("audit.errors.user").min(1, "audit.errors.user").max(INT32_MAX, "audit.errors.user").optional()),
    entity: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z]{1,40}$/, "audit.errors.entity").optional()),
    entityId: z.preprocess(blankToUndefined, z.string().max(64, "audit.errors.entityId").regex(/^[\w.:-]+$/, "audit.errors.entityId").optional()),
    action: z.preprocess(blankToUndefined, z.enum([...AUDIT_ACTIONS, SIGN_IN_GROUP], { message: "audit.errors.action" }).optional()),
    from: day,
    to: day,
    after: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine((v) => decodeCursor(v) !== null, "audit.errors.cursor")
        .optional(),
    ),
  })
  .superRefine((value, ctx) => {
    // The record index is (entity, entityId): an id means nothing without its entity.
    if (value.entityId && !value.entity) ctx.addIssue({ code: "custom", path: ["entity"], message: "audit.errors.entityForId" });
    if (value.from && value.to && value.from > value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "audit.errors.period" });
  });

export type AuditFilters = z.output<typeof auditFilterSchema>;

export type ParsedAuditFilters = { ok: true; filters: AuditFilters } | { ok: false; errors: Record<string, string> };

/** The first value of each parameter (a repeated parameter counts once, as the form sends it). */
function firstValues(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const key of params.keys()) if (!(key in out)) out[key] = params.get(key) ?? "";
    return out;
  }
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") out[key] = first;
  }
  return out;
}

export function parseAuditFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): ParsedAuditFilters {
  const parsed = auditFilterSchema.safeParse(firstValues(params));
  if (parsed.success) return { ok: true, filters: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join(".") || "form";
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The filters as URL parameters (without the keyset position), for links and the export. */
export function auditFilterParams(filters: AuditFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (filters.user !== undefined) out.set("user", String(filters.user));
  if (filters.entity) out.set("entity", filters.entity);
  if (filters.entityId) out.set("entityId", filters.entityId);
  if (filters.action) out.set("action", filters.action);
  if (filters.from) out.set("from", filters.from);
  if (filters.to) out.set("to", filters.to);
  return out;
}
