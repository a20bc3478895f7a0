import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { makePdf } from "../helpers/sample-files";
import { logIn, signUp, uniqueEmail, waitForMail } from "./helpers";

/** An owner creates a bot, adds Q&A, a text, a PDF and a website, watches them become ready and finds the right passages. */
test("bot with Q&A, text, PDF and website knowledge, live status and test search", async ({ page }) => {
  const email = uniqueEmail("kb");
  const password = "sicheres-passwort-2026";
  await signUp(page, { name: "Kira Knowledge", email, password, workspace: "Kiras Radladen" });
  const { link } = await waitForMail(email, /http:\/\/\S+\/verify-email\?token=\S+/);
  await page.goto(link);
  await page.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByRole("heading", { name: "E-Mail-Adresse bestätigt" })).toBeVisible();
  await logIn(page, email, password);

  await page.getByRole("link", { name: "Bots" }).first().click();
  await expect(page.getByText("Noch keine Bots")).toBeVisible();
  await page.getByRole("button", { name: "Bot erstellen" }).first().click();
  await page.getByLabel("Name").fill("Radladen-Hilfe");
  await page.getByRole("dialog").getByRole("button", { name: "Bot erstellen" }).click();
  await expect(page.getByRole("heading", { name: "Radladen-Hilfe" })).toBeVisible();
  await expect(page.getByText("Noch kein Wissen")).toBeVisible();

  await page.getByRole("button", { name: "Fragen & Antworten" }).click();
  await page.getByLabel("Frage 1").fill("Liefern Sie auch nach Österreich?");
  await page.getByLabel("Antwort 1").fill("Ja, die Lieferung nach Österreich dauert drei bis fünf Werktage und kostet 9,90 Euro.");
  await page.getByRole("button", { name: "Weiteres Paar" }).click();
  await page.getByLabel("Frage 2").fill("Kann ich auf Rechnung bezahlen?");
  await page.getByLabel("Antwort 2").fill("Geschäftskunden zahlen auf Rechnung innerhalb von 30 Tagen.");
  await page.getByRole("dialog").getByRole("button", { name: "Hinzufügen" }).click();
  const qaRow = page.getByRole("row", { name: /Q&A \(2\)/ });
  await expect(qaRow.getByText("Bereit")).toBeVisible({ timeout: 20_000 });
  await expect(qaRow).toContainText("2 Dokumente, 2 Abschnitte");

  await page.getByRole("button", { name: "Text hinzufügen" }).click();
  await page.getByLabel("Titel").fill("Werkstatt");
  await page.getByLabel("Inhalt").fill("Reparaturen\n\nUnsere Werkstatt repariert jedes Rad innerhalb von 48 Stunden. Termine vergeben wir telefonisch.");
  await page.getByRole("dialog").getByRole("button", { name: "Hinzufügen" }).click();
  await expect(page.getByRole("row", { name: /Werkstatt/ }).getByText("Bereit")).toBeVisible({ timeout: 20_000 });

  await page.getByRole("searchbox", { name: "Testsuche" }).or(page.getByLabel("Testsuche")).first().fill("Versand nach Österreich, wie lange?");
  await page.getByRole("button", { name: "Suchen" }).click();
  const first = page.getByTestId("search-results").locator("li").first();
  await expect(first).toContainText("drei bis fünf Werktage");

  await page.getByLabel("Testsuche").fill("wie schnell wird mein rad repariert");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page.getByTestId("search-results").locator("li").first()).toContainText("48 Stunden");

  // A file upload and a website crawl of a small site served by this test.
  await page.getByRole("button", { name: "Datei" }).click();
  const pdf = await makePdf(
    [
      { heading: "Garantie", paragraphs: ["Auf jeden Rahmen gewähren wir zehn Jahre Garantie, auf Lack und Anbauteile zwei Jahre."] },
      { heading: "Inspektion", paragraphs: ["Die erste Inspektion nach 300 Kilometern ist kostenlos."] },
    ],
    { title: "Garantiebedingungen" },
  );
  await page.getByRole("dialog").getByLabel("Datei").setInputFiles({ name: "garantie.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) });
  await page.getByRole("dialog").getByRole("button", { name: "Hochladen" }).click();
  const pdfRow = page.getByRole("row", { name: /garantie\.pdf/ });
  await expect(pdfRow.getByText("Bereit")).toBeVisible({ timeout: 20_000 });
  await page.getByLabel("Testsuche").fill("Wie lange gilt die Garantie auf den Rahmen?");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page.getByTestId("search-results").locator("li").first()).toContainText("zehn Jahre Garantie");

  const site = http.createServer((req, res) => {
    if (req.url === "/robots.txt") return void res.writeHead(200, { "content-type": "text/plain" }).end("User-agent: *\nAllow: /\n");
    if (req.url === "/") {
      return void res
        .writeHead(200, { "content-type": "text/html" })
        .end('<html lang="de"><head><title>Hilfe</title></head><body><main><h1>Hilfe</h1><p>Alles zu Ihrem Rad. Lesen Sie auch <a href="/akku">Akku</a>.</p></main></body></html>');
    }
    if (req.url === "/akku") {
      return void res
        .writeHead(200, { "content-type": "text/html" })
        .end('<html lang="de"><head><title>Akku</title></head><body><main><h1>Akku laden</h1><p>Der Akku ist nach dreieinhalb Stunden vollständig geladen.</p></main></body></html>');
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  try {
    await page.getByRole("button", { name: "Website" }).click();
    await page.getByLabel("Start-Adresse oder sitemap.xml").fill(siteUrl);
    await page.getByRole("dialog").getByRole("button", { name: "Hinzufügen" }).click();
    const row = page.getByRole("row", { name: /127\.0\.0\.1/ });
    await expect(row.getByText("Bereit")).toBeVisible({ timeout: 30_000 });
    await expect(row).toContainText("2 Dokumente");
  } finally {
    site.close();
  }
  await page.getByLabel("Testsuche").fill("Wie lange dauert das Laden des Akkus?");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page.getByTestId("search-results").locator("li").first()).toContainText("dreieinhalb Stunden");
});
