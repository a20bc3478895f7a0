import { A, Code, embedSnippet, planFacts, Snippet } from "./faq-bits";
import type { TFaqCategory, TFaqContext } from "./faq-types";

export function faqDe({ baseUrl, planName }: TFaqContext): TFaqCategory[] {
  const f = planFacts("de");
  return [
    {
      id: "einstieg",
      title: "Einstieg",
      items: [
        {
          id: "loslegen",
          question: "Wie fange ich mit Chatwerk an?",
          answer: (
            <>
              <p>
                <A href="/signup">Registrieren</A> Sie sich mit Ihrer E-Mail-Adresse und bestätigen Sie den Link, den wir Ihnen
                schicken. Danach legen Sie einen Workspace an – etwa für Ihr Unternehmen oder eine Website – und darin Ihren ersten
                Bot.
              </p>
              <p>
                Fügen Sie dem Bot eine Wissensquelle hinzu, zum Beispiel die Adresse Ihrer Website oder Ihre Sitemap. Sobald die
                Quelle als „bereit“ angezeigt wird, können Sie den Bot im Dashboard testen und anschließend auf Ihrer Website
                einbinden.
              </p>
            </>
          ),
        },
        {
          id: "free-plan",
          question: "Gibt es einen kostenlosen Plan?",
          answer: (
            <>
              <p>
                Ja. Der Plan {planName(f.free.id)} kostet dauerhaft nichts und braucht keine Zahlungsdaten. Er umfasst{" "}
                {f.free.bots === 1 ? "einen Bot" : `${f.free.bots} Bots`}, {f.free.seats} Sitze im Team und bis zu {f.freePages}{" "}
                Wissensseiten. Die KI-Antworten, die Quellenangaben und das cookie-freie Widget funktionieren dort genauso wie in
                den bezahlten Plänen.
              </p>
              <p>
                Live-Chat mit Operatoren gibt es ab {planName(f.firstLiveChat.id)}, das Entfernen von „Powered by Chatwerk“ ab{" "}
                {planName(f.firstNoBranding.id)}. Alle Unterschiede zeigt der <A href="/funktionen">Planvergleich</A>.
              </p>
            </>
          ),
        },
        {
          id: "widget-einbinden",
          question: "Wie baue ich das Widget auf meiner Website ein?",
          answer: (
            <>
              <p>
                Mit einer einzigen Zeile. Im Dashboard finden Sie für jeden Bot den fertigen Code mit seiner öffentlichen Bot-ID.
                Er sieht so aus:
              </p>
              <Snippet code={embedSnippet(baseUrl, "IHRE-BOT-ID")} label="Einbettungscode des Widgets" />
              <p>
                Fügen Sie ihn in das Template Ihrer Website ein, am besten direkt vor dem schließenden <Code>&lt;/body&gt;</Code>
                -Tag. Dank <Code>async</Code> bremst das Script den Seitenaufbau nicht. Das Widget läuft in einem eigenen Frame und
                wird weder von Ihrem CSS noch von Ihren Skripten beeinflusst.
              </p>
              <p>
                Tragen Sie in den Workspace-Einstellungen die Domains ein, auf denen der Bot erscheinen darf. Für Newsletter,
                QR-Codes oder Seiten ohne eigenes Script gibt es zusätzlich einen Direktlink zum Vollbild-Chat.
              </p>
            </>
          ),
        },
        {
          id: "cms",
          question: "Funktioniert Chatwerk mit WordPress, Shopify oder meinem Baukasten?",
          answer: (
            <p>
              Überall dort, wo Sie HTML in den Kopf- oder Fußbereich Ihrer Seiten einfügen können – das bieten praktisch alle
              Content-Management-Systeme, Shop-Systeme und Website-Baukästen, meist unter „Eigener Code“ oder „Header und
              Footer“. Ein Plugin ist nicht nötig.
            </p>
          ),
        },
        {
          id: "team",
          question: "Kann ich mein Team einladen?",
          answer: (
            <p>
              Ja. Sie laden Kolleginnen und Kollegen per E-Mail in Ihren Workspace ein und vergeben eine Rolle: Inhaber verwalten
              alles einschließlich Abrechnung, Admins richten Bots, Quellen und Einstellungen ein, Operatoren beantworten Chats in
              der Operator-Konsole. Wie viele Sitze Ihr Plan umfasst, steht in der <A href="/preise">Preisübersicht</A>.
            </p>
          ),
        },
      ],
    },
    {
      id: "wissen-ki",
      title: "Wissen und KI",
      items: [
        {
          id: "datenquellen",
          question: "Aus welchen Quellen lernt mein Bot?",
          answer: (
            <>
              <ul>
                <li>
                  <strong>Website:</strong> Chatwerk liest Ihre Seiten ab einer Start-URL, bleibt dabei auf derselben Website,
                  beachtet die robots.txt und hält sich an die Grenzen für Seitenzahl und Linktiefe, die Sie festlegen.
                </li>
                <li>
                  <strong>Sitemap:</strong> Geben Sie die Adresse Ihrer sitemap.xml an, werden genau die dort aufgeführten Seiten
                  gelesen.
                </li>
                <li>
                  <strong>Dateien:</strong> PDF, DOCX, TXT, Markdown, HTML und CSV.
                </li>
                <li>
                  <strong>Text und Q&amp;A:</strong> Freie Texte sowie Frage-Antwort-Paare für Antworten, die genau so lauten
                  sollen.
                </li>
              </ul>
              <p>
                Jede Quelle zeigt ihren Status live (wartend, in Arbeit, bereit oder fehlgeschlagen mit Grund). Websites lassen
                sich auf Knopfdruck oder nach Zeitplan neu einlesen, damit der Bot aktuell bleibt.
              </p>
            </>
          ),
        },
        {
          id: "ki-modelle",
          question: "Welche KI-Modelle kann ich verwenden?",
          answer: (
            <>
              <p>
                Ohne weitere Einstellung antwortet die <strong>eingebaute Offline-KI</strong>. Sie läuft vollständig auf unserem
                Server, erstellt ihre Suchindizes lokal und antwortet, indem sie die passendsten Stellen Ihrer Inhalte mit Quelle
                zitiert. Es findet dabei kein einziger Aufruf bei einem externen Anbieter statt.
              </p>
              <p>
                Für frei formulierte Antworten können Sie pro Bot ein Sprachmodell wählen: <strong>OpenAI</strong>,{" "}
                <strong>Google Gemini</strong> oder einen <strong>selbst betriebenen, OpenAI-kompatiblen Server</strong> wie
                Ollama, vLLM oder LM Studio. Eigene API-Schlüssel hinterlegen Sie im Dashboard; wir speichern sie verschlüsselt.
              </p>
            </>
          ),
        },
        {
          id: "datenfluss",
          question: "Wohin gehen die Daten, wenn der Bot antwortet?",
          answer: (
            <>
              <p>
                Mit der Offline-KI verlassen Fragen und Inhalte unseren Server nicht. Haben Sie für einen Bot einen externen
                Anbieter gewählt, übermitteln wir diesem für jede Antwort nur, was er dafür braucht: die Frage, die passenden
                Ausschnitte aus Ihren Quellen, den jüngsten Gesprächsverlauf und Ihre Anweisungen an den Bot.
              </p>
              <p>
                Bevor Text an einen externen Anbieter geht, ersetzen wir <strong>E-Mail-Adressen, Telefonnummern und IBANs</strong>{" "}
                durch Platzhalter. Bei einem selbst betriebenen Server wie Ollama bleiben die Daten in der Infrastruktur, die Sie
                dafür angeben. Details stehen in der <A href="/datenschutz">Datenschutzerklärung</A>.
              </p>
            </>
          ),
        },
        {
          id: "unsicher",
          question: "Was passiert, wenn der Bot eine Antwort nicht kennt?",
          answer: (
            <p>
              Dann sagt er das, statt etwas zu erfinden. Ihre Quellen werden ihm als Daten übergeben, nicht als Anweisungen, und er
              antwortet nur mit dem, was darin steht. Ist er unsicher oder fragt der Besucher nach einem Menschen, bietet er die
              Übergabe an Ihr Team an – in Plänen mit Live-Chat landet das Gespräch dann in der Warteschlange Ihrer Operatoren.
            </p>
          ),
        },
      ],
    },
    {
      id: "live-chat",
      title: "Live-Chat",
      items: [
        {
          id: "uebergabe",
          question: "Können Menschen ein Gespräch übernehmen?",
          answer: (
            <>
              <p>
                Ja, ab dem Plan {planName(f.firstLiveChat.id)}. Übergibt der Bot oder bittet der Besucher darum, erscheint das
                Gespräch in der Warteschlange der Operator-Konsole. Ein Operator nimmt es an und sieht den gesamten bisherigen
                Verlauf – der Besucher muss nichts wiederholen.
              </p>
              <p>
                In der Konsole können Operatoren Gespräche an Kollegen oder andere Abteilungen weiterleiten, Textbausteine
                einfügen, sehen, wer gerade tippt, und Besucher mit einem Befehl direkt auf eine bestimmte Seite führen.
              </p>
            </>
          ),
        },
        {
          id: "support-team",
          question: "Wie organisiere ich mein Support-Team?",
          answer: (
            <p>
              Mit Abteilungen, etwa „Vertrieb“ und „Technik“, denen Sie Operatoren zuordnen. Textbausteine legen Sie für den ganzen
              Workspace, für eine Abteilung oder persönlich an. Jeder Operator hat ein eigenes Profil mit Anzeigename und Status,
              und Sie sehen im Dashboard alle Gespräche, Leads und Bewertungen.
            </p>
          ),
        },
      ],
    },
    {
      id: "datenschutz-sicherheit",
      title: "Datenschutz und Sicherheit",
      items: [
        {
          id: "cookies",
          question: "Setzt das Widget Cookies?",
          answer: (
            <>
              <p>
                Nein. Solange ein Besucher das Widget nicht benutzt, speichert es nichts – weder im Browser noch auf unserem
                Server. Erst wenn er eine Nachricht schreibt, entsteht eine Sitzung: eine zufällige Kennung, die das Widget im{" "}
                <Code>localStorage</Code> des Browsers ablegt und bei jeder Anfrage als Header mitschickt. So findet der Besucher
                sein Gespräch nach einem Seitenwechsel wieder.
              </p>
              <p>
                Schließt der Besucher die Sitzung über das Schließen-Symbol im Widget, wird das Gespräch beendet und die Kennung
                im Browser gelöscht.
              </p>
            </>
          ),
        },
        {
          id: "dsgvo",
          question: "Wie kann ich meine Rechte nach der DSGVO wahrnehmen?",
          answer: (
            <>
              <p>
                Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Datenübertragbarkeit
                und Widerspruch. Ihr Konto können Sie in den Kontoeinstellungen jederzeit selbst löschen; Workspaces, in denen
                Sie das einzige Mitglied sind, werden dabei mit gelöscht. Für Auskunft oder einen Export Ihrer Daten schreiben Sie
                uns an die Adresse im <A href="/impressum">Impressum</A>.
              </p>
              <p>
                Als Website-Betreiber legen Sie in den Workspace-Einstellungen fest, wie lange Gespräche aufbewahrt werden (je nach
                Plan bis zu {f.maxRetentionYears} Jahre). Anfragen Ihrer Besucher zu deren Daten beantworten Sie mit den
                Gesprächen und Leads in Ihrem Dashboard. Wie wir selbst Daten verarbeiten, beschreibt die{" "}
                <A href="/datenschutz">Datenschutzerklärung</A>.
              </p>
            </>
          ),
        },
        {
          id: "auftragsverarbeitung",
          question: "Brauche ich einen Vertrag zur Auftragsverarbeitung?",
          answer: (
            <p>
              Wenn Sie Chatwerk auf Ihrer Website einsetzen, verarbeiten wir die Daten Ihrer Besucher in Ihrem Auftrag. Sie
              bleiben dafür Verantwortlicher im Sinne der DSGVO, und wir schließen mit Ihnen einen Vertrag zur
              Auftragsverarbeitung nach Art. 28 DSGVO – schreiben Sie uns dazu an die Adresse im <A href="/impressum">Impressum</A>
              . Erwähnen Sie das Chat-Widget außerdem in Ihrer eigenen Datenschutzerklärung.
            </p>
          ),
        },
        {
          id: "sicherheit",
          question: "Wie schützt Chatwerk meine Daten?",
          answer: (
            <ul>
              <li>Alle Verbindungen laufen verschlüsselt über TLS.</li>
              <li>Passwörter speichern wir nur als Hash mit scrypt, einem bewusst aufwendigen Verfahren.</li>
              <li>API-Schlüssel, die Sie für KI-Anbieter hinterlegen, werden verschlüsselt gespeichert.</li>
              <li>
                Jeder Datensatz gehört zu genau einem Workspace, und jede Abfrage – auch die Suche in Ihren Inhalten – ist auf
                diesen Workspace beschränkt.
              </li>
              <li>
                Anmeldung, Registrierung, Widget-Nachrichten und API-Schlüssel sind gegen Missbrauch begrenzt, E-Mail-Konten werden
                vor der Nutzung bestätigt.
              </li>
              <li>Zahlungsdaten wie Kartennummern erreichen uns nie, sie bleiben bei Stripe.</li>
            </ul>
          ),
        },
      ],
    },
    {
      id: "abrechnung",
      title: "Abrechnung",
      items: [
        {
          id: "guthaben",
          question: "Wie funktioniert das Prepaid-Guthaben?",
          answer: (
            <>
              <p>
                Ihr Workspace hat ein Guthabenkonto. Sie laden es im Dashboard über Stripe Checkout auf, mit festen Beträgen von{" "}
                {f.topUps} oder einem eigenen Betrag. Gutgeschrieben wird, sobald Stripe uns die Zahlung bestätigt hat; zu jeder
                Aufladung erhalten Sie eine Rechnung als PDF.
              </p>
              <p>
                Vom Guthaben abgebucht werden die Planbeträge für die gewählte Laufzeit – vor jeder Abbuchung erhalten Sie einen
                Hinweis – sowie Antworten externer KI-Modelle, die über die Plattform laufen. Nutzen Sie Ihren eigenen
                API-Schlüssel, zeichnen wir den Verbrauch nur auf. Antworten kosten oft nur Bruchteile eines Cents; wir rechnen
                sie exakt zusammen und buchen volle Cents ab. Jede Buchung sehen Sie im Verlauf Ihres Workspaces.
              </p>
            </>
          ),
        },
        {
          id: "guthaben-leer",
          question: "Was passiert, wenn mein Guthaben nicht reicht?",
          answer: (
            <p>
              Antworten und Planbuchungen machen Ihr Guthaben nie negativ. Reicht es für eine Antwort eines externen Modells nicht, antwortet stattdessen die
              Offline-KI oder ein Mensch aus Ihrem Team, und Sie werden einmal per E-Mail benachrichtigt. Schon vorher warnen wir
              Sie, wenn das Guthaben unter die Schwellen fällt, die Sie in der Abrechnung festlegen. Ihr Widget bleibt also erreichbar, während
              Sie in Ruhe nachladen.
            </p>
          ),
        },
        {
          id: "laufzeiten",
          question: "Welche Laufzeiten und Rabatte gibt es?",
          answer: (
            <p>
              Bezahlte Pläne buchen Sie für 1, 3, 6 oder 12 Monate. Längere Laufzeiten sind günstiger ({f.periodList}). Alle
              Beträge finden Sie auf der <A href="/preise">Preisseite</A>.
            </p>
          ),
        },
        {
          id: "zahlungsarten",
          question: "Wie kann ich bezahlen?",
          answer: (
            <p>
              Aufladungen laufen über Stripe Checkout. Welche Zahlungsarten Ihnen angeboten werden, etwa Kreditkarte oder
              SEPA-Lastschrift, sehen Sie dort; sie hängen unter anderem von Ihrem Land ab. Ihre Karten- oder Kontodaten gibt Stripe
              nicht an uns weiter.
            </p>
          ),
        },
        {
          id: "rechnung",
          question: "Bekomme ich eine Rechnung, und warum brauchen Sie meine Rechnungsadresse und USt-IdNr.?",
          answer: (
            <>
              <p>
                Ja, für Ihre Zahlungen erhalten Sie Rechnungen. Das deutsche Umsatzsteuergesetz (§ 14 UStG) schreibt vor, dass
                eine Rechnung den vollständigen Namen und die Anschrift von Leistendem und Leistungsempfänger enthält. Ohne diese
                Angaben könnten Sie die Rechnung zum Beispiel nicht für den Vorsteuerabzug verwenden.
              </p>
              <p>
                Ihre Anschrift bestimmt außerdem, welche Umsatzsteuer anfällt. Bei Unternehmen in einem anderen EU-Staat geht die
                Steuerschuld auf Sie als Empfänger über (Reverse-Charge-Verfahren); dafür müssen wir Ihre gültige
                Umsatzsteuer-Identifikationsnummer prüfen und auf der Rechnung angeben. Für Verbraucher gelten die Preise inklusive
                Umsatzsteuer.
              </p>
            </>
          ),
        },
      ],
    },
  ];
}
