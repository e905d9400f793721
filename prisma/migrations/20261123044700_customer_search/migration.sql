-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "phoneDigits" TEXT;

-- "phoneDigits" follows "phone" whoever writes the row (the app, an import, the bulk seeder), so it is
-- kept by a trigger rather than by each writer. ENABLE ALWAYS: the seeder runs with
-- session_replication_role = replica, which would otherwise skip the trigger.
CREATE FUNCTION "customer_phone_digits"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  digits text := regexp_replace(COALESCE(NEW."phone", ''), '[^0-9]', '', 'g');
BEGIN
  -- The comparable number, as lib/domain/customers/duplicates.ts phoneKey: no 00 / +86 / trunk 0 prefix.
  IF digits LIKE '00%' THEN digits := substr(digits, 3); END IF;
  IF digits LIKE '86%' AND length(digits) >= 12 THEN digits := substr(digits, 3); END IF;
  IF digits LIKE '0%' AND length(digits) >= 10 THEN digits := substr(digits, 2); END IF;
  NEW."phoneDigits" := CASE WHEN length(digits) >= 6 THEN digits END;
  RETURN NEW;
END
$$;
CREATE TRIGGER "Customer_phoneDigits_trg" BEFORE INSERT OR UPDATE OF "phone" ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION "customer_phone_digits"();
ALTER TABLE "Customer" ENABLE ALWAYS TRIGGER "Customer_phoneDigits_trg";
UPDATE "Customer" SET "phone" = "phone" WHERE "phone" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Contact_name_trgm_idx" ON "Contact" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Customer_company_trgm_idx" ON "Customer" USING GIN ("company" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Customer_phoneDigits_trgm_idx" ON "Customer" USING GIN ("phoneDigits" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Customer_phoneDigits_idx" ON "Customer"("phoneDigits");

-- CreateIndex
CREATE INDEX "Customer_mergedIntoId_idx" ON "Customer"("mergedIntoId");

-- CreateIndex
CREATE INDEX "Lead_name_trgm_idx" ON "Lead" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Opportunity_name_trgm_idx" ON "Opportunity" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Ticket_subject_trgm_idx" ON "Ticket" USING GIN ("subject" gin_trgm_ops);
