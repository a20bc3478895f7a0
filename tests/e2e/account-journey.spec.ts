import { expect, test } from "@playwright/test";
import { logIn, signUp, uniqueEmail, waitForMail } from "./helpers";

/**
 * The foundation journey: sign up → verification mail from the outbox → log in →
 * create an API key → GET /api/v1/workspace with it; then an invitation accepted by a
 * second user who signs up through the invitation link.
 */
test("sign up, verify, log in, create an API key and call the API", async ({ page, request }) => {
  const email = uniqueEmail("owner");
  const password = "sicheres-passwort-2026";
  await signUp(page, { name: "Olga Owner", email, password, workspace: "Olgas Fahrradladen" });
  await expect(page.getByRole("heading", { name: "Bestätigen Sie Ihre E-Mail-Adresse" })).toBeVisible();

  // Not verified yet: login is refused with the verification hint.
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page.getByText("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.")).toBeVisible();

  const { link } = await waitForMail(email, /http:\/\/\S+\/verify-email\?token=\S+/);
  await page.goto(link);
  await page.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByRole("heading", { name: "E-Mail-Adresse bestätigt" })).toBeVisible();

  // The same link a second time is refused.
  await page.goto(link);
  await page.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByRole("heading", { name: "Dieser Link wurde bereits verwendet" })).toBeVisible();

  await logIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard\/olgas-fahrradladen$/);
  await expect(page.getByRole("heading", { name: "Willkommen, Olga" })).toBeVisible();

  await page.getByRole("link", { name: "API-Schlüssel" }).first().click();
  await expect(page.getByText("Noch keine API-Schlüssel")).toBeVisible();
  await page.getByRole("button", { name: "Schlüssel erstellen" }).first().click();
  await page.getByLabel("Name").fill("E2E key");
  await page.getByRole("dialog").getByRole("button", { name: "Schlüssel erstellen" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(secret).toMatch(/^cwk_[A-Za-z0-9_-]{40}$/);
  await page.getByRole("button", { name: "Fertig" }).click();
  await expect(page.getByRole("cell", { name: "E2E key" })).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);

  const res = await request.get("/api/v1/workspace", { headers: { authorization: `Bearer ${secret}` } });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ slug: "olgas-fahrradladen", name: "Olgas Fahrradladen" });

  const missing = await request.get("/api/v1/workspace");
  expect(missing.status()).toBe(401);
  expect((await missing.json()).error.code).toBe("unauthorized");

  // Revoke it: the same key is now refused.
  await page.getByRole("button", { name: "Widerrufen" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Widerrufen" }).click();
  await expect(page.getByText("Noch keine API-Schlüssel")).toBeVisible();
  const revoked = await request.get("/api/v1/workspace", { headers: { authorization: `Bearer ${secret}` } });
  expect(revoked.status()).toBe(401);
});

test("an invitation is accepted by a second user who signs up through it", async ({ page, browser }) => {
  const ownerEmail = uniqueEmail("inviter");
  const password = "sicheres-passwort-2026";
  await signUp(page, { name: "Ines Inviter", email: ownerEmail, password, workspace: "Ines Team" });
  const { link: verify } = await waitForMail(ownerEmail, /http:\/\/\S+\/verify-email\?token=\S+/);
  await page.goto(verify);
  await page.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByRole("heading", { name: "E-Mail-Adresse bestätigt" })).toBeVisible();
  await logIn(page, ownerEmail, password);

  await page.getByRole("link", { name: "Team" }).first().click();
  const colleague = uniqueEmail("colleague");
  await page.getByLabel("E-Mail-Adresse").fill(colleague);
  await page.getByLabel("Rolle", { exact: true }).selectOption("admin");
  await page.getByRole("button", { name: "Einladung senden" }).click();
  await expect(page.getByText(`Einladung an ${colleague} gesendet.`)).toBeVisible();
  await expect(page.getByRole("cell", { name: colleague })).toBeVisible();

  const { link: invite } = await waitForMail(colleague, /http:\/\/\S+\/invite\/\S+/);
  const other = await browser.newContext({ locale: "de-DE" });
  const second = await other.newPage();
  await second.goto(invite);
  await expect(second.getByRole("heading", { name: "Einladung zu „Ines Team“" })).toBeVisible();
  await second.getByRole("link", { name: /Konto erstellen/ }).click();
  await expect(second.getByLabel("E-Mail-Adresse")).toHaveValue(colleague);
  await second.getByLabel("Name", { exact: true }).fill("Carla Colleague");
  await second.getByLabel("Passwort", { exact: true }).fill("anderes-passwort-77");
  await second.getByRole("button", { name: /Konto erstellen/ }).click();
  await expect(second.getByRole("heading", { name: "Ihr Konto ist bereit" })).toBeVisible();
  await logIn(second, colleague, "anderes-passwort-77");
  await expect(second).toHaveURL(/\/dashboard\/ines-team/);
  await second.getByRole("link", { name: "Team" }).first().click();
  await expect(second.getByRole("row", { name: /Carla Colleague/ })).toBeVisible();
  await other.close();

  // The owner sees the new member with the invited role; the invitation is gone.
  await page.reload();
  const row = page.getByRole("row", { name: /Carla Colleague/ });
  await expect(row.getByRole("combobox")).toHaveValue("admin");
  await expect(page.getByRole("heading", { name: "Offene Einladungen" })).toHaveCount(0);

  // The invitation link cannot be used twice.
  await page.goto(invite);
  await expect(page.getByText(/bereits angenommen/)).toBeVisible();
});
