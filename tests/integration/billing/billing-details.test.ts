import { describe, expect, it } from "vitest";
import { getBillingDetails, updateBillingDetails } from "@/lib/billing/billing-details";
import { createTopUpCheckout } from "@/lib/billing/create-top-up-checkout";
import { ensureStripeCustomer } from "@/lib/billing/ensure-stripe-customer";
import { db } from "@/lib/db/client";
import { expectAppError, expectZodError } from "../../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";
import { customersOf, fake, taxIdsOf, useFakeStripe } from "./checkout-setup";

/**
 * Billing details with the real `stripe` SDK talking to the strict fake (checkout-setup.ts):
 * they are validated and saved, the Stripe customer is created from them and follows them.
 */
useTestDatabase();
useFakeStripe();

describe("billing details", () => {
  const address = { addressLine1: "Hauptstraße 5", postalCode: "80331", city: "München", country: "DE" };

  it("saves them, creates the customer from them and keeps the customer in sync", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Sync Shop");
    const since = fake.requests.length;
    const first = await updateBillingDetails(ctx, {
      companyName: "Sync GmbH",
      email: "Billing@Sync.example",
      ...address,
      country: "de",
      vatId: "de 123.456.789",
      lowBalanceThresholds: [100, 2000, 500, 500],
    });
    expect(first).toEqual({
      stripeSync: "skipped",
      details: {
        companyName: "Sync GmbH",
        email: "billing@sync.example",
        addressLine1: "Hauptstraße 5",
        addressLine2: null,
        postalCode: "80331",
        city: "München",
        country: "DE",
        vatId: "DE123456789",
        lowBalanceThresholds: [2000, 500, 100],
        hasStripeCustomer: false,
      },
    });
    expect(fake.requests.length).toBe(since);

    await createTopUpCheckout(ctx, { amountCents: 1000 });
    const [customer, ...others] = customersOf(workspace.id);
    expect(others).toHaveLength(0);
    expect(customer).toMatchObject({
      name: "Sync GmbH",
      email: "billing@sync.example",
      address: { line1: "Hauptstraße 5", line2: null, postal_code: "80331", city: "München", country: "DE", state: null },
    });
    expect(taxIdsOf(customer!.id)).toEqual([{ type: "eu_vat", value: "DE123456789" }]);

    const second = await updateBillingDetails(ctx, {
      companyName: "Sync AG",
      email: "rechnung@sync.example",
      addressLine1: "Ring 1",
      addressLine2: "3. OG",
      postalCode: "1010",
      city: "Wien",
      country: "AT",
      vatId: "ATU12345678",
    });
    expect(second.stripeSync).toBe("synced");
    expect(second.details).toMatchObject({ lowBalanceThresholds: [2000, 500, 100], hasStripeCustomer: true });
    expect(fake.customers.get(customer!.id)).toMatchObject({
      name: "Sync AG",
      email: "rechnung@sync.example",
      address: { line1: "Ring 1", line2: "3. OG", postal_code: "1010", city: "Wien", country: "AT" },
    });
    expect(taxIdsOf(customer!.id)).toEqual([{ type: "eu_vat", value: "ATU12345678" }]);

    const third = await updateBillingDetails(ctx, { email: "rechnung@sync.example", addressLine1: "Ring 1", postalCode: "1010", city: "Wien", country: "AT", vatId: "", lowBalanceThresholds: [] });
    expect(third.details).toMatchObject({ companyName: null, addressLine2: null, vatId: null, lowBalanceThresholds: [] });
    expect(fake.customers.get(customer!.id)).toMatchObject({ name: "Sync Shop", address: { line2: null } });
    expect(taxIdsOf(customer!.id)).toEqual([]);
    expect(await getBillingDetails(ctx)).toEqual(third.details);
    expect(await db().auditLog.count({ where: { workspaceId: workspace.id, action: "billing.details_updated" } })).toBe(3);
  });

  it("refuses invalid details and saves nothing", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Strict Details");
    const good = { email: "billing@strict.example", ...address };
    const bad = [
      { ...good, vatId: "DE12345" },
      { ...good, vatId: "US123456789" },
      { ...good, country: "XX" },
      { ...good, country: "Germany" },
      { ...good, email: "not-an-email" },
      { ...good, city: "  " },
      { ...good, lowBalanceThresholds: [50] },
      { ...good, lowBalanceThresholds: [150.5] },
      { ...good, lowBalanceThresholds: [100, 200, 300, 400, 500, 600] },
      { ...good, lowBalanceThresholds: [1_000_001] },
    ];
    for (const input of bad) await expectZodError(updateBillingDetails(ctx, input));
    expect(await db().billingProfile.findUnique({ where: { workspaceId: workspace.id } })).toBeNull();

    const { details } = await updateBillingDetails(ctx, { ...good, vatId: "gr-123456789", lowBalanceThresholds: [300, 300, 300, 300, 300, 300] });
    expect(details).toMatchObject({ vatId: "EL123456789", lowBalanceThresholds: [300] });
    expect(await getBillingDetails((await createOwnerWithWorkspace("Fresh")).ctx)).toMatchObject({ email: null, lowBalanceThresholds: [500, 100], hasStripeCustomer: false });
  });

  it("is owner-only", async () => {
    const { workspace } = await createOwnerWithWorkspace("Owner Details");
    const { user } = await addMember(workspace.id, "admin");
    const admin = await contextFor(user.id, workspace.slug);
    await expectAppError(getBillingDetails(admin), "forbidden");
    await expectAppError(updateBillingDetails(admin, { email: "a@b.example", ...address }), "forbidden");
    expect(await db().billingProfile.findUnique({ where: { workspaceId: workspace.id } })).toBeNull();
  });

  it("keeps the saved details and reports a failed sync when Stripe fails", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Sync Fails");
    const customerId = await ensureStripeCustomer(workspace.id);
    fake.failNext("POST /v1/customers/:id", { status: 500 });
    const result = await updateBillingDetails(ctx, { email: "billing@fails.example", ...address });
    expect(result.stripeSync).toBe("failed");
    expect(await db().billingProfile.findUniqueOrThrow({ where: { workspaceId: workspace.id } })).toMatchObject({ email: "billing@fails.example", city: "München" });
    expect(fake.customers.get(customerId)!.address).toBeNull();
  });
});
