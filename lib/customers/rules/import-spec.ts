/**
 * Customer CSV import: the fields a column can fill, the header spellings of other CRMs and
 * spreadsheets (English and Chinese), and the row schema. Reading the file, mapping and reporting are
 * the import pipeline's (lib/platform/import); the writing is lib/customers/import.ts.
 */
import { z } from "zod";
import { type FieldSpec, MB } from "@/lib/platform/import/field-spec";
import { optionalText } from "@/lib/platform/form-fields";
import { type CustomerInput, customerInputSchema } from "@/lib/customers/schema";

export const CUSTOMER_IMPORT_FIELDS = ["name", "kind", "email", "phone", "company", "region", "industry", "source", "notes", "owner", "since", "externalId"] as const;
export type CustomerImportField = (typeof CUSTOMER_IMPORT_FIELDS)[number];

const KINDS = ["ENTERPRISE", "INDIVIDUAL", "GOVERNMENT"] as const;
type Kind = (typeof KINDS)[number];

const KIND_ALIASES: Record<string, Kind> = {
  enterprise: "ENTERPRISE",
  company: "ENTERPRISE",
  business: "ENTERPRISE",
  企业: "ENTERPRISE",
  individual: "INDIVIDUAL",
  person: "INDIVIDUAL",
  consumer: "INDIVIDUAL",
  个人: "INDIVIDUAL",
  government: "GOVERNMENT",
  public: "GOVERNMENT",
  政府: "GOVERNMENT",
};

export function parseKind(raw: string): Kind | null {
  const value = raw.trim();
  const upper = value.toUpperCase();
  const exact = KINDS.find((k) => k === upper);
  return exact ?? KIND_ALIASES[value.toLowerCase()] ?? null;
}

/**
 * Calendar dates only (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD), read as UTC midnight; impossible dates fail,
 * and so do dates after `now` (a customer cannot have been one since tomorrow).
 */
export function parseImportDate(raw: string, now: Date): Date | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900 || date.getTime() > now.getTime()) return null;
  return date;
}

/** An id from another system: letters and digits with a few separators, at most 100 characters. */
export const EXTERNAL_ID = /^[\p{L}\p{N}][\p{L}\p{N} ._:/#-]*$/u;
export const externalIdField = () => optionalText(100).refine((v) => v === null || EXTERNAL_ID.test(v), "importValidation.externalId");

export type CustomerImportRow = Omit<CustomerInput, "ownerId"> & { ownerEmail: string | null; createdAt: Date | null; externalId: string | null };

const ownerEmail = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => (v ? v : null))
  .pipe(z.email("validation.email").nullable());

function customerRowSchema({ now }: { now: Date }): z.ZodType<CustomerImportRow> {
  const fields = customerInputSchema.shape;
  return z
    .object({
      kind: z
        .string()
        .min(1, "validation.required")
        .transform((v, ctx) => {
          const kind = parseKind(v);
          if (!kind) ctx.addIssue({ code: "custom", message: "validation.choose" });
          return kind ?? "ENTERPRISE";
        }),
      name: fields.name,
      email: fields.email,
      phone: fields.phone,
      company: fields.company,
      region: fields.region,
      industry: fields.industry,
      source: fields.source,
      notes: fields.notes,
      owner: ownerEmail,
      since: z.string().transform((v, ctx) => {
        if (!v) return null;
        const date = parseImportDate(v, now);
        if (!date) ctx.addIssue({ code: "custom", message: "customers.errors.date" });
        return date;
      }),
      externalId: externalIdField(),
    })
    .transform(({ owner, since, ...rest }) => ({ ...rest, ownerEmail: owner, createdAt: since }));
}

export const customerImportSpec: FieldSpec<CustomerImportField, CustomerImportRow> = {
  messages: "import",
  fields: CUSTOMER_IMPORT_FIELDS,
  required: ["name", "kind", "region"],
  aliases: {
    name: { en: ["name", "customer", "customer name", "full name", "account", "account name"], zh: ["客户名称", "名称", "姓名", "客户"] },
    kind: { en: ["kind", "type", "customer type", "customer kind"], zh: ["类型", "客户类型"] },
    email: { en: ["email", "e-mail", "email address", "mail"], zh: ["邮箱", "电子邮件", "电子邮箱"] },
    phone: { en: ["phone", "telephone", "tel", "mobile", "phone number"], zh: ["电话", "手机", "联系电话"] },
    company: { en: ["company", "organisation", "organization"], zh: ["公司", "单位"] },
    region: { en: ["region", "area", "territory"], zh: ["地区", "区域", "地域"] },
    industry: { en: ["industry", "sector"], zh: ["行业"] },
    source: { en: ["source", "lead source"], zh: ["来源", "客户来源"] },
    notes: { en: ["notes", "note", "comment", "comments", "remarks"], zh: ["备注"] },
    owner: { en: ["owner", "owner email", "sales rep", "rep"], zh: ["负责人", "客户经理"] },
    since: { en: ["since", "customer since", "created", "created at", "date"], zh: ["创建日期", "开户日期"] },
    externalId: { en: ["external id", "externalid", "customer id", "customer no", "customer number", "account id", "erp id"], zh: ["客户编号", "外部编号", "客户编码"] },
  },
  schema: customerRowSchema,
  duplicateModes: ["skip", "update", "merge"],
  limits: { maxBytes: 10 * MB, maxRows: 50_000 },
};
