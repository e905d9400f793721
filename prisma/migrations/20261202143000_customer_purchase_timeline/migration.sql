-- Each customer's completed orders as one row: their instants in order ("at") and the running total
-- of their amounts ("cumulative", exact). A segment rule's "spend (or orders) in the last N days" is
-- then two binary searches (width_bucket) and a subtraction on one row found by its key, instead of
-- reading and summing every order of the window: the aggregate was ~60% of a live preview's time
-- (lib/segments/rules/compile.ts). A customer without completed orders has no row.
CREATE TABLE "CustomerPurchaseTimeline" (
    "customerId" INTEGER NOT NULL,
    "at" TIMESTAMP(3)[] NOT NULL,
    "cumulative" DECIMAL(14,2)[] NOT NULL,

    CONSTRAINT "CustomerPurchaseTimeline_pkey" PRIMARY KEY ("customerId")
);

ALTER TABLE "CustomerPurchaseTimeline" ADD CONSTRAINT "CustomerPurchaseTimeline_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Each customer's timeline as its orders give it: what the table holds, computed. A filter on
-- "customerId" reaches the scan of "Order" (it is the grouping and partitioning column).
CREATE VIEW "CustomerPurchaseTimelineSource" AS
SELECT r."customerId", array_agg(r."orderedAt" ORDER BY r."orderedAt", r."id") AS "at", array_agg(r."running" ORDER BY r."orderedAt", r."id") AS "cumulative"
  FROM (SELECT o."customerId", o."id", o."orderedAt", sum(o."total") OVER (PARTITION BY o."customerId" ORDER BY o."orderedAt", o."id") AS "running"
          FROM "Order" o WHERE o."status" = 'COMPLETED') r
 GROUP BY r."customerId";

-- Builds the timelines of these customers again from their orders (all customers when `ids` is NULL).
-- Writers of the same customer's orders wait for one another on the customer rows (FOR NO KEY UPDATE,
-- which inserts of orders do not take: their foreign key takes KEY SHARE), so each rebuilds from a
-- snapshot taken after the other committed: a later statement of this function takes a new snapshot.
-- Two branches rather than one statement with "ids IS NULL OR": the function's cached plan must not be
-- the full scan for a single customer's order.
CREATE FUNCTION "customer_purchase_timeline_rebuild"(ids INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL THEN
    DELETE FROM "CustomerPurchaseTimeline";
    INSERT INTO "CustomerPurchaseTimeline" ("customerId", "at", "cumulative")
    SELECT "customerId", "at", "cumulative" FROM "CustomerPurchaseTimelineSource";
  ELSE
    PERFORM 1 FROM "Customer" WHERE "id" = ANY(ids) ORDER BY "id" FOR NO KEY UPDATE;
    DELETE FROM "CustomerPurchaseTimeline" t
     WHERE t."customerId" = ANY(ids)
       AND NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."customerId" = t."customerId" AND o."status" = 'COMPLETED');
    INSERT INTO "CustomerPurchaseTimeline" ("customerId", "at", "cumulative")
    SELECT "customerId", "at", "cumulative" FROM "CustomerPurchaseTimelineSource" WHERE "customerId" = ANY(ids)
    ON CONFLICT ("customerId") DO UPDATE SET "at" = EXCLUDED."at", "cumulative" = EXCLUDED."cumulative";
  END IF;
END
$$;

-- Every statement that inserts, deletes or changes completed orders rebuilds the timelines of their
-- customers (before and after a change of customer). Statement-level with transition tables: one
-- set-based rebuild per statement, however many rows it wrote. Changes to other columns rebuild nothing.
CREATE FUNCTION "customer_purchase_timeline_refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids INTEGER[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n."customerId") INTO ids FROM new_rows n WHERE n."status" = 'COMPLETED';
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(DISTINCT x."customerId") INTO ids
      FROM old_rows o
      JOIN new_rows n ON n."id" = o."id"
      CROSS JOIN LATERAL (VALUES (o."customerId"), (n."customerId")) AS x("customerId")
     WHERE (o."status" = 'COMPLETED' OR n."status" = 'COMPLETED')
       AND (o."customerId", o."status", o."total", o."orderedAt") IS DISTINCT FROM (n."customerId", n."status", n."total", n."orderedAt");
  ELSE
    SELECT array_agg(DISTINCT o."customerId") INTO ids FROM old_rows o WHERE o."status" = 'COMPLETED';
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM "customer_purchase_timeline_rebuild"(ids);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Order_purchase_timeline_insert" AFTER INSERT ON "Order"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "customer_purchase_timeline_refresh"();
CREATE TRIGGER "Order_purchase_timeline_update" AFTER UPDATE ON "Order"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "customer_purchase_timeline_refresh"();
CREATE TRIGGER "Order_purchase_timeline_delete" AFTER DELETE ON "Order"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "customer_purchase_timeline_refresh"();

CREATE FUNCTION "customer_purchase_timeline_reset"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "CustomerPurchaseTimeline";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Order_purchase_timeline_truncate" AFTER TRUNCATE ON "Order"
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_purchase_timeline_reset"();

-- The orders already there.
SELECT "customer_purchase_timeline_rebuild"(NULL);
