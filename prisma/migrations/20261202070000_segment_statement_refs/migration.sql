-- Segment memberships check their references once per statement instead of once per row.
--
-- Why: materialising a segment writes one SegmentMember and one SegmentMembershipChange row per
-- member, and each row-level foreign key fires its own check (an SPI query per row: ~10-13 µs each on
-- PGlite, three per member). At 100,000 members that was over half of the materialise time and most of
-- a 20-segment refresh (issue 11: 4.6 s and 30 s on PGlite against targets of 2 s and 10 s).
--
-- What replaces the three row-level foreign keys, with the same rules:
-- - SegmentMember.segmentId -> Segment (ON DELETE CASCADE, ON UPDATE CASCADE),
-- - SegmentMember.customerId -> Customer (ON DELETE RESTRICT, ON UPDATE CASCADE),
-- - SegmentMembershipChange.segmentId -> Segment (ON DELETE CASCADE, ON UPDATE CASCADE):
-- * after each INSERT or UPDATE statement on the two tables, the referenced segments and customers
--   of all its new rows are looked up in one query each and locked FOR KEY SHARE (what a foreign-key
--   check does per row, so a concurrent delete of a referenced row waits for this transaction and then
--   fails, and a delete that went first makes this statement fail), and a missing one raises
--   foreign_key_violation naming the constraint and key as PostgreSQL's own check would. The embedded
--   engine, one session by construction, skips the locks (lib/platform/db/pglite.ts);
-- * after each DELETE statement on Segment, its members and history rows are deleted;
-- * after each DELETE statement on Customer, a customer still in a segment raises foreign_key_violation
--   (RESTRICT);
-- * a change of a segment's or customer's id (never made by the app) carries its references along.
-- Checks run at the end of the statement, as NO ACTION/RESTRICT foreign keys do for a single-statement
-- write. session_replication_role = replica skips these triggers as it skipped the foreign keys.
--
-- schema.prisma keeps the @relation fields for the client's types and queries; a generated migration
-- diff will show the foreign keys as missing: keep these triggers instead.

ALTER TABLE "SegmentMember" DROP CONSTRAINT "SegmentMember_segmentId_fkey";
ALTER TABLE "SegmentMember" DROP CONSTRAINT "SegmentMember_customerId_fkey";
ALTER TABLE "SegmentMembershipChange" DROP CONSTRAINT "SegmentMembershipChange_segmentId_fkey";

CREATE FUNCTION segment_rows_check_refs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- The embedded engine (PGlite) runs one session, started with summit.single_session = on: no other
  -- transaction can delete a row there, so the locks would only cost (~0.4 s per 100,000 members).
  locking boolean := coalesce(current_setting('summit.single_session', true), '') <> 'on';
  bad text;
BEGIN
  -- Lock first, then look for a missing key with a new snapshot (each statement here takes one under
  -- READ COMMITTED): a row whose delete committed while we waited for its lock is not locked and is
  -- then missing, so this statement fails instead of leaving a member of a deleted row.
  IF locking THEN
    PERFORM 1 FROM "Segment" s WHERE s."id" IN (SELECT "segmentId" FROM new_rows) FOR KEY SHARE OF s;
  END IF;
  SELECT n."segmentId"::text INTO bad FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM "Segment" s WHERE s."id" = n."segmentId") LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%_segmentId_fkey"', TG_TABLE_NAME, TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key ("segmentId")=(%s) is not present in table "Segment".', bad);
  END IF;
  IF TG_TABLE_NAME = 'SegmentMember' THEN
    IF locking THEN
      PERFORM 1 FROM "Customer" c WHERE c."id" IN (SELECT "customerId" FROM new_rows) FOR KEY SHARE OF c;
    END IF;
    SELECT n."customerId"::text INTO bad FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM "Customer" c WHERE c."id" = n."customerId") LIMIT 1;
    IF bad IS NOT NULL THEN
      RAISE EXCEPTION 'insert or update on table "SegmentMember" violates foreign key constraint "SegmentMember_customerId_fkey"'
        USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key ("customerId")=(%s) is not present in table "Customer".', bad);
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "SegmentMember_refs_insert" AFTER INSERT ON "SegmentMember" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION segment_rows_check_refs();
CREATE TRIGGER "SegmentMember_refs_update" AFTER UPDATE ON "SegmentMember" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION segment_rows_check_refs();
CREATE TRIGGER "SegmentMembershipChange_refs_insert" AFTER INSERT ON "SegmentMembershipChange" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION segment_rows_check_refs();
CREATE TRIGGER "SegmentMembershipChange_refs_update" AFTER UPDATE ON "SegmentMembershipChange" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION segment_rows_check_refs();

-- ON DELETE CASCADE from Segment.
CREATE FUNCTION segment_deleted_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SegmentMember" m WHERE m."segmentId" IN (SELECT "id" FROM old_rows);
  DELETE FROM "SegmentMembershipChange" h WHERE h."segmentId" IN (SELECT "id" FROM old_rows);
  RETURN NULL;
END $$;
CREATE TRIGGER "Segment_cascade_delete" AFTER DELETE ON "Segment" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION segment_deleted_cascade();

-- ON DELETE RESTRICT from Customer.
CREATE FUNCTION customer_deleted_segment_restrict() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE bad text;
BEGIN
  SELECT m."customerId"::text INTO bad FROM "SegmentMember" m WHERE m."customerId" IN (SELECT "id" FROM old_rows) LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'update or delete on table "Customer" violates foreign key constraint "SegmentMember_customerId_fkey" on table "SegmentMember"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key ("id")=(%s) is still referenced from table "SegmentMember".', bad);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Customer_segment_member_restrict" AFTER DELETE ON "Customer" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION customer_deleted_segment_restrict();

-- ON UPDATE CASCADE of the keys: ids are never changed; the rare change carries its references along.
CREATE FUNCTION segment_id_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "SegmentMember" SET "segmentId" = NEW."id" WHERE "segmentId" = OLD."id";
  UPDATE "SegmentMembershipChange" SET "segmentId" = NEW."id" WHERE "segmentId" = OLD."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Segment_cascade_id" AFTER UPDATE OF "id" ON "Segment" FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION segment_id_changed();
CREATE FUNCTION customer_id_changed_segments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "SegmentMember" SET "customerId" = NEW."id" WHERE "customerId" = OLD."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Customer_segment_member_cascade_id" AFTER UPDATE OF "id" ON "Customer" FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION customer_id_changed_segments();
