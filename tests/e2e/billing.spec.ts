import { expect, test, type Page } from "@playwright/test";
import type Stripe from "stripe";
import { E2E_STRIPE } from "../../playwright.config";
import { eventBody, sessionEvent, signatureHeader } from "../helpers/stripe-events";
import { logIn, signUp, uniqueEmail, waitForMail } from "./helpers";

/**
 * Prepaid top-ups end to end: the billing page opens a Checkout Session at the fake Stripe
 * (real SDK, real wire format), the browser pays on its hosted page, the fake delivers the
 * signed webhook, and the success page and the billing page show the credit.
 */
const PASSWORD = "sicheres-passwort-2026";

async function verifiedOwner(page: Page, name: string, workspace: string): Promise<string> {
  const email = uniqueEmail(name.toLowerCase());
  await signUp(page, { name, email, password: PASSWORD, workspace });
  const { link } = await waitForMail(email, /http:\/\/\S+\/verify-email\?token=\S+/);
  await page.goto(link);
  await page.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByRole("heading", { name: "E-Mail-Adresse bestätigt" })).toBeVisible();
  await logIn(page, email, PASSWORD);
  return new URL(page.url()).pathname.split("/")[2]!;
}

/** Server action calls (POSTs carrying a Next-Action header) made while `during` runs. */
async function serverActionsDuring(page: Page, during: () => Promise<void>): Promise<number> {
  let count = 0;
  const onRequest = (request: import("@playwright/test").Request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) count++;
  };
  page.on("request", onRequest);
  try {
    await during();
  } finally {
    page.off("request", onRequest);
  }
  return count;
}

test("top up 25 € through Stripe Checkout and see the balance, the ledger, the invoice and the CSV", async ({ page }) => {
  const slug = await verifiedOwner(page, "Berta", "Bertas Blumen");
  await page.getByRole("navigation", { name: "Hauptnavigation" }).first().getByRole("link", { name: "Guthaben & Abrechnung" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${slug}/billing$`));
  await expect(page.getByRole("heading", { name: "Guthaben & Abrechnung", level: 1 })).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("0 €");
  await expect(page.getByText("Noch keine Buchungen")).toBeVisible();
  await expect(page.getByText("Noch keine Zahlungen")).toBeVisible();

  // An amount below the minimum is refused in the page: inline error, no server call, no Checkout.
  const actions = await serverActionsDuring(page, async () => {
    await page.getByRole("button", { name: "Anderer Betrag" }).click();
    await page.getByLabel("Ihr Betrag in Euro").fill("2");
    await page.getByRole("button", { name: "Zur Zahlung" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Bitte geben Sie einen Betrag zwischen 5 € und 1.000 € ein." })).toBeVisible();
    await expect(page.getByLabel("Ihr Betrag in Euro")).toBeFocused();
    await page.waitForTimeout(500);
  });
  expect(actions).toBe(0);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${slug}/billing$`));

  // 25 €: Checkout at the fake Stripe, pay, back on the success page.
  await page.getByRole("button", { name: "25 €", exact: true }).click();
  await expect(page.getByRole("button", { name: "25 €", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("Sie laden 25 € auf.")).toBeVisible();
  await page.getByRole("button", { name: "Zur Zahlung" }).click();
  await page.waitForURL(`${E2E_STRIPE.url}/pay/**`);
  await expect(page.getByTestId("amount")).toHaveText("25,00 €");
  await page.getByRole("button", { name: "Bezahlen", exact: true }).click();

  await page.waitForURL(new RegExp(`/dashboard/${slug}/billing/top-up/[^/?]+\\?session_id=cs_`));
  await expect(page.getByRole("heading", { name: "Gutgeschrieben: 25 €" })).toBeVisible();
  await expect(page.getByTestId("new-balance")).toHaveText("25 €");

  await page.getByRole("link", { name: "Zurück zu Guthaben & Abrechnung" }).click();
  await expect(page.getByTestId("balance")).toHaveText("25 €");
  const ledger = page.getByRole("table", { name: "Buchungen" });
  await expect(ledger.getByRole("row")).toHaveCount(2);
  await expect(ledger.getByRole("row").nth(1)).toContainText("Aufladung");
  await expect(ledger.getByRole("row").nth(1)).toContainText("+25,00 €");
  const payments = page.getByRole("table", { name: "Zahlungen" });
  await expect(payments.getByRole("row").nth(1)).toContainText("Bezahlt");

  // The invoice link goes through our redirect to Stripe's PDF.
  const invoiceHref = await payments.getByRole("link", { name: /Rechnung vom .* als PDF öffnen/ }).getAttribute("href");
  const invoice = await page.request.get(invoiceHref!);
  expect(invoice.status()).toBe(200);
  expect(invoice.headers()["content-type"]).toBe("application/pdf");
  expect((await invoice.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // The CSV export: BOM, header, the top-up as a positive decimal.
  const exportHref = await page.getByRole("link", { name: "CSV exportieren" }).getAttribute("href");
  const csv = await page.request.get(exportHref!);
  expect(csv.status()).toBe(200);
  const text = (await csv.body()).toString("utf8");
  expect(text.startsWith("\uFEFFcreated_at,kind,description,amount_eur,balance_after_eur,currency,entry_id\r\n")).toBe(true);
  expect(text).toMatch(/,top_up,Top-up \(Stripe\),25\.00,25\.00,EUR,/);

  // The ledger filter: nothing of another kind.
  // The label wraps the select, so its accessible name also carries the chosen option.
  await page.getByRole("combobox", { name: /^Art/ }).selectOption("usage");
  await expect(page.getByText("Keine passenden Buchungen")).toBeVisible();
});

test("a delayed payment shows pending, then the credit arrives live without a reload", async ({ page, request }) => {
  const slug = await verifiedOwner(page, "Dora", "Doras Delikatessen");
  await page.goto(`/dashboard/${slug}/billing?canceled=1`);
  await expect(page.getByText("Zahlung abgebrochen")).toBeVisible();

  await page.getByRole("button", { name: "50 €", exact: true }).click();
  await page.getByRole("button", { name: "Zur Zahlung" }).click();
  await page.waitForURL(`${E2E_STRIPE.url}/pay/**`);
  await page.getByRole("button", { name: /Per Lastschrift zahlen/ }).click();

  await page.waitForURL(/\/billing\/top-up\/[^/?]+\?session_id=cs_/);
  await expect(page.getByRole("heading", { name: "Zahlung wird bestätigt…" })).toBeVisible();
  await expect(page.getByText(/etwa eine Lastschrift/)).toBeVisible();
  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

  // The bank confirms the debit: Stripe sends checkout.session.async_payment_succeeded.
  const sessionId = new URL(page.url()).searchParams.get("session_id")!;
  const session = (await (await request.get(`${E2E_STRIPE.url}/v1/checkout/sessions/${sessionId}`, { headers: { authorization: `Bearer ${E2E_STRIPE.secretKey}` } })).json()) as Stripe.Checkout.Session;
  expect(session.payment_status).toBe("unpaid");
  const body = eventBody(sessionEvent("checkout.session.async_payment_succeeded", { ...session, payment_status: "paid" }));
  const delivered = await request.post("/api/stripe/webhook", {
    data: body,
    headers: { "content-type": "application/json", "stripe-signature": signatureHeader(body, { secret: E2E_STRIPE.webhookSecret }) },
  });
  expect(delivered.status()).toBe(200);

  await expect(page.getByRole("heading", { name: "Gutgeschrieben: 50 €" })).toBeVisible();
  await expect(page.getByTestId("new-balance")).toHaveText("50 €");
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
});
