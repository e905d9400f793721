-- CreateTable
CREATE TABLE "ServiceDashboardRollup" (
    "day" INTEGER NOT NULL,
    "ticketId" INTEGER NOT NULL DEFAULT 0,
    "seq" BIGSERIAL NOT NULL,
    "ids" TEXT,
    "agents" TEXT,
    "categories" TEXT,
    "cats" TEXT,
    "tokens" TEXT,
    "responses" TEXT,
    "resolutions" TEXT,
    "builtAt" TIMESTAMP(3),

    CONSTRAINT "ServiceDashboardRollup_pkey" PRIMARY KEY ("day","ticketId")
);

-- Marks for the rollup (lib/dashboards/service-rollup.ts): once the rollup has been built (its state
-- row exists), every statement that inserts, deletes or changes a ticket in anything the dashboard
-- reads marks that ticket on each UTC day of its instants, before and after the change. The
-- dashboard computes a marked ticket's figures live and skips its rolled-up entries; a refresh rolls
-- the marked days up again. Statement-level with transition tables: one INSERT per statement, so a
-- bulk update costs one set-based write, not one per row. The upsert renews seq, so a refresh that
-- read the mark before this change does not delete it.
CREATE FUNCTION "service_dashboard_rollup_mark"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "ServiceDashboardRollup" WHERE "day" = -2147483648 AND "ticketId" = 0) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ServiceDashboardRollup" ("day", "ticketId")
    SELECT DISTINCT floor(extract(epoch FROM i.at) / 86400)::int, n."id"
    FROM new_rows n
    CROSS JOIN LATERAL unnest(ARRAY[n."createdAt", n."firstResponseAt", n."resolvedAt", n."firstResponseDueAt", n."slaDueAt", n."satisfactionAt"]) AS i(at)
    WHERE i.at IS NOT NULL
    ON CONFLICT ("day", "ticketId") DO UPDATE SET "seq" = EXCLUDED."seq";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "ServiceDashboardRollup" ("day", "ticketId")
    SELECT DISTINCT floor(extract(epoch FROM i.at) / 86400)::int, n."id"
    FROM old_rows o
    JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL unnest(ARRAY[o."createdAt", o."firstResponseAt", o."resolvedAt", o."firstResponseDueAt", o."slaDueAt", o."satisfactionAt",
                                    n."createdAt", n."firstResponseAt", n."resolvedAt", n."firstResponseDueAt", n."slaDueAt", n."satisfactionAt"]) AS i(at)
    WHERE i.at IS NOT NULL
      AND (o."assigneeId", o."category", o."tier", o."priority", o."createdAt", o."firstResponseAt", o."resolvedAt", o."firstResponseDueAt",
           o."slaDueAt", o."slaPausedAt", o."satisfaction", o."satisfactionAt")
          IS DISTINCT FROM
          (n."assigneeId", n."category", n."tier", n."priority", n."createdAt", n."firstResponseAt", n."resolvedAt", n."firstResponseDueAt",
           n."slaDueAt", n."slaPausedAt", n."satisfaction", n."satisfactionAt")
    ON CONFLICT ("day", "ticketId") DO UPDATE SET "seq" = EXCLUDED."seq";
  ELSE
    INSERT INTO "ServiceDashboardRollup" ("day", "ticketId")
    SELECT DISTINCT floor(extract(epoch FROM i.at) / 86400)::int, o."id"
    FROM old_rows o
    CROSS JOIN LATERAL unnest(ARRAY[o."createdAt", o."firstResponseAt", o."resolvedAt", o."firstResponseDueAt", o."slaDueAt", o."satisfactionAt"]) AS i(at)
    WHERE i.at IS NOT NULL
    ON CONFLICT ("day", "ticketId") DO UPDATE SET "seq" = EXCLUDED."seq";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_service_rollup_insert" AFTER INSERT ON "Ticket"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "service_dashboard_rollup_mark"();
CREATE TRIGGER "Ticket_service_rollup_update" AFTER UPDATE ON "Ticket"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "service_dashboard_rollup_mark"();
CREATE TRIGGER "Ticket_service_rollup_delete" AFTER DELETE ON "Ticket"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "service_dashboard_rollup_mark"();

-- Emptying the tickets empties the rollup (and its state row: it is built again on demand).
CREATE FUNCTION "service_dashboard_rollup_reset"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ServiceDashboardRollup";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_service_rollup_truncate" AFTER TRUNCATE ON "Ticket"
  FOR EACH STATEMENT EXECUTE FUNCTION "service_dashboard_rollup_reset"();
