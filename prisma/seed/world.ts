/**
 * Shared state of one seeding run: the global rows every customer refers to (users, products,
 * partners, campaigns), the bulk writers, and small helpers for time and order lines.
 */
import type { Role } from "@/lib/generated/prisma/enums";
import { TableWriter } from "@/lib/platform/db/bulk";
import {
  BUNDLES,
  CATEGORIES,
  CATEGORY_PREFERENCE,
  INDUSTRY_TILT,
  PRODUCTS,
  type CampaignDef,
  type CategoryKey,
  type KindKey,
  type ProductDef,
} from "./catalog";
import type { IdentityRegistry } from "./people";
import { type Random, WeightedTable } from "./random";

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const YEAR = 365.25 * DAY;

/** An order has 1-4 lines. */
export const MAX_LINES = 4;

/** Orders cover this many days before `now`. */
export const HISTORY_DAYS = 3 * 365;

export type UserRef = { id: number; role: Role; team: string | null; name: string; email: string };

export type ProductRef = ProductDef & { id: number; idx: number; priceCents: number; costCents: number; /** ProductCategory row id. */ categoryId: number };

export type CampaignRef = CampaignDef & { id: number; startMs: number; endMs: number };

export type PartnerRef = { id: number; region: string; active: boolean };

export type Line = {
  product: ProductRef;
  quantity: number;
  unitPrice: number;
  discount: number;
  lineTotal: number;
  lineCost: number;
};

export function createWriters() {
  return {
    customer: new TableWriter("Customer", {
      kind: "enum:CustomerKind",
      name: "text",
      email: "text",
      phone: "text",
      company: "text",
      region: "text",
      industry: "text",
      source: "text",
      ownerId: "int",
      notes: "text",
      dncPhone: "bool",
      dncEmail: "bool",
      dncMail: "bool",
      dncSms: "bool",
      totalSpend: "money",
      firstPurchaseAt: "timestamp",
      lastPurchaseAt: "timestamp",
      lastContactAt: "timestamp",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
    contact: new TableWriter("Contact", {
      customerId: "int",
      name: "text",
      title: "text",
      email: "text",
      phone: "text",
      isPrimary: "bool",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
    opportunity: new TableWriter("Opportunity", {
      name: "text",
      customerId: "int",
      amount: "money",
      stage: "enum:OpportunityStage",
      probability: "int",
      expectedCloseDate: "timestamp",
      ownerId: "int",
      source: "text",
      partnerId: "int",
      productCategoryId: "int",
      competitor: "text",
      nextStep: "text",
      lostReason: "text",
      closedAt: "timestamp",
      lastActivityAt: "timestamp",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
    stageChange: new TableWriter("OpportunityStageChange", {
      opportunityId: "int",
      fromStage: "enum:OpportunityStage",
      toStage: "enum:OpportunityStage",
      changedAt: "timestamp",
      changedById: "int",
    }),
    quote: new TableWriter("Quote", {
      opportunityId: "int",
      status: "enum:QuoteStatus",
      discountPct: "int",
      subtotal: "money",
      total: "money",
      validUntil: "timestamp",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
    quoteLine: new TableWriter("QuoteLine", {
      quoteId: "int",
      productId: "int",
      quantity: "int",
      unitPrice: "money",
      discountPct: "int",
      lineTotal: "money",
    }),
    order: new TableWriter("Order", {
      customerId: "int",
      orderedAt: "timestamp",
      status: "enum:OrderStatus",
      total: "money",
      margin: "money",
      opportunityId: "int",
      createdById: "int",
      createdAt: "timestamp",
    }),
    orderLine: new TableWriter("OrderLine", {
      orderId: "int",
      productId: "int",
      quantity: "int",
      unitPrice: "money",
      discount: "money",
      lineTotal: "money",
      lineCost: "money",
    }),
    ticket: new TableWriter("Ticket", {
      customerId: "int",
      subject: "text",
      description: "text",
      status: "enum:TicketStatus",
      priority: "enum:TicketPriority",
      channel: "enum:Channel",
      category: "text",
      assigneeId: "int",
      assignedAt: "timestamp",
      createdById: "int",
      firstResponseDueAt: "timestamp",
      slaDueAt: "timestamp",
      slaAtRiskAt: "timestamp",
      slaPausedAt: "timestamp",
      closedAt: "timestamp",
      firstResponseAt: "timestamp",
      resolvedAt: "timestamp",
      satisfaction: "int",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
    campaignMember: new TableWriter("CampaignMember", {
      campaignId: "int",
      customerId: "int",
      status: "enum:CampaignMemberStatus",
      isControl: "bool",
      contactedAt: "timestamp",
      priority: "int",
      assignedToId: "int",
      callAttempts: "int",
      nextCallAt: "timestamp",
      respondedAt: "timestamp",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
    touchpoint: new TableWriter("Touchpoint", {
      customerId: "int",
      contactId: "int",
      channel: "enum:Channel",
      direction: "enum:Direction",
      occurredAt: "timestamp",
      userId: "int",
      summary: "text",
      outcome: "text",
      campaignId: "int",
      opportunityId: "int",
      ticketId: "int",
      createdAt: "timestamp",
    }),
    lead: new TableWriter("Lead", {
      name: "text",
      company: "text",
      email: "text",
      phone: "text",
      region: "text",
      source: "text",
      status: "enum:LeadStatus",
      disqualifyReason: "text",
      ownerId: "int",
      teamId: "int",
      customerId: "int",
      opportunityId: "int",
      campaignId: "int",
      convertedAt: "timestamp",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
  };
}

export type Writers = ReturnType<typeof createWriters>;

/** Foreign keys decide the order in which a chunk's tables are written. */
export const WRITE_ORDER: (keyof Writers)[] = [
  "customer",
  "contact",
  "opportunity",
  "stageChange",
  "quote",
  "quoteLine",
  "order",
  "orderLine",
  "ticket",
  "campaignMember",
  "touchpoint",
  "lead",
];

/** Per user, a few records to hang tasks and appointments on (filled while customers are generated). */
export type Reservoir = { customers: number[]; openOpportunities: { id: number; customerId: number }[] };

export type World = {
  seed: number;
  now: number;
  windowStart: number;
  customerCount: number;
  /** Scales the chance of opportunities down for very large runs so the pipeline stays browsable. */
  opportunityFactor: number;
  users: UserRef[];
  reps: UserRef[];
  repsByTeam: Record<string, UserRef[]>;
  agents: UserRef[];
  managers: UserRef[];
  teamIds: Record<string, number>;
  products: ProductRef[];
  productBySku: Map<string, ProductRef>;
  bundles: Map<number, { partner: ProductRef; p: number }[]>;
  partners: PartnerRef[];
  campaigns: CampaignRef[];
  identities: IdentityRegistry;
  writers: Writers;
  reservoirs: Map<number, Reservoir>;
  campaignMemberCounts: Map<number, number>;
  anchorTableCache: Map<string, WeightedTable<ProductRef>>;
};

export function resolveProducts(categoryIds: Map<CategoryKey, number>): ProductRef[] {
  return PRODUCTS.map((def, idx) => {
    const category = CATEGORIES.find((c) => c.key === def.category);
    if (!category || !categoryIds.has(def.category)) throw new Error(`Unknown category ${def.category}`);
    // A fixed per-product spread around the category margin, so products differ without randomness.
    const margin = category.margin + ((idx % 5) - 2) * 0.02;
    const priceCents = Math.round(def.price * 100);
    return { ...def, id: idx + 1, idx, priceCents, costCents: Math.round(priceCents * (1 - margin)), categoryId: categoryIds.get(def.category) as number };
  });
}

export function resolveBundles(productBySku: Map<string, ProductRef>): Map<number, { partner: ProductRef; p: number }[]> {
  const map = new Map<number, { partner: ProductRef; p: number }[]>();
  for (const rule of BUNDLES) {
    const anchor = productBySku.get(rule.anchor);
    const partner = productBySku.get(rule.partner);
    if (!anchor || !partner) throw new Error(`Bundle refers to unknown SKU ${rule.anchor} / ${rule.partner}`);
    const list = map.get(anchor.idx) ?? [];
    list.push({ partner, p: rule.p });
    map.set(anchor.idx, list);
  }
  return map;
}

/** Products a customer of this kind and industry tends to start an order with. */
export function anchorTable(world: World, kind: KindKey, industry: string | null): WeightedTable<ProductRef> {
  const key = `${kind}|${industry ?? ""}`;
  const cached = world.anchorTableCache.get(key);
  if (cached) return cached;
  const business = kind !== "INDIVIDUAL";
  const tilt = industry ? (INDUSTRY_TILT[industry] ?? {}) : {};
  const weights = world.products.map((p) => {
    const audienceFit = p.audience === "all" ? 1 : (p.audience === "business") === business ? 1 : business ? 0.15 : 0;
    const categoryTotal = world.products
      .filter((q) => q.category === p.category)
      .reduce((sum, q) => sum + q.popularity, 0);
    const share = CATEGORY_PREFERENCE[kind][p.category] * (tilt[p.category] ?? 1);
    return (share * p.popularity * audienceFit) / categoryTotal;
  });
  const table = new WeightedTable(world.products, weights);
  world.anchorTableCache.set(key, table);
  return table;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The same UTC day, at a random second of China's business hours (09:00-21:00 UTC+8). */
export function atBusinessHours(rng: Random, t: number): number {
  const day = Math.floor(t / DAY) * DAY;
  return day + HOUR + Math.floor(rng.next() * 12 * 3600) * SECOND;
}

function makeLine(product: ProductRef, quantity: number, discountCents: number): Line {
  const gross = product.priceCents * quantity;
  return {
    product,
    quantity,
    unitPrice: product.priceCents,
    discount: discountCents,
    lineTotal: gross - discountCents,
    lineCost: product.costCents * quantity,
  };
}

/**
 * The lines of one order or quote: the anchor, its bundle partners (with their conditional
 * probability) and random extra products up to `targetLines`. Business buyers scale quantities to
 * their order value; a phone case follows the number of phones.
 */
export function buildLines(
  world: World,
  rng: Random,
  anchor: ProductRef,
  table: WeightedTable<ProductRef>,
  business: boolean,
  valueCents: number,
  targetLines: number,
  fixedDiscountPct: number | null = null,
): Line[] {
  // `parent` is the index of the product that pulled a bundle partner into the order.
  const picked: { product: ProductRef; parent: number | null }[] = [];
  const add = (product: ProductRef) => {
    const parent = picked.length;
    picked.push({ product, parent: null });
    for (const rule of world.bundles.get(product.idx) ?? []) {
      if (picked.length < MAX_LINES && !picked.some((p) => p.product === rule.partner) && rng.chance(rule.p)) {
        picked.push({ product: rule.partner, parent });
      }
    }
  };
  add(anchor);
  for (let tries = 0; picked.length < targetLines && tries < 8; tries++) {
    const product = table.pick(rng);
    if (!picked.some((p) => p.product === product)) add(product);
  }
  const quantities: number[] = [];
  return picked.map(({ product, parent }, i) => {
    let quantity: number;
    if (!business) {
      quantity = product.category === "ACC" && rng.chance(0.15) ? 2 : 1;
    } else {
      const share = i === 0 ? 0.6 : 0.4 / (picked.length - 1);
      const raw = (valueCents * share) / product.priceCents;
      if (parent !== null && product.unit === "unit" && picked[parent].product.unit === "unit") quantity = quantities[parent];
      else if (product.unit === "service") quantity = clamp(Math.round(raw), 1, 12);
      else quantity = clamp(Math.round(raw * (0.8 + 0.4 * rng.next())), 1, 2000);
    }
    quantities.push(quantity);
    const gross = product.priceCents * quantity;
    let discount = 0;
    if (fixedDiscountPct !== null) {
      discount = Math.round((gross * fixedDiscountPct) / 100);
    } else if (business && quantity >= 10) {
      discount = Math.round(gross * rng.uniform(0.03, 0.15));
    } else if (rng.chance(0.06)) {
      discount = Math.round(gross * 0.1);
    }
    return makeLine(product, quantity, discount);
  });
}

export function reservoirOf(world: World, userId: number): Reservoir {
  let r = world.reservoirs.get(userId);
  if (!r) {
    r = { customers: [], openOpportunities: [] };
    world.reservoirs.set(userId, r);
  }
  return r;
}
