/** Bot configs (TWidgetConfig without `origin`, which the harness fills in) and canned answers. */

export const BOTS = {
  bot_demo: {
    botId: "bot_demo",
    title: "Demo Shop Hilfe",
    defaultLocale: "de",
    colors: { primary: "#4f46e5", onPrimary: "#ffffff" },
    position: "right",
    launcherIcon: "chat",
    closeBehavior: "end",
    showBranding: true,
    texts: {
      de: {
        greeting: "Hallo! 👋 Ich beantworte Fragen zu Bestellungen, Versand und Rücksendungen.",
        suggestions: ["Wie kann ich etwas zurücksenden?", "Wie lange dauert der Versand?", "Welche Zahlungsarten gibt es?"],
        overrides: {},
      },
      en: {
        greeting: "Hi! 👋 I can answer questions about orders, shipping and returns.",
        suggestions: ["How do I return something?", "How long does shipping take?", "Which payment methods do you accept?"],
        overrides: {},
      },
    },
    humanAvailable: false,
    preChat: { enabled: false, fields: [] },
  },
  // A light brand colour (the text colour must fall back to dark), left side, no branding.
  bot_left: {
    botId: "bot_left",
    title: "Sunny Support",
    defaultLocale: "en",
    colors: { primary: "#facc15", onPrimary: "#ffffff" },
    position: "left",
    launcherIcon: "sparkle",
    closeBehavior: "minimise",
    showBranding: false,
    texts: {
      de: { greeting: "Hallo!", suggestions: [], overrides: {} },
      en: { greeting: "Hello there!", suggestions: ["Opening hours?"], overrides: { "composer.placeholder": "Ask Sunny anything …" } },
    },
    humanAvailable: false,
    preChat: { enabled: false, fields: [] },
  },
  // A pre-chat form with every field type.
  bot_form: {
    botId: "bot_form",
    title: "Kanzlei Weber",
    defaultLocale: "de",
    colors: { primary: "#0f766e", onPrimary: "#ffffff" },
    position: "right",
    launcherIcon: "help",
    closeBehavior: "end",
    showBranding: true,
    texts: {
      de: { greeting: "Willkommen! Wir helfen Ihnen gern weiter.", suggestions: ["Wie sind Ihre Öffnungszeiten?"], overrides: {} },
      en: { greeting: "Welcome! We are happy to help.", suggestions: ["What are your opening hours?"], overrides: {} },
    },
    humanAvailable: false,
    preChat: {
      enabled: true,
      fields: [
        { key: "name", type: "text", label: { de: "Ihr Name", en: "Your name" }, required: true, options: [] },
        { key: "email", type: "email", label: { de: "E-Mail-Adresse", en: "Email address" }, required: true, options: [] },
        { key: "phone", type: "phone", label: { de: "Telefon", en: "Phone" }, required: false, options: [] },
        { key: "department", type: "department", label: { de: "Abteilung", en: "Department" }, required: true, options: ["Arbeitsrecht", "Mietrecht", "Familienrecht"] },
        { key: "topic", type: "select", label: { de: "Worum geht es?", en: "What is it about?" }, required: false, options: ["Neuer Fall", "Laufender Fall", "Rechnung"] },
        { key: "note", type: "textarea", label: { de: "Ihr Anliegen", en: "Your request" }, required: false, options: [] },
      ],
    },
  },
};

const ANSWERS = {
  de: `Gern! **Rücksendungen** sind innerhalb von *30 Tagen* kostenlos [1].

So geht's:
1. Melden Sie sich in Ihrem Konto an.
2. Wählen Sie die Bestellung und klicken Sie auf \`Zurücksenden\`.
3. Drucken Sie das Etikett aus und geben Sie das Paket ab.

Mehr dazu in der [Rückgabe-Hilfe](https://example.com/hilfe/rueckgabe) [2].`,
  en: `Sure! **Returns** are free within *30 days* [1].

Here's how:
1. Sign in to your account.
2. Pick the order and click \`Return\`.
3. Print the label and drop the parcel off.

More in our [returns guide](https://example.com/help/returns) [2].`,
};

const CITATIONS = {
  de: [
    { n: 1, title: "Rückgabebedingungen", url: "https://example.com/agb#rueckgabe", sourceId: "src_1" },
    { n: 2, title: "Hilfe-Center: Rücksendung", url: "https://example.com/hilfe/rueckgabe", sourceId: "src_2" },
  ],
  en: [
    { n: 1, title: "Return policy", url: "https://example.com/terms#returns", sourceId: "src_1" },
    { n: 2, title: "Help centre: returns", url: "https://example.com/help/returns", sourceId: "src_2" },
  ],
};

export const answerFor = (locale) => ({ text: ANSWERS[locale], citations: CITATIONS[locale] });
