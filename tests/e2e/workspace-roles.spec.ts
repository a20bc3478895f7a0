import { expect, test, type Page } from "@playwright/test";
import { io } from "socket.io-client";
import { logIn, signUp, uniqueEmail, waitForMail } from "./helpers";

const PASSWORD = "sicheres-passwort-2026";

async function verifiedOwner(page: Page, name: string, workspace: string) {
  const email = uniqueEmail(name.toLowerCase());
  await signUp(page, { name, email, password: PASSWORD, workspace });
  const { link } = await waitForMail(email, /http:\/\/\S+\/verify-email\?token=\S+/);
  await page.goto(link);
  await page.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByRole("heading", { name: "E-Mail-Adresse bestätigt" })).toBeVisible();
  await logIn(page, email, PASSWORD);
  return email;
}

test("settings, a second workspace, the switcher and another tenant's data", async ({ page }) => {
  await verifiedOwner(page, "Sven", "Svens Shop");
  await page.getByRole("link", { name: "Einstellungen" }).first().click();
  await page.getByLabel("Erlaubte Website-Domains").fill("svens-shop.example\n*.svens-shop.example\nnot a domain");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText(/Enter a domain/)).toBeVisible();
  await page.getByLabel("Erlaubte Website-Domains").fill("https://svens-shop.example/\n*.svens-shop.example");
  await page.getByLabel(/Aufbewahrung/).fill("90");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Einstellungen gespeichert.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Erlaubte Website-Domains")).toHaveValue("svens-shop.example\n*.svens-shop.example");
  await expect(page.getByLabel(/Aufbewahrung/)).toHaveValue("90");

  await page.goto("/dashboard/new");
  await page.getByLabel("Name des Arbeitsbereichs").fill("Svens Zweitladen");
  await page.getByRole("button", { name: "Arbeitsbereich erstellen" }).click();
  await expect(page).toHaveURL(/\/dashboard\/svens-zweitladen$/);
  await page.getByRole("button", { name: "Arbeitsbereich wechseln" }).first().click();
  await page.getByRole("link", { name: "Svens Shop" }).first().click();
  await expect(page).toHaveURL(/\/dashboard\/svens-shop$/);

  // A workspace the user does not belong to does not exist for them.
  const other = await page.request.get("/dashboard/demo-does-not-exist");
  expect(other.status()).toBe(404);
});

test("an operator sees only the operator sections and cannot open admin pages", async ({ page, browser }) => {
  await verifiedOwner(page, "Olaf", "Olafs Laden");
  await page.getByRole("link", { name: "Team" }).first().click();
  const operatorEmail = uniqueEmail("op");
  await page.getByLabel("E-Mail-Adresse").fill(operatorEmail);
  await page.getByRole("button", { name: "Einladung senden" }).click();
  const { link } = await waitForMail(operatorEmail, /http:\/\/\S+\/invite\/\S+/);

  const ctx = await browser.newContext({ locale: "de-DE" });
  const op = await ctx.newPage();
  await op.goto(link);
  await op.getByRole("link", { name: /Konto erstellen/ }).click();
  await op.getByLabel("Name", { exact: true }).fill("Otto Operator");
  await op.getByLabel("Passwort", { exact: true }).fill(PASSWORD);
  await op.getByRole("button", { name: /Konto erstellen/ }).click();
  await expect(op.getByRole("heading", { name: "Ihr Konto ist bereit" })).toBeVisible();
  await logIn(op, operatorEmail, PASSWORD);

  const nav = op.getByRole("navigation", { name: "Hauptnavigation" }).first();
  await expect(nav.getByRole("link", { name: "Gespräche" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Einstellungen" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "API-Schlüssel" })).toHaveCount(0);
  await op.goto("/dashboard/olafs-laden/settings");
  await expect(op).toHaveURL(/\/dashboard\/olafs-laden\?denied=1$/);
  await expect(op.getByText(/reicht Ihre Rolle nicht aus/)).toBeVisible();

  // The operator socket namespace takes a short-lived token that only the dashboard session
  // can mint (POST /api/console/token), for a workspace the user belongs to.
  const base = new URL(op.url()).origin;
  const mint = async (workspace: string) => {
    const response = await op.request.post(`${base}/api/console/token`, { data: { workspace } });
    return { status: response.status(), body: (await response.json()) as { token?: string; error?: { code: string } } };
  };
  const connect = (token: string) =>
    new Promise<string>((resolve) => {
      const socket = io(`${base}/operator`, { auth: { token }, transports: ["websocket"], reconnection: false });
      socket.on("ready", (data: { me: { role: string } }) => {
        socket.close();
        resolve(`ready:${data.me.role}`);
      });
      socket.on("connect_error", (err) => {
        socket.close();
        resolve(`error:${err.message}`);
      });
    });
  const own = await mint("olafs-laden");
  expect(own.status).toBe(200);
  expect(await connect(own.body.token!)).toBe("ready:operator");
  expect(await connect(`${own.body.token!.slice(0, -4)}AAAA`)).toMatch(/^error:/);
  expect(await connect("")).toMatch(/^error:/);
  const foreign = await mint("someone-elses-workspace");
  expect(foreign.status).toBe(404);
  expect(foreign.body.error?.code).toBe("not_found");
  await ctx.close();
});
