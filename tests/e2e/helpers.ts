import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";

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

/**
 * Types into a field of the cross-origin (out-of-process) chat frame. `fill` focuses the field
 * inside the frame, then inserts the text through the browser (CDP Input.insertText), which
 * delivers it to the frame the browser itself holds focused. In full runs, with several pages
 * and contexts open, that was now and then not the chat frame: the field stayed empty
 * although it had focus, and a retried click and fill did not help for 15 s (CI, session 6).
 * So: a real click and `fill`, checked; when the text still has not arrived after a few
 * tries, the value is set from inside the frame with the input event the widget listens to,
 * and a note is printed. What the widget does with the text is tested either way.
 */
export async function typeIntoFrame(field: Locator, text: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await field.click();
    await field.fill(text);
    if ((await field.inputValue()) === text) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
    if ((await field.inputValue()) === text) return;
  }
  console.warn(`typeIntoFrame: the browser did not deliver typed text into the chat frame; setting it from inside the frame`);
  await field.evaluate((element, value) => {
    const input = element as HTMLInputElement | HTMLTextAreaElement;
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  await expect(field).toHaveValue(text);
}
