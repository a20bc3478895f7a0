import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
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
}

test("an admin sets up a department and a canned response; an operator edits their profile", async ({ page, browser }) => {
  await verifiedOwner(page, "Vera", "Veras Velos");
  const base = "/dashboard/veras-velos/operators";

  // Invite an operator through the Team page (the seat limit lives there).
  await page.goto(base);
  await page.getByRole("link", { name: "Operatoren einladen" }).click();
  await expect(page).toHaveURL(/\/dashboard\/veras-velos\/members$/);
  const operatorEmail = uniqueEmail("otto");
  await page.getByLabel("E-Mail-Adresse").fill(operatorEmail);
  await page.getByRole("button", { name: "Einladung senden" }).click();
  const { link } = await waitForMail(operatorEmail, /http:\/\/\S+\/invite\/\S+/);
  const opContext = await browser.newContext({ locale: "de-DE" });
  const op = await opContext.newPage();
  await op.goto(link);
  await op.getByRole("link", { name: /Konto erstellen/ }).click();
  await op.getByLabel("Name", { exact: true }).fill("Otto Operator");
  await op.getByLabel("Passwort", { exact: true }).fill(PASSWORD);
  await op.getByRole("button", { name: /Konto erstellen/ }).click();
  await expect(op.getByRole("heading", { name: "Ihr Konto ist bereit" })).toBeVisible();
  await logIn(op, operatorEmail, PASSWORD);

  // A department with business hours, the operator as member and transcripts.
  await page.goto(`${base}/departments`);
  await expect(page.getByText("Noch keine Abteilungen")).toBeVisible();
  await page.getByRole("link", { name: "Abteilung anlegen" }).first().click();
  await page.getByLabel("Name", { exact: true }).fill("Vertrieb");
  await page.getByRole("radio", { name: /Reihum/ }).check();
  await page.getByRole("checkbox", { name: /Otto Operator/ }).check();
  await page.getByRole("switch", { name: "Immer erreichbar" }).click();
  await page.getByLabel("Zeitzone").selectOption("Europe/Vienna");
  await page.getByLabel("Montag, Zeitraum 1: von").fill("08:00");
  await page.getByLabel("Montag, Zeitraum 1: bis").fill("12:00");
  await page.getByRole("button", { name: "Zeitraum hinzufügen" }).first().click();
  await page.getByLabel("Montag, Zeitraum 2: von").fill("13:00");
  await page.getByLabel("Montag, Zeitraum 2: bis").fill("11:00");
  await expect(page.getByText("Der Beginn muss vor dem Ende liegen.")).toBeVisible();
  await page.getByLabel("Montag, Zeitraum 2: bis").fill("17:00");
  await page.getByRole("checkbox", { name: "Samstag" }).check();
  await page.getByLabel("Samstag, Zeitraum 1: bis").fill("13:00");
  await page.getByLabel("Hinweis außerhalb der Geschäftszeiten").fill("Gerade ist niemand im Laden – schreiben Sie uns.");
  await page.getByRole("switch", { name: "Protokolle dieser Abteilung per E-Mail" }).click();
  await page.getByLabel("E-Mail-Adressen").fill("Vertrieb@Veras-Velos.example");
  await page.getByLabel("E-Mail-Adressen").press("Enter");
  await expect(page.getByRole("button", { name: "vertrieb@veras-velos.example entfernen" })).toBeVisible();
  await page.getByRole("button", { name: "Abteilung anlegen" }).click();
  await expect(page.getByText("Abteilung angelegt.")).toBeVisible();
  await expect(page).toHaveURL(/\/operators\/departments$/);
  const row = page.getByRole("listitem").filter({ hasText: "Vertrieb" });
  await expect(row.getByText("Reihum")).toBeVisible();
  await expect(row.getByText(/Mo 08:00–12:00, 13:00–17:00 · Di–Fr 09:00–17:00 · Sa 09:00–13:00 \(Europe\/Vienna\)/)).toBeVisible();
  await expect(row.getByText(/1 Operator: Otto Operator/)).toBeVisible();

  // The same name twice is refused at the field.
  await page.goto(`${base}/departments/new`);
  await page.getByLabel("Name", { exact: true }).fill("Vertrieb");
  await page.getByRole("button", { name: "Abteilung anlegen" }).click();
  await expect(page.getByText("A department with this name already exists.")).toBeVisible();

  // A department-level canned response, found by the search.
  const tabs = (p: Page) => p.getByRole("navigation", { name: "Bereiche des Live-Chats" });
  await tabs(page).getByRole("link", { name: "Textbausteine" }).click();
  await expect(page.getByText("Noch keine Textbausteine")).toBeVisible();
  await page.getByRole("button", { name: "Neuer Textbaustein" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Gültig für").selectOption("department");
  await dialog.getByLabel("Abteilung").selectOption({ label: "Vertrieb" });
  await dialog.getByLabel("Kürzel").fill("probefahrt");
  await dialog.getByLabel("Titel").fill("Probefahrt");
  await dialog.getByLabel("Text", { exact: true }).fill("Probefahrten sind Mo–Sa ohne Termin möglich.");
  await dialog.getByRole("button", { name: "Anlegen" }).click();
  await expect(page.getByText("Textbaustein angelegt.")).toBeVisible();
  await expect(page.getByText("/probefahrt")).toBeVisible();
  await page.getByLabel("Suche").fill("ohne termin");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/q=ohne\+termin/);
  await expect(page.getByText("Abteilung Vertrieb")).toBeVisible();

  // Live-chat settings with keyword chips.
  await tabs(page).getByRole("link", { name: "Einstellungen" }).click();
  await page.getByLabel("Stichwörter für die Übergabe").fill("Mitarbeiter, Reklamation");
  await page.getByLabel("Stichwörter für die Übergabe").press("Enter");
  await page.getByLabel("Wartezeit in der Warteschlange").fill("240");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Live-Chat-Einstellungen gespeichert.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Stichwort reklamation entfernen" })).toBeVisible();
  await expect(page.getByLabel("Wartezeit in der Warteschlange")).toHaveValue("240");

  // The operator: own profile only, avatar checks, department read-only.
  await op.goto(base);
  await expect(op).toHaveURL(/\/operators\/profile\/[a-z0-9]+$/);
  await expect(op.getByRole("heading", { name: "Mein Operator-Profil" })).toBeVisible();
  await expect(op.getByText("Vertrieb", { exact: true })).toBeVisible();
  await op.getByLabel("Anzeigename").fill("Otto vom Vertrieb");
  await op.getByLabel("Gleichzeitige Chats").fill("3");
  await op.getByLabel("Signatur").fill("Viele Grüße\nOtto, Veras Velos");
  await op.getByRole("switch", { name: "Protokolle meiner Chats per E-Mail" }).click();
  await op.getByRole("button", { name: "Profil speichern" }).click();
  await expect(op.getByText("Profil gespeichert.")).toBeVisible();

  const fileInput = op.locator("#op-avatar");
  await fileInput.setInputFiles({ name: "avatar.png", mimeType: "image/png", buffer: Buffer.from("not really a picture") });
  await expect(op.getByText("Upload a PNG, JPEG or WebP image.")).toBeVisible();
  const picture = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#0b7" } }).png().toBuffer();
  await fileInput.setInputFiles({ name: "otto.png", mimeType: "image/png", buffer: picture });
  await expect(op.getByText("Bild gespeichert.")).toBeVisible();
  const avatar = op.locator('img[src^="/api/avatars/"]');
  await expect(avatar).toBeVisible();
  const response = await op.request.get((await avatar.getAttribute("src"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/webp");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");

  await op.reload();
  await expect(op.getByLabel("Anzeigename")).toHaveValue("Otto vom Vertrieb");
  await expect(op.getByLabel("Gleichzeitige Chats")).toHaveValue("3");
  await expect(op.getByRole("switch", { name: "Protokolle meiner Chats per E-Mail" })).toHaveAttribute("aria-checked", "true");

  // The operator sees the department's response and adds a personal one; departments stay admin-only.
  await tabs(op).getByRole("link", { name: "Textbausteine" }).click();
  await expect(op.getByText("/probefahrt")).toBeVisible();
  await expect(op.getByRole("button", { name: "/probefahrt bearbeiten" })).toHaveCount(0);
  await op.getByRole("button", { name: "Neuer Textbaustein" }).click();
  await op.getByRole("dialog").getByLabel("Kürzel").fill("gruss");
  await op.getByRole("dialog").getByLabel("Titel").fill("Gruß");
  await op.getByRole("dialog").getByLabel("Text", { exact: true }).fill("Schönen Tag noch!");
  await op.getByRole("dialog").getByRole("button", { name: "Anlegen" }).click();
  await expect(op.getByText("Textbaustein angelegt.")).toBeVisible();
  await expect(op.getByText("/gruss")).toBeVisible();
  await op.goto(`${base}/departments`);
  await expect(op).toHaveURL(/\/dashboard\/veras-velos\?denied=1$/);

  // The admin sees the operator's new name in the list.
  await page.goto(base);
  await expect(page.getByText("Otto vom Vertrieb")).toBeVisible();
  await opContext.close();
});
