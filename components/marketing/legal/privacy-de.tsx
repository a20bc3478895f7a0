import Link from "next/link";
import type { TOperatorDetails } from "@/lib/site/operator";
import { OperatorBlock } from "./operator-details";
import { LegalToc } from "./legal-page";

const SECTIONS = [
  { id: "verantwortlicher", title: "Verantwortlicher" },
  { id: "rollen", title: "Wer wofür verantwortlich ist" },
  { id: "server", title: "Aufruf der Website und Server" },
  { id: "cookies", title: "Cookies und lokaler Speicher" },
  { id: "konto", title: "Kundenkonto und Anmeldung" },
  { id: "e-mail", title: "E-Mail-Versand" },
  { id: "quellen", title: "Wissensquellen der Kunden" },
  { id: "ki", title: "KI-Verarbeitung und Sprachmodelle" },
  { id: "widget", title: "Chat-Widget und Besucher" },
  { id: "zahlungen", title: "Guthaben und Zahlungen über Stripe" },
  { id: "empfaenger", title: "Empfänger und Drittländer" },
  { id: "speicherdauer", title: "Speicherdauer" },
  { id: "rechte", title: "Ihre Rechte" },
  { id: "sicherheit", title: "Datensicherheit" },
  { id: "aenderungen", title: "Änderungen" },
];

export function PrivacyDe({ operator, googleEnabled }: { operator: TOperatorDetails; googleEnabled: boolean }) {
  return (
    <>
      <p>
        Diese Datenschutzerklärung beschreibt, welche personenbezogenen Daten bei der Nutzung von Chatwerk verarbeitet werden:
        auf dieser Website, im Dashboard, in der Operator-Konsole und im Chat-Widget, das unsere Kunden auf ihren Websites
        einbinden. Sie richtet sich an Kundinnen und Kunden, deren Teammitglieder und an Besucher von Websites mit dem Widget.
      </p>
      <LegalToc label="Inhalt" items={SECTIONS} />

      <h2 id="verantwortlicher">1. Verantwortlicher</h2>
      <p>Verantwortlich im Sinne der Datenschutz-Grundverordnung (DSGVO) für die Verarbeitungen in dieser Erklärung ist:</p>
      <OperatorBlock locale="de" operator={operator} />
      <p>
        Für alle Fragen zum Datenschutz und zur Ausübung Ihrer Rechte erreichen Sie uns unter der oben genannten Adresse. Weitere
        Angaben finden Sie im <Link href="/impressum">Impressum</Link>.
      </p>

      <h2 id="rollen">2. Wer wofür verantwortlich ist</h2>
      <p>
        Für diese Website und für die Konten unserer Kunden entscheiden wir selbst über Zweck und Mittel der Verarbeitung und sind
        deshalb Verantwortlicher.
      </p>
      <p>
        Setzt ein Kunde Chatwerk auf seiner eigenen Website ein, verarbeiten wir die Daten der dortigen Besucher (Nachrichten,
        Sitzungskennung, besuchte Seiten, freiwillige Kontaktangaben) sowie die Inhalte, die der Kunde als Wissensquelle hinterlegt,
        <strong> in dessen Auftrag</strong> (Art. 28 DSGVO). Verantwortlicher ist dann der Betreiber der jeweiligen Website; an
        ihn richten Besucher ihre Anfragen zuerst. Wir unterstützen ihn dabei und verwenden diese Daten nicht für eigene Zwecke.
      </p>

      <h2 id="server">3. Aufruf der Website und Server</h2>
      <p>
        Wenn Sie diese Website, das Dashboard oder das Widget aufrufen, verarbeitet unser Server technisch notwendige Angaben:
        Ihre IP-Adresse, Datum und Uhrzeit, die aufgerufene Adresse, den Referrer, den übermittelten Browser-Typ (User-Agent) sowie
        Statuscode und Datenmenge der Antwort. Ohne diese Angaben kann keine Seite ausgeliefert werden.
      </p>
      <p>
        Die Anwendung selbst schreibt keine Zugriffsprotokolle mit IP-Adressen. Sie verwendet IP-Adressen kurzzeitig, um
        Missbrauch zu begrenzen, etwa zu viele Anmeldeversuche, Registrierungen oder Widget-Nachrichten; diese Zähler verfallen
        spätestens nach einer Stunde. Fehlerprotokolle enthalten technische Angaben zum Fehler, aber keine Inhalte von
        Nachrichten. Führt ein vorgeschalteter Webserver Zugriffsprotokolle, werden diese nach spätestens 14 Tagen gelöscht,
        sofern ein Sicherheitsvorfall nicht eine längere Aufbewahrung zur Aufklärung erfordert.
      </p>
      <p>
        Rechtsgrundlage ist Art. 6 Abs. 1 lit. f DSGVO. Unser berechtigtes Interesse liegt in der sicheren und stabilen
        Bereitstellung des Dienstes.
      </p>

      <h2 id="cookies">4. Cookies und lokaler Speicher</h2>
      <p>
        Diese Website verwendet keine Cookies für Werbung, Reichweitenmessung oder Tracking und bindet keine Inhalte Dritter wie
        Schriftarten, Videos oder Analyse-Skripte ein.
      </p>
      <ul>
        <li>
          <strong>Anmelde-Cookies:</strong> Wenn Sie sich im Dashboard anmelden, setzen wir Cookies für Ihre Sitzung und zum
          Schutz vor gefälschten Anfragen (CSRF). Die Sitzung endet beim Abmelden, spätestens nach 30 Tagen.
        </li>
        <li>
          <strong>Spracheinstellung:</strong> Wählen Sie im Dashboard eine Sprache, speichern wir diese Wahl in einem Cookie
          (<code>cw_locale</code>). Er enthält nur das Sprachkürzel.
        </li>
        <li>
          <strong>Chat-Widget:</strong> Das Widget setzt keine Cookies. Wie es den lokalen Speicher des Browsers nutzt, steht im
          Abschnitt <a href="#widget">Chat-Widget und Besucher</a>.
        </li>
      </ul>
      <p>
        Der Zugriff auf diese Speicher ist unbedingt erforderlich, um den von Ihnen ausdrücklich gewünschten Dienst
        bereitzustellen (§ 25 Abs. 2 Nr. 2 TDDDG); die weitere Verarbeitung beruht auf Art. 6 Abs. 1 lit. b DSGVO.
      </p>

      <h2 id="konto">5. Kundenkonto und Anmeldung</h2>
      <p>
        Für ein Konto speichern wir Ihre E-Mail-Adresse, Ihren Namen (falls angegeben), Ihre bevorzugte Sprache und Ihr Passwort
        – dieses ausschließlich als Hash mit dem Verfahren scrypt, niemals im Klartext. Wir speichern außerdem, wann Sie Ihre
        E-Mail-Adresse bestätigt haben, zu welchen Workspaces Sie mit welcher Rolle gehören, Einladungen sowie ein Protokoll
        wichtiger Änderungen im Workspace (zum Beispiel geänderte Einstellungen oder Mitglieder), damit Inhaber nachvollziehen
        können, wer was geändert hat.
      </p>
      <p>
        Zweck ist die Bereitstellung des Dienstes. Rechtsgrundlage ist Art. 6 Abs. 1 lit. b DSGVO, für das Änderungsprotokoll
        Art. 6 Abs. 1 lit. f DSGVO (Nachvollziehbarkeit und Sicherheit im Team). Sie können Ihr Konto in den Kontoeinstellungen
        selbst löschen; Workspaces, in denen Sie das einzige Mitglied sind, werden dabei mit gelöscht.
      </p>
      {googleEnabled && (
        <>
          <h3>Anmeldung mit Google</h3>
          <p>
            Sie können sich statt mit einem Passwort mit Ihrem Google-Konto anmelden. Anbieter ist Google Ireland Limited, Irland.
            Wählen Sie diese Option, leitet Ihr Browser Sie zu Google weiter; nach Ihrer Zustimmung übermittelt Google uns Ihren
            Namen, Ihre E-Mail-Adresse, ob diese bestätigt ist, Ihre Google-Kontokennung und gegebenenfalls Ihr Profilbild. Wir
            verwenden diese Angaben nur, um Sie anzumelden und Ihr Konto zu führen. Ein bestehendes, noch nicht bestätigtes
            Passwort-Konto wird nicht stillschweigend mit einem Google-Login verknüpft.
          </p>
          <p>
            Rechtsgrundlage ist Art. 6 Abs. 1 lit. b DSGVO. Google kann Daten auch in den USA verarbeiten (siehe{" "}
            <a href="#empfaenger">Empfänger und Drittländer</a>). Die Verknüpfung können Sie in Ihrem Google-Konto aufheben.
          </p>
        </>
      )}

      <h2 id="e-mail">6. E-Mail-Versand</h2>
      <p>
        Wir senden Ihnen E-Mails, die zum Dienst gehören: Bestätigung Ihrer E-Mail-Adresse, Zurücksetzen des Passworts,
        Einladungen in einen Workspace und Hinweise zu Ihrem Guthaben, etwa vor der Abbuchung eines Plans. Dafür verarbeiten wir
        Ihre E-Mail-Adresse, Ihren Namen und den Inhalt der Nachricht. Der Versand erfolgt über einen E-Mail-Dienstleister, der in
        unserem Auftrag handelt. Rechtsgrundlage ist Art. 6 Abs. 1 lit. b DSGVO. Werbe-Newsletter versenden wir nicht.
      </p>

      <h2 id="quellen">7. Wissensquellen der Kunden</h2>
      <p>
        Kunden geben ihren Bots Inhalte als Wissensquelle: Seiten ihrer Website (per Crawl oder Sitemap), hochgeladene Dateien
        (PDF, DOCX, TXT, Markdown, HTML, CSV), Texte und Frage-Antwort-Paare. Beim Crawlen ruft Chatwerk nur öffentlich
        erreichbare Seiten der angegebenen Website ab und beachtet deren robots.txt. Die Inhalte werden gespeichert, in Abschnitte
        zerlegt und für die Suche indiziert (Volltextindex und Vektoren), damit der Bot sie zitieren kann.
      </p>
      <p>
        Für personenbezogene Daten in diesen Inhalten ist der jeweilige Kunde verantwortlich; wir verarbeiten sie in seinem
        Auftrag. Löscht der Kunde eine Quelle, werden die zugehörigen Abschnitte und Indizes mit gelöscht.
      </p>

      <h2 id="ki">8. KI-Verarbeitung und Sprachmodelle</h2>
      <p>
        Jeder Bot verwendet einen KI-Anbieter, den der Kunde in den Einstellungen des Bots festlegt. Welche Daten dabei wohin
        gehen, hängt von dieser Wahl ab:
      </p>
      <ul>
        <li>
          <strong>Eingebaute Offline-KI (Standard):</strong> Suchindizes und Antworten entstehen vollständig auf unserem Server.
          Es werden keine Daten an Dritte übermittelt.
        </li>
        <li>
          <strong>OpenAI</strong> (OpenAI Ireland Ltd., Irland, mit OpenAI, L.L.C., USA) und <strong>Google Gemini</strong>{" "}
          (Google Ireland Limited, Irland, mit Google LLC, USA): Für jede Antwort übermitteln wir die Frage des Besuchers, die
          passenden Abschnitte aus den Wissensquellen, den jüngsten Gesprächsverlauf und die Anweisungen des Kunden an den Bot.
          Wird der Anbieter auch für die Suchindizierung genutzt, übermitteln wir ihm dafür die Textabschnitte der Quellen.
        </li>
        <li>
          <strong>Selbst betriebene, OpenAI-kompatible Server</strong> (zum Beispiel Ollama, vLLM oder LM Studio): Die genannten
          Daten gehen an den Server, dessen Adresse hinterlegt ist. Betreibt ihn der Kunde selbst, bleiben die Daten in dessen
          Infrastruktur, und er ist für diesen Server verantwortlich.
        </li>
      </ul>
      <p>
        Bevor Text an einen externen Anbieter geht, ersetzen wir E-Mail-Adressen, Telefonnummern und IBANs durch Platzhalter.
        Namen oder andere Angaben, die ein Besucher in seine Frage schreibt, lassen sich so nicht in jedem Fall erkennen; Besucher
        sollten deshalb keine sensiblen Daten in den Chat schreiben. Texte aus den Wissensquellen werden dem Modell als Daten
        übergeben, nicht als Anweisungen.
      </p>
      <p>
        Hinterlegt ein Kunde eigene API-Schlüssel für einen Anbieter, speichern wir diese verschlüsselt. Rechtsgrundlage für die
        Verarbeitung ist Art. 6 Abs. 1 lit. b DSGVO im Verhältnis zum Kunden; für Besucherdaten handeln wir im Auftrag des Kunden
        (siehe Abschnitt 2).
      </p>

      <h2 id="widget">9. Chat-Widget und Besucher</h2>
      <p>Das Widget lädt in einem eigenen Frame auf der Website des Kunden. Es arbeitet ohne Cookies.</p>
      <ul>
        <li>
          <strong>Vor der ersten Interaktion</strong> speichert das Widget nichts. Damit Operatoren sehen können, dass gerade
          jemand auf der Website ist, hält der Server die aktuell geöffnete Seite nur im Arbeitsspeicher, solange diese Seite
          geöffnet ist; gespeichert wird dabei nichts.
        </li>
        <li>
          <strong>Sobald ein Besucher interagiert</strong> – also eine Nachricht schreibt oder eine Einladung eines Operators
          annimmt – erzeugt der Server eine zufällige Sitzungskennung. Das Widget legt sie im <code>localStorage</code> des
          Browsers ab und sendet sie bei jeder Anfrage als Header mit, damit das Gespräch beim Wechsel auf eine andere Seite
          erhalten bleibt. Die Kennung enthält keine Angaben über den Besucher.
        </li>
        <li>
          Ab dann speichern wir zu dieser Sitzung: die Nachrichten des Gesprächs, die Antworten des Bots mit ihren Quellen,
          Nachrichten von Operatoren, Zeitpunkt des ersten und letzten Besuchs, die besuchten Seiten der Website, den Referrer,
          die Sprache des Browsers sowie Angaben, die der Besucher freiwillig macht, etwa im Vor-Chat-Formular (zum Beispiel
          Name oder E-Mail-Adresse) oder als Bewertung des Gesprächs. Die IP-Adresse des Besuchers wird nicht zu dieser Sitzung
          gespeichert.
        </li>
        <li>
          <strong>Schließen der Sitzung:</strong> Über das Schließen-Symbol im Widget beendet der Besucher das Gespräch; das
          Widget löscht dabei die Sitzungskennung aus dem Browser. Der lokale Speicher lässt sich außerdem jederzeit über die
          Browsereinstellungen löschen.
        </li>
      </ul>
      <p>
        Die Gespräche sieht der Kunde in seinem Dashboard, seine Operatoren in der Operator-Konsole. Wie lange Gespräche
        aufbewahrt werden, legt der Kunde in seinem Workspace fest (zwischen einem Tag und dem Höchstwert seines Plans); danach
        werden sie gelöscht. Verantwortlich für diese Daten ist der Betreiber der Website, auf der das Widget eingebunden ist
        (siehe Abschnitt 2). Der Zugriff auf den lokalen Speicher ist für den vom Besucher gewünschten Chat unbedingt
        erforderlich (§ 25 Abs. 2 Nr. 2 TDDDG).
      </p>

      <h2 id="zahlungen">10. Guthaben und Zahlungen über Stripe</h2>
      <p>
        Kunden laden ihr Prepaid-Guthaben über Stripe Checkout auf. Anbieter ist Stripe Payments Europe, Limited, Irland. Sie
        geben Ihre Zahlungsdaten direkt bei Stripe ein; Kartennummern, Prüfziffern oder Kontodaten erreichen uns nicht. Stripe
        verarbeitet diese Daten auch zur Betrugsprävention und kann dafür Angaben zu Ihrem Gerät und Ihrer IP-Adresse erheben.
      </p>
      <p>
        Wir erhalten von Stripe die Kennungen von Zahlung und Checkout-Sitzung, Betrag, Währung, Status und die für die Rechnung
        nötigen Angaben (Name bzw. Firma, Rechnungsanschrift, E-Mail-Adresse und gegebenenfalls Ihre
        Umsatzsteuer-Identifikationsnummer). Gutschriften, Abbuchungen für Pläne und KI-Nutzung sowie Erstattungen halten wir in
        einem Buchungsjournal Ihres Workspaces fest.
      </p>
      <p>
        Rechtsgrundlagen sind Art. 6 Abs. 1 lit. b DSGVO (Vertragserfüllung), Art. 6 Abs. 1 lit. c DSGVO (handels- und
        steuerrechtliche Aufbewahrungspflichten) und Art. 6 Abs. 1 lit. f DSGVO (Schutz vor Zahlungsbetrug).
      </p>

      <h2 id="empfaenger">11. Empfänger und Drittländer</h2>
      <p>Personenbezogene Daten erhalten nur, soweit für den jeweiligen Zweck nötig:</p>
      <ul>
        <li>unser Hosting-Dienstleister, der Server und Datenbank in unserem Auftrag betreibt,</li>
        <li>unser E-Mail-Dienstleister für den Versand der Service-E-Mails,</li>
        <li>Stripe für Zahlungen,</li>
        <li>die KI-Anbieter, die ein Kunde für seine Bots ausgewählt hat (siehe Abschnitt 8),</li>
        {googleEnabled && <li>Google für die Anmeldung mit Google, wenn Sie diese nutzen.</li>}
      </ul>
      <p>
        Dienstleister, die in unserem Auftrag handeln, sind vertraglich nach Art. 28 DSGVO gebunden. Einige der genannten
        Anbieter verarbeiten Daten auch in den USA. Übermittlungen dorthin stützen sich auf den Angemessenheitsbeschluss der
        EU-Kommission zum EU-US Data Privacy Framework, soweit der Empfänger danach zertifiziert ist, und andernfalls auf die
        Standardvertragsklauseln der EU-Kommission (Art. 46 Abs. 2 lit. c DSGVO). Wir verkaufen keine personenbezogenen Daten und
        geben sie nicht für Werbung weiter.
      </p>

      <h2 id="speicherdauer">12. Speicherdauer</h2>
      <ul>
        <li>Zähler zur Missbrauchsbegrenzung: höchstens eine Stunde.</li>
        <li>Zugriffsprotokolle eines vorgeschalteten Webservers: höchstens 14 Tage.</li>
        <li>Anmelde-Sitzung: bis zur Abmeldung, höchstens 30 Tage.</li>
        <li>Links zur Bestätigung der E-Mail-Adresse und zum Zurücksetzen des Passworts: bis zur Verwendung oder ihrem Ablauf.</li>
        <li>Kontodaten: bis Sie Ihr Konto löschen.</li>
        <li>
          Gespräche und Besucherdaten im Widget: gemäß der Aufbewahrungsdauer, die der Kunde für seinen Workspace eingestellt hat,
          oder bis der Kunde sie oder den Workspace löscht.
        </li>
        <li>Wissensquellen: bis der Kunde die Quelle, den Bot oder den Workspace löscht.</li>
        <li>
          Rechnungen und Buchungsbelege: so lange, wie es handels- und steuerrechtliche Pflichten verlangen (§ 147 AO, § 257 HGB;
          bis zu zehn Jahre).
        </li>
      </ul>

      <h2 id="rechte">13. Ihre Rechte</h2>
      <p>Sie haben im Rahmen der gesetzlichen Voraussetzungen das Recht auf</p>
      <ul>
        <li>Auskunft über die zu Ihnen gespeicherten Daten (Art. 15 DSGVO),</li>
        <li>Berichtigung unrichtiger Daten (Art. 16 DSGVO),</li>
        <li>Löschung (Art. 17 DSGVO) und Einschränkung der Verarbeitung (Art. 18 DSGVO),</li>
        <li>Datenübertragbarkeit, also einen Export in einem gängigen, maschinenlesbaren Format (Art. 20 DSGVO),</li>
        <li>
          Widerspruch gegen Verarbeitungen, die auf Art. 6 Abs. 1 lit. f DSGVO beruhen, aus Gründen, die sich aus Ihrer
          besonderen Situation ergeben (Art. 21 DSGVO),
        </li>
        <li>Widerruf einer erteilten Einwilligung mit Wirkung für die Zukunft (Art. 7 Abs. 3 DSGVO),</li>
        <li>Beschwerde bei einer Datenschutz-Aufsichtsbehörde (Art. 77 DSGVO).</li>
      </ul>
      <p>
        Schreiben Sie uns dazu an die Adresse in Abschnitt 1. Als Besucher einer Website mit dem Chat-Widget wenden Sie sich am
        besten zuerst an deren Betreiber; erreicht uns Ihre Anfrage, leiten wir sie an ihn weiter und unterstützen ihn bei der
        Antwort.
      </p>

      <h2 id="sicherheit">14. Datensicherheit</h2>
      <p>
        Alle Verbindungen sind mit TLS verschlüsselt. Passwörter speichern wir nur als scrypt-Hash, API-Schlüssel für
        KI-Anbieter verschlüsselt. Jeder Datensatz gehört zu genau einem Workspace, und jede Abfrage ist auf diesen Workspace
        beschränkt. Nachrichten von Besuchern werden in Dashboard und Konsole als Text dargestellt, nie als ausführbarer Code. Das
        Widget läuft nur auf Domains, die der Kunde freigegeben hat. Zahlungsgutschriften werden nur aus signierten Nachrichten
        von Stripe gebucht.
      </p>

      <h2 id="aenderungen">15. Änderungen</h2>
      <p>
        Wir passen diese Erklärung an, wenn sich Funktionen von Chatwerk oder die Rechtslage ändern. Es gilt die Fassung, die
        zum Zeitpunkt Ihres Besuchs auf dieser Seite veröffentlicht ist.
      </p>
    </>
  );
}
