import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** The e2e server writes emails here (no SMTP_URL); see playwright.config.ts. */
const OUTBOX = path.resolve("tests/.tmp/e2e-data/outbox");

type TMail = { to: string; subject: string; text: string; createdAt: string };

export async function waitForMail(to: string, linkPattern: RegExp): Promise<{ mail: TMail; link: string }> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    let files: string[] = [];
    try {
      files = readdirSync(OUTBOX).filter((f) => f.endsWith(".json")).sort().reverse();
    } catch {
      files = [];
    }
    for (const file of files) {
      let mail: TMail;
      try {
        mail = JSON.parse(readFileSync(path.join(OUTBOX, file), "utf8")) as TMail;
      } catch {
        continue; // a file still being written by an older server: read it next round
      }
      const link = mail.text.match(linkPattern)?.[0];
      if (mail.to === to && link) return { mail, link };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`No email to ${to} with a link matching ${linkPattern}`);
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
}

export async function signUp(page: Page, input: { name: string; email: string; password: string; workspace?: string }) {
  await page.goto("/signup");
  await page.getByLabel("Name", { exact: true }).fill(input.name);
  await page.getByLabel("E-Mail-Adresse").fill(input.email);
  await page.getByLabel("Passwort", { exact: true }).fill(input.password);
  if (input.workspace) await page.getByLabel(/Name des Arbeitsbereichs/).fill(input.workspace);
  await page.getByRole("button", { name: "Konto erstellen" }).click();
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard\/[a-z0-9-]+/);
}
