import { expect, test } from "@playwright/test";
import { logIn, signUp, uniqueEmail, waitForMail } from "./helpers";

/**
 * An owner designs the widget with a live preview and saves it, sets up a pre-chat form that a
 * later design save keeps, chooses a provider without a key (and is warned), tries the bot in
 * the playground with the offline provider, and saves a provider key that is never shown again.
 */
test("widget design with live preview, pre-chat form, answer settings, playground and provider keys", async ({ page }) => {
  const email = uniqueEmail("design");
  const password = "sicheres-passwort-2026";
  await signUp(page, { name: "Dana Design", email, password, workspace: "Danas Radladen" });
  const { link } = await waitForMail(email, /http:\/\/\S+\/verify-email\?token=\S+/);
  await page.goto(link);
  await page.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByRole("heading", { name: "E-Mail-Adresse bestätigt" })).toBeVisible();
  await logIn(page, email, password);

  await page.getByRole("link", { name: "Bots" }).first().click();
  await page.getByRole("button", { name: "Bot erstellen" }).first().click();
  await page.getByLabel("Name").fill("Radladen-Hilfe");
  await page.getByRole("dialog").getByRole("button", { name: "Bot erstellen" }).click();
  await expect(page.getByRole("heading", { name: "Radladen-Hilfe" })).toBeVisible();

  await page.getByRole("button", { name: "Fragen & Antworten" }).click();
  await page.getByLabel("Frage 1").fill("Liefern Sie auch nach Österreich?");
  await page.getByLabel("Antwort 1").fill("Ja, die Lieferung nach Österreich dauert drei bis fünf Werktage und kostet 9,90 Euro.");
  await page.getByRole("dialog").getByRole("button", { name: "Hinzufügen" }).click();
  await expect(page.getByRole("row", { name: /Q&A \(1\)/ }).getByText("Bereit")).toBeVisible({ timeout: 20_000 });

  const tabs = page.getByRole("navigation", { name: "Bereiche des Bots" });
  await expect(tabs.getByRole("link", { name: "Wissen" })).toHaveAttribute("aria-current", "page");

  // Widget design: the preview follows every change before anything is saved.
  await tabs.getByRole("link", { name: "Widget" }).click();
  await expect(page).toHaveURL(/\/bots\/[^/]+\/widget$/);
  const preview = page.getByTestId("widget-preview");
  const header = page.getByTestId("widget-preview-header");
  await expect(header).toHaveCSS("background-color", "rgb(37, 99, 235)");
  await expect(preview).toContainText("Hallo! Wie können wir helfen?");

  const color = page.getByLabel("Hauptfarbe", { exact: true });
  await color.fill("grün");
  await color.blur();
  await expect(page.getByText("Bitte eine Farbe im Format #2563eb eingeben.")).toBeVisible();
  await expect(header).toHaveCSS("background-color", "rgb(37, 99, 235)");
  await color.fill("#0F766E");
  await expect(header).toHaveCSS("background-color", "rgb(15, 118, 110)");
  await expect(page.getByTestId("widget-preview-launcher")).toHaveCSS("background-color", "rgb(15, 118, 110)");

  await page.getByLabel("Begrüßung (Deutsch)").fill("Moin! Was dürfen wir für Ihr Rad tun?");
  await expect(preview).toContainText("Moin! Was dürfen wir für Ihr Rad tun?");
  await page.getByRole("button", { name: "Vorschlag hinzufügen" }).click();
  await page.getByRole("textbox", { name: "Vorschlag 1", exact: true }).fill("Was kostet der Versand?");
  await expect(preview).toContainText("Was kostet der Versand?");

  await page.getByText("Unten links").click();
  await expect(page.getByRole("radio", { name: "Unten links" })).toBeChecked();
  const frame = await preview.boundingBox();
  const launcher = await page.getByTestId("widget-preview-launcher").boundingBox();
  expect(launcher!.x - frame!.x).toBeLessThan(frame!.width / 2);

  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(page.getByText("Widget gespeichert.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Hauptfarbe", { exact: true })).toHaveValue("#0f766e");
  await expect(page.getByLabel("Begrüßung (Deutsch)")).toHaveValue("Moin! Was dürfen wir für Ihr Rad tun?");
  await expect(page.getByRole("textbox", { name: "Vorschlag 1", exact: true })).toHaveValue("Was kostet der Versand?");
  await expect(page.getByRole("radio", { name: "Unten links" })).toBeChecked();
  await expect(header).toHaveCSS("background-color", "rgb(15, 118, 110)");
  await expect(page.getByTestId("embed-snippet")).toContainText(/<script src="http:\/\/localhost:\d+\/widget\.js" data-bot="bot_[\w-]+" async><\/script>/);

  // Pre-chat form: the "Name + E-Mail" preset, reordered by keyboard, shown in the preview and saved on its own.
  const enablePreChat = page.getByRole("switch", { name: "Vorab-Formular anzeigen" });
  await enablePreChat.check();
  await expect(page.getByText("Fügen Sie mindestens ein Feld hinzu, sonst erscheint kein Formular.")).toBeVisible();
  await page.getByRole("button", { name: "Name + E-Mail" }).click();
  await expect(page.getByRole("group", { name: "Feld 1 · Text (einzeilig)" }).getByLabel("Beschriftung (Deutsch)")).toHaveValue("Name");
  await expect(page.getByRole("group", { name: "Feld 2 · E-Mail" }).getByLabel("Beschriftung (Englisch)")).toHaveValue("Email");
  await page.getByRole("button", { name: "Feld 2 nach oben" }).press("Enter");
  await expect(page.getByRole("group", { name: "Feld 1 · E-Mail" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Feld 1 nach unten" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("group", { name: "Feld 2 · E-Mail" })).toBeVisible();
  const preChatPreview = page.getByTestId("widget-preview-prechat");
  await expect(preChatPreview).toContainText("Name *");
  await expect(preChatPreview).toContainText("E-Mail *");
  await expect(preChatPreview).toContainText("Chat starten");
  await page.getByRole("button", { name: "Vorab-Formular speichern" }).click();
  await expect(page.getByText("Vorab-Formular gespeichert.")).toBeVisible();
  await page.reload();
  await expect(enablePreChat).toBeChecked();
  await expect(page.getByRole("group", { name: "Feld 1 · Text (einzeilig)" }).getByLabel("Beschriftung (Deutsch)")).toHaveValue("Name");
  await expect(page.getByRole("group", { name: "Feld 2 · E-Mail" }).getByLabel("Beschriftung (Deutsch)")).toHaveValue("E-Mail");
  // A later design save keeps the form.
  await page.getByLabel("Titel im Chatfenster").fill("Radladen");
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(page.getByText("Widget gespeichert.")).toBeVisible();
  await page.reload();
  await expect(enablePreChat).toBeChecked();
  await expect(page.getByRole("group", { name: "Feld 2 · E-Mail" })).toBeVisible();
  await expect(preChatPreview).toContainText("E-Mail *");

  // Answers: a provider without a key in the workspace is flagged; answers would fall back to offline.
  await tabs.getByRole("link", { name: "Antworten" }).click();
  await expect(page).toHaveURL(/\/bots\/[^/]+\/answers$/);
  await page.getByLabel("Anbieter", { exact: true }).selectOption("openai");
  await expect(page.getByText("Für OpenAI ist kein API-Schlüssel hinterlegt")).toBeVisible();
  await expect(page.getByLabel("Modell", { exact: true })).toHaveValue("gpt-4o-mini");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Antworteinstellungen gespeichert.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Anbieter", { exact: true })).toHaveValue("openai");
  await expect(page.getByText("Für OpenAI ist kein API-Schlüssel hinterlegt")).toBeVisible();

  // Playground with the offline provider, answering from the Q&A source.
  await page.getByLabel("Anbieter", { exact: true }).selectOption("offline");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Antworteinstellungen gespeichert.")).toBeVisible();
  await page.getByLabel("Frage", { exact: true }).fill("Wie lange dauert die Lieferung nach Österreich?");
  await page.getByRole("button", { name: "Antwort erzeugen" }).click();
  await expect(page.getByTestId("playground-answer")).toContainText("drei bis fünf Werktage", { timeout: 20_000 });
  const result = page.getByTestId("playground-result");
  await expect(result).toContainText("Offline · extractive-v1");
  await expect(result).toContainText(/0,0000\s€/);
  await expect(result.getByRole("region", { name: "Zitierte Quellen" })).toContainText("[1]");
  await expect(page.getByTestId("playground-chunks").locator("li").first()).toContainText("Österreich");
  await expect(result).not.toContainText("Der Bot hat offline geantwortet");

  // Provider key: entered once, afterwards only its last four characters exist in the page.
  await page.getByRole("link", { name: "Einstellungen" }).first().click();
  await expect(page.getByRole("heading", { name: "KI-Anbieter" })).toBeVisible();
  const openai = page.getByTestId("provider-openai");
  await openai.getByRole("button", { name: "Schlüssel eingeben" }).click();
  await page.getByRole("dialog").getByLabel("API-Schlüssel").fill("sk-e2e-secret-key-WXYZ");
  await page.getByRole("dialog").getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Zugang zu OpenAI gespeichert.")).toBeVisible();
  await expect(openai).toContainText("•••• WXYZ");
  await page.reload();
  await expect(page.getByTestId("provider-openai")).toContainText("•••• WXYZ");
  expect(await page.content()).not.toContain("sk-e2e-secret-key");

  await page.getByTestId("provider-openai").getByRole("button", { name: "Entfernen" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Entfernen" }).click();
  await expect(page.getByText("Zugang entfernt.")).toBeVisible();
  await expect(page.getByTestId("provider-openai")).toContainText("Nicht eingerichtet");
});
