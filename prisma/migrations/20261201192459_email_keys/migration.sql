-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "emailKey" TEXT;

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "emailKey" TEXT;

-- "emailKey" follows "email" whoever writes the row (the app, an import, the bulk seeder), as
-- "phoneDigits" follows "phone": the address lower-cased and trimmed, so the contact console and
-- inbound mail find a customer by address through a plain index, whatever case the sender typed.
-- ENABLE ALWAYS: the seeder runs with session_replication_role = replica.
CREATE FUNCTION "email_key"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."emailKey" := NULLIF(lower(btrim(COALESCE(NEW."email", ''))), '');
  RETURN NEW;
END
$$;
CREATE TRIGGER "Customer_emailKey_trg" BEFORE INSERT OR UPDATE OF "email" ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION "email_key"();
ALTER TABLE "Customer" ENABLE ALWAYS TRIGGER "Customer_emailKey_trg";
CREATE TRIGGER "Contact_emailKey_trg" BEFORE INSERT OR UPDATE OF "email" ON "Contact"
  FOR EACH ROW EXECUTE FUNCTION "email_key"();
ALTER TABLE "Contact" ENABLE ALWAYS TRIGGER "Contact_emailKey_trg";
UPDATE "Customer" SET "email" = "email" WHERE "email" IS NOT NULL;
UPDATE "Contact" SET "email" = "email" WHERE "email" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Contact_emailKey_idx" ON "Contact"("emailKey");

-- CreateIndex
CREATE INDEX "Customer_emailKey_idx" ON "Customer"("emailKey");
