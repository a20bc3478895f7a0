import Link from "next/link";
import type { TOperatorDetails } from "@/lib/site/operator";
import { OperatorBlock } from "./operator-details";
import { LegalToc } from "./legal-page";

const SECTIONS = [
  { id: "geltung", title: "§ 1 Geltungsbereich und Anbieter" },
  { id: "leistungen", title: "§ 2 Leistungen" },
  { id: "vertrag", title: "§ 3 Konto und Vertragsschluss" },
  { id: "plaene", title: "§ 4 Pläne, Laufzeiten und Preise" },
  { id: "guthaben", title: "§ 5 Prepaid-Guthaben" },
  { id: "widerruf", title: "§ 6 Widerrufsrecht für Verbraucher" },
  { id: "pflichten", title: "§ 7 Pflichten des Kunden" },
  { id: "ki", title: "§ 8 KI-Antworten" },
  { id: "datenschutz", title: "§ 9 Datenschutz und Auftragsverarbeitung" },
  { id: "verfuegbarkeit", title: "§ 10 Verfügbarkeit und Änderungen" },
  { id: "haftung", title: "§ 11 Haftung" },
  { id: "kuendigung", title: "§ 12 Laufzeit, Kündigung und Löschung" },
  { id: "schluss", title: "§ 13 Schlussbestimmungen" },
];

export function TermsDe({ operator }: { operator: TOperatorDetails }) {
  return (
    <>
      <LegalToc label="Inhalt" items={SECTIONS} numbered={false} />

      <h2 id="geltung">§ 1 Geltungsbereich und Anbieter</h2>
      <p>
        (1) Diese Allgemeinen Geschäftsbedingungen gelten für alle Verträge über die Nutzung von Chatwerk zwischen dem folgenden
        Anbieter und seinen Kundinnen und Kunden („Kunde“):
      </p>
      <OperatorBlock locale="de" operator={operator} />
      <p>
        (2) Chatwerk richtet sich an Unternehmer und Verbraucher. Abweichende Bedingungen des Kunden gelten nur, wenn der
        Anbieter ihnen ausdrücklich in Textform zustimmt.
      </p>

      <h2 id="leistungen">§ 2 Leistungen</h2>
      <p>
        (1) Chatwerk ist eine Software, die über das Internet bereitgestellt wird. Kunden richten damit Chat-Bots ein, die Fragen
        von Besuchern ihrer Websites auf Grundlage der vom Kunden hinterlegten Inhalte beantworten, und führen Live-Chats mit
        eigenen Mitarbeitern (Operatoren). Den Umfang der einzelnen Pläne beschreiben die <Link href="/funktionen">Funktionsseite</Link>{" "}
        und die <Link href="/preise">Preisseite</Link> in der bei Vertragsschluss geltenden Fassung.
      </p>
      <p>
        (2) Ohne gesonderte Einstellung nutzt ein Bot die eingebaute Offline-KI. Wählt der Kunde einen externen KI-Anbieter,
        gelten ergänzend dessen Bedingungen, soweit der Kunde einen eigenen Schlüssel dieses Anbieters verwendet.
      </p>
      <p>
        (3) Der Anbieter stellt keine Operatoren oder Support-Mitarbeiter für den Kunden; Live-Chats führt der Kunde mit eigenem
        Personal.
      </p>

      <h2 id="vertrag">§ 3 Konto und Vertragsschluss</h2>
      <p>
        (1) Die Darstellung der Leistungen auf dieser Website ist kein bindendes Angebot. Mit der Registrierung gibt der Kunde
        ein Angebot zum Abschluss eines Nutzungsvertrags über den kostenlosen Plan ab; der Vertrag kommt zustande, wenn der
        Kunde seine E-Mail-Adresse über den zugesandten Link bestätigt. Bezahlte Pläne bucht der Kunde im Dashboard; der
        Vertrag über den Plan kommt mit der Buchung zustande.
      </p>
      <p>
        (2) Der Kunde macht bei der Registrierung und in den Rechnungsangaben wahre und vollständige Angaben und hält sie aktuell.
        Verbraucher müssen volljährig sein.
      </p>
      <p>
        (3) Zugangsdaten sind geheim zu halten. Der Kunde ist für die Handlungen der Mitglieder verantwortlich, die er in seinen
        Workspace einlädt.
      </p>

      <h2 id="plaene">§ 4 Pläne, Laufzeiten und Preise</h2>
      <p>
        (1) Es gelten die Preise und Grenzen (Sitze, Bots, Wissensseiten und weitere Merkmale), die auf der{" "}
        <Link href="/preise">Preisseite</Link> zum Zeitpunkt der Buchung angegeben sind. Für Verbraucher enthalten die Preise die
        gesetzliche Umsatzsteuer. Für Unternehmer sind es Nettopreise zuzüglich Umsatzsteuer; für Unternehmer in anderen
        EU-Mitgliedstaaten mit gültiger Umsatzsteuer-Identifikationsnummer gilt das Reverse-Charge-Verfahren.
      </p>
      <p>
        (2) Bezahlte Pläne werden für eine Laufzeit von 1, 3, 6 oder 12 Monaten gebucht und zu Beginn der Laufzeit vollständig
        aus dem Prepaid-Guthaben bezahlt. Längere Laufzeiten sind rabattiert.
      </p>
      <p>
        (3) Vor jeder Abbuchung eines Plans weist der Anbieter den Kunden per E-Mail und im Dashboard darauf hin. Der Kunde kann
        seinen Plan jederzeit zum Ende der laufenden Laufzeit beenden oder wechseln. Reicht das Guthaben zu Beginn einer neuen
        Laufzeit nicht aus, endet der bezahlte Plan mit Ablauf der bisherigen Laufzeit, und es gelten die Grenzen des
        kostenlosen Plans.
      </p>
      <p>
        (4) Preisänderungen gelten nur für Laufzeiten, die nach ihrer Ankündigung beginnen. Der Anbieter kündigt sie mindestens
        sechs Wochen vorher in Textform an.
      </p>

      <h2 id="guthaben">§ 5 Prepaid-Guthaben</h2>
      <p>
        (1) Der Kunde lädt sein Guthaben über den Zahlungsdienstleister Stripe auf. Es wird gutgeschrieben, sobald Stripe die
        Zahlung bestätigt hat. Das Guthaben wird nicht verzinst und ist nicht auf andere Workspaces übertragbar.
      </p>
      <p>
        (2) Vom Guthaben werden Planbeträge und die Nutzung externer KI-Modelle über die Plattform zu den im Dashboard angezeigten
        Preisen abgebucht. Nutzt der Kunde eigene Schlüssel eines KI-Anbieters, rechnet dieser die Nutzung unmittelbar mit dem
        Kunden ab. Alle Buchungen sind im Dashboard einsehbar.
      </p>
      <p>
        (3) Das Guthaben wird nicht negativ. Reicht es für eine Antwort eines externen Modells nicht aus, antwortet die
        Offline-KI oder ein Operator.
      </p>
      <p>
        (4) Rückbuchungen und Erstattungen von Zahlungen werden mit dem Guthaben verrechnet. Nicht verbrauchtes Guthaben erstattet
        der Anbieter nach Ende des Vertrags auf Anfrage.
      </p>

      <h2 id="widerruf">§ 6 Widerrufsrecht für Verbraucher</h2>
      <p>
        (1) Verbraucher können ihre Vertragserklärung innerhalb von 14 Tagen ab Vertragsschluss ohne Angabe von Gründen
        widerrufen. Dazu genügt eine eindeutige Erklärung an den Anbieter, etwa per E-Mail an die in § 1 genannte Adresse.
        Zur Wahrung der Frist reicht die rechtzeitige Absendung.
      </p>
      <p>
        (2) Im Fall des Widerrufs erstattet der Anbieter alle Zahlungen unverzüglich, spätestens binnen 14 Tagen, über dasselbe
        Zahlungsmittel. Hat der Verbraucher verlangt, dass die Leistung während der Widerrufsfrist beginnt, zahlt er einen
        angemessenen Betrag für die bis zum Widerruf erbrachten Leistungen.
      </p>

      <h2 id="pflichten">§ 7 Pflichten des Kunden</h2>
      <ul>
        <li>
          Der Kunde hinterlegt nur Inhalte, zu deren Nutzung er berechtigt ist, und crawlt nur Websites, über die er verfügt oder
          deren Inhalte er verwenden darf.
        </li>
        <li>
          Er nutzt Chatwerk nicht für rechtswidrige Inhalte, unerwünschte Werbung, die Täuschung von Besuchern oder Angriffe auf
          Systeme Dritter und umgeht keine technischen Grenzen oder Schutzmaßnahmen.
        </li>
        <li>
          Er informiert die Besucher seiner Website in seiner Datenschutzerklärung über das Chat-Widget und macht erkennbar,
          dass Antworten von einer KI stammen können.
        </li>
        <li>Er legt in den Workspace-Einstellungen die Domains fest, auf denen sein Widget laufen darf.</li>
      </ul>
      <p>
        Verstößt ein Kunde erheblich gegen diese Pflichten, kann der Anbieter betroffene Inhalte oder Bots sperren, nachdem er
        den Kunden informiert hat; bei Gefahr im Verzug auch sofort.
      </p>

      <h2 id="ki">§ 8 KI-Antworten</h2>
      <p>
        Antworten der Bots entstehen automatisch aus den Inhalten des Kunden. Sie nennen ihre Quellen und sollen nichts erfinden,
        können aber unvollständig oder fehlerhaft sein. Der Kunde prüft, ob seine Inhalte und Anweisungen zu den gewünschten
        Antworten führen, und bietet seinen Besuchern bei Bedarf den Kontakt zu einem Menschen an. Rechtsverbindliche Zusagen
        gegenüber Besuchern entstehen durch Bot-Antworten nicht im Namen des Anbieters.
      </p>

      <h2 id="datenschutz">§ 9 Datenschutz und Auftragsverarbeitung</h2>
      <p>
        Wie der Anbieter personenbezogene Daten verarbeitet, beschreibt die <Link href="/datenschutz">Datenschutzerklärung</Link>.
        Soweit der Anbieter personenbezogene Daten im Auftrag des Kunden verarbeitet – insbesondere Daten der Website-Besucher
        und Inhalte der Wissensquellen –, schließen die Parteien einen Vertrag zur Auftragsverarbeitung nach Art. 28 DSGVO.
      </p>

      <h2 id="verfuegbarkeit">§ 10 Verfügbarkeit und Änderungen</h2>
      <p>
        (1) Der Anbieter bemüht sich um eine möglichst unterbrechungsfreie Verfügbarkeit. Wartungsarbeiten führt er nach
        Möglichkeit zu Zeiten geringer Nutzung durch. Einen bestimmten Verfügbarkeitsgrad schuldet er nur, wenn dies gesondert
        vereinbart ist.
      </p>
      <p>
        (2) Der Anbieter entwickelt Chatwerk weiter und darf Funktionen ändern, wenn die vertraglich vereinbarten Kernleistungen
        erhalten bleiben und die Änderung dem Kunden zumutbar ist. Wesentliche Änderungen kündigt er rechtzeitig in Textform an.
      </p>

      <h2 id="haftung">§ 11 Haftung</h2>
      <p>
        (1) Der Anbieter haftet unbeschränkt bei Vorsatz und grober Fahrlässigkeit, bei Verletzung von Leben, Körper oder
        Gesundheit, nach dem Produkthaftungsgesetz und im Umfang einer übernommenen Garantie.
      </p>
      <p>
        (2) Bei leichter Fahrlässigkeit haftet der Anbieter nur für die Verletzung wesentlicher Vertragspflichten, deren Erfüllung
        die ordnungsgemäße Durchführung des Vertrags überhaupt erst ermöglicht und auf deren Einhaltung der Kunde regelmäßig
        vertrauen darf, und zwar begrenzt auf den vertragstypischen, vorhersehbaren Schaden.
      </p>
      <p>(3) Im Übrigen ist die Haftung ausgeschlossen. Die vorstehenden Regeln gelten auch für Erfüllungsgehilfen des Anbieters.</p>

      <h2 id="kuendigung">§ 12 Laufzeit, Kündigung und Löschung</h2>
      <p>
        (1) Der Vertrag läuft auf unbestimmte Zeit. Der Kunde kann ihn jederzeit kündigen, indem er sein Konto in den
        Kontoeinstellungen löscht; ein bereits bezahlter Plan läuft dann nicht weiter. Der Anbieter kann den kostenlosen Plan mit
        einer Frist von einem Monat kündigen, bezahlte Pläne zum Ende der laufenden Laufzeit.
      </p>
      <p>(2) Das Recht beider Parteien zur Kündigung aus wichtigem Grund bleibt unberührt.</p>
      <p>
        (3) Mit der Löschung eines Kontos werden Workspaces, in denen der Kunde das einzige Mitglied ist, samt Bots, Quellen und
        Gesprächen gelöscht. Daten, die gesetzlich aufbewahrt werden müssen, insbesondere Buchungsbelege, werden erst nach Ablauf
        der Aufbewahrungsfristen gelöscht.
      </p>

      <h2 id="schluss">§ 13 Schlussbestimmungen</h2>
      <p>
        (1) Es gilt das Recht der Bundesrepublik Deutschland unter Ausschluss des UN-Kaufrechts. Für Verbraucher gilt diese
        Rechtswahl nur, soweit ihnen dadurch nicht der Schutz zwingender Vorschriften des Staates ihres gewöhnlichen Aufenthalts
        entzogen wird.
      </p>
      <p>
        (2) Ist der Kunde Kaufmann, juristische Person des öffentlichen Rechts oder öffentlich-rechtliches Sondervermögen, ist
        Gerichtsstand der Sitz des Anbieters.
      </p>
      <p>(3) Sollte eine Bestimmung unwirksam sein, bleibt die Wirksamkeit der übrigen Bestimmungen unberührt.</p>
    </>
  );
}
