-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "branding_addon" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "extra_seats" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "usage_records" ADD COLUMN     "billing" TEXT NOT NULL DEFAULT 'offline',
ADD COLUMN     "charge_millicents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "shortfall_millicents" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ledger_accounts" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "workspace_id" TEXT,
    "kind" TEXT NOT NULL,
    "debits_cents" BIGINT NOT NULL DEFAULT 0,
    "credits_cents" BIGINT NOT NULL DEFAULT 0,
    "held_cents" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ledger_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entries" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "workspace_id" TEXT,
    "kind" TEXT NOT NULL,
    "debit_account_id" TEXT NOT NULL,
    "credit_account_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "balance_after_cents" BIGINT,
    "description" TEXT NOT NULL,
    "reference" JSONB NOT NULL DEFAULT '{}',
    "actor_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_holds" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_holds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_profiles" (
    "workspace_id" TEXT NOT NULL,
    "stripe_customer_id" TEXT,
    "company_name" TEXT,
    "email" TEXT,
    "address_line1" TEXT,
    "address_line2" TEXT,
    "postal_code" TEXT,
    "city" TEXT,
    "country" TEXT,
    "vat_id" TEXT,
    "low_balance_thresholds" INTEGER[] DEFAULT ARRAY[500, 100]::INTEGER[],
    "low_balance_notified_cents" INTEGER,
    "exhausted_notified_at" TIMESTAMP(3),
    "usage_remainder_millicents" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "billing_profiles_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'eur',
    "stripe_checkout_session_id" TEXT,
    "stripe_payment_intent_id" TEXT,
    "stripe_invoice_id" TEXT,
    "amount_total_cents" INTEGER,
    "amount_tax_cents" INTEGER,
    "credited_cents" INTEGER NOT NULL DEFAULT 0,
    "refunded_cents" INTEGER NOT NULL DEFAULT 0,
    "disputed_cents" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" TEXT,
    "paid_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stripe_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "workspace_id" TEXT,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "payload" JSONB NOT NULL,
    "deliveries" INTEGER NOT NULL DEFAULT 1,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscriptions" (
    "workspace_id" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "period_months" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "current_period_id" TEXT,
    "current_period_start" TIMESTAMP(3) NOT NULL,
    "current_period_end" TIMESTAMP(3) NOT NULL,
    "grace_until" TIMESTAMP(3),
    "auto_renew" BOOLEAN NOT NULL DEFAULT true,
    "reminded_for_end" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateTable
CREATE TABLE "plan_periods" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "months" INTEGER NOT NULL,
    "extra_seats" INTEGER NOT NULL DEFAULT 0,
    "branding_addon" BOOLEAN NOT NULL DEFAULT false,
    "starts_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3) NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "credited_cents" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_periods_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_accounts_key_key" ON "ledger_accounts"("key");

-- CreateIndex
CREATE INDEX "ledger_accounts_workspace_id_idx" ON "ledger_accounts"("workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entries_idempotency_key_key" ON "ledger_entries"("idempotency_key");

-- CreateIndex
CREATE INDEX "ledger_entries_workspace_id_created_at_idx" ON "ledger_entries"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "ledger_entries_debit_account_id_idx" ON "ledger_entries"("debit_account_id");

-- CreateIndex
CREATE INDEX "ledger_entries_credit_account_id_idx" ON "ledger_entries"("credit_account_id");

-- CreateIndex
CREATE INDEX "ledger_holds_account_id_idx" ON "ledger_holds"("account_id");

-- CreateIndex
CREATE INDEX "ledger_holds_expires_at_idx" ON "ledger_holds"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "billing_profiles_stripe_customer_id_key" ON "billing_profiles"("stripe_customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "payments_stripe_checkout_session_id_key" ON "payments"("stripe_checkout_session_id");

-- CreateIndex
CREATE UNIQUE INDEX "payments_stripe_payment_intent_id_key" ON "payments"("stripe_payment_intent_id");

-- CreateIndex
CREATE INDEX "payments_workspace_id_created_at_idx" ON "payments"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "stripe_events_status_idx" ON "stripe_events"("status");

-- CreateIndex
CREATE INDEX "stripe_events_workspace_id_idx" ON "stripe_events"("workspace_id");

-- CreateIndex
CREATE INDEX "plan_periods_workspace_id_created_at_idx" ON "plan_periods"("workspace_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "plan_periods_workspace_id_starts_at_key" ON "plan_periods"("workspace_id", "starts_at");

-- AddForeignKey
ALTER TABLE "billing_profiles" ADD CONSTRAINT "billing_profiles_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_periods" ADD CONSTRAINT "plan_periods_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (tests/integration/migrations.test.ts HAND_WRITTEN): the ledger's rules,
-- held by the database whatever code writes to it.
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_amount_positive" CHECK ("amount_cents" > 0);
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_two_accounts" CHECK ("debit_account_id" <> "credit_account_id");
ALTER TABLE "ledger_holds" ADD CONSTRAINT "ledger_holds_amount_positive" CHECK ("amount_cents" > 0);
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_held_not_negative" CHECK ("held_cents" >= 0);

-- Entries are append-only: a correction is a new entry, never an edit.
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "ledger_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();
