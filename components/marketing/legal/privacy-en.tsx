import Link from "next/link";
import type { TOperatorDetails } from "@/lib/site/operator";
import { OperatorBlock } from "./operator-details";
import { LegalToc } from "./legal-page";

const SECTIONS = [
  { id: "controller", title: "Controller" },
  { id: "roles", title: "Who is responsible for what" },
  { id: "server", title: "Visiting the website and server data" },
  { id: "cookies", title: "Cookies and local storage" },
  { id: "account", title: "Customer account and sign-in" },
  { id: "email", title: "Email delivery" },
  { id: "sources", title: "Customers' knowledge sources" },
  { id: "ai", title: "AI processing and language models" },
  { id: "widget", title: "Chat widget and visitors" },
  { id: "payments", title: "Balance and payments via Stripe" },
  { id: "recipients", title: "Recipients and third countries" },
  { id: "retention", title: "Retention" },
  { id: "rights", title: "Your rights" },
  { id: "security", title: "Data security" },
  { id: "changes", title: "Changes" },
];

export function PrivacyEn({ operator, googleEnabled }: { operator: TOperatorDetails; googleEnabled: boolean }) {
  return (
    <>
      <p>
        This privacy policy describes which personal data is processed when Chatwerk is used: on this website, in the dashboard,
        in the operator console and in the chat widget that our customers embed on their websites. It is addressed to customers,
        their team members and visitors of websites that use the widget.
      </p>
      <LegalToc label="Contents" items={SECTIONS} />

      <h2 id="controller">1. Controller</h2>
      <p>The controller under the General Data Protection Regulation (GDPR) for the processing described here is:</p>
      <OperatorBlock locale="en" operator={operator} />
      <p>
        For any question about data protection and to exercise your rights, contact us at the address above. Further details are
        in the <Link href="/en/imprint">imprint</Link>.
      </p>

      <h2 id="roles">2. Who is responsible for what</h2>
      <p>
        For this website and for our customers&apos; accounts, we decide on the purposes and means of processing ourselves and are
        therefore the controller.
      </p>
      <p>
        When a customer uses Chatwerk on their own website, we process the data of that website&apos;s visitors (messages, session
        id, pages visited, contact details given voluntarily) and the content the customer adds as a knowledge source{" "}
        <strong>on the customer&apos;s behalf</strong> (Art. 28 GDPR). The controller is then the owner of that website, and
        visitors should address their requests to them first. We support them in this and do not use this data for our own
        purposes.
      </p>

      <h2 id="server">3. Visiting the website and server data</h2>
      <p>
        When you open this website, the dashboard or the widget, our server processes technically necessary data: your IP address,
        date and time, the address requested, the referrer, the browser type sent (user agent), and the status code and size of the
        response. No page can be delivered without this data.
      </p>
      <p>
        The application itself does not write access logs containing IP addresses. It uses IP addresses briefly to limit abuse,
        such as too many sign-in attempts, sign-ups or widget messages; these counters expire after one hour at the latest. Error
        logs contain technical details of the error but no message content. Where a web server in front of the application keeps
        access logs, they are deleted after 14 days at the latest, unless a security incident requires keeping them longer to
        investigate it.
      </p>
      <p>The legal basis is Art. 6(1)(f) GDPR; our legitimate interest is providing the service securely and reliably.</p>

      <h2 id="cookies">4. Cookies and local storage</h2>
      <p>
        This website uses no cookies for advertising, audience measurement or tracking, and embeds no third-party content such as
        fonts, videos or analytics scripts.
      </p>
      <ul>
        <li>
          <strong>Sign-in cookies:</strong> when you sign in to the dashboard, we set cookies for your session and to protect
          against forged requests (CSRF). The session ends when you sign out, after 30 days at the latest.
        </li>
        <li>
          <strong>Language setting:</strong> if you choose a language in the dashboard, we store that choice in a cookie (
          <code>cw_locale</code>). It contains only the language code.
        </li>
        <li>
          <strong>Chat widget:</strong> the widget sets no cookies. How it uses the browser&apos;s local storage is described in{" "}
          <a href="#widget">Chat widget and visitors</a>.
        </li>
      </ul>
      <p>
        Access to this storage is strictly necessary to provide the service you explicitly asked for (section 25(2) no. 2 TDDDG);
        further processing is based on Art. 6(1)(b) GDPR.
      </p>

      <h2 id="account">5. Customer account and sign-in</h2>
      <p>
        For an account we store your email address, your name (if given), your preferred language and your password – only as a
        scrypt hash, never in plain text. We also store when you confirmed your email address, which workspaces you belong to and
        with which role, invitations, and a log of important changes in the workspace (for example changed settings or members),
        so owners can see who changed what.
      </p>
      <p>
        The purpose is providing the service. The legal basis is Art. 6(1)(b) GDPR, and for the change log Art. 6(1)(f) GDPR
        (accountability and security within the team). You can delete your account yourself in the account settings; workspaces
        where you are the only member are deleted with it.
      </p>
      {googleEnabled && (
        <>
          <h3>Sign in with Google</h3>
          <p>
            Instead of a password, you can sign in with your Google account. The provider is Google Ireland Limited, Ireland. If
            you choose this option, your browser takes you to Google; once you agree, Google sends us your name, your email
            address, whether it is verified, your Google account id and, where available, your profile picture. We use this only
            to sign you in and to keep your account. An existing password account that has not been verified is never silently
            linked to a Google sign-in.
          </p>
          <p>
            The legal basis is Art. 6(1)(b) GDPR. Google may also process data in the USA (see{" "}
            <a href="#recipients">Recipients and third countries</a>). You can remove the connection in your Google account.
          </p>
        </>
      )}

      <h2 id="email">6. Email delivery</h2>
      <p>
        We send you emails that are part of the service: confirming your email address, resetting your password, invitations to a
        workspace, and notices about your balance, for example before a plan is charged. For this we process your email address,
        your name and the content of the message. Emails are sent through an email service provider acting on our behalf. The legal
        basis is Art. 6(1)(b) GDPR. We do not send marketing newsletters.
      </p>

      <h2 id="sources">7. Customers&apos; knowledge sources</h2>
      <p>
        Customers give their bots content as a knowledge source: pages of their website (by crawl or sitemap), uploaded files (PDF,
        DOCX, TXT, Markdown, HTML, CSV), texts and question-answer pairs. When crawling, Chatwerk only fetches publicly reachable
        pages of the given website and respects its robots.txt. The content is stored, split into passages and indexed for search
        (full-text index and vectors) so the bot can cite it.
      </p>
      <p>
        The customer is responsible for personal data in this content; we process it on their behalf. When the customer deletes a
        source, its passages and indexes are deleted with it.
      </p>

      <h2 id="ai">8. AI processing and language models</h2>
      <p>
        Each bot uses an AI provider that the customer sets in the bot&apos;s settings. Which data goes where depends on that
        choice:
      </p>
      <ul>
        <li>
          <strong>Built-in offline AI (default):</strong> search indexes and answers are produced entirely on our server. No data is
          sent to third parties.
        </li>
        <li>
          <strong>OpenAI</strong> (OpenAI Ireland Ltd., Ireland, with OpenAI, L.L.C., USA) and <strong>Google Gemini</strong>{" "}
          (Google Ireland Limited, Ireland, with Google LLC, USA): for each answer we send the visitor&apos;s question, the matching
          passages from the knowledge sources, the recent conversation and the customer&apos;s instructions to the bot. If the
          provider is also used for search indexing, we send it the text passages of the sources for that purpose.
        </li>
        <li>
          <strong>Self-hosted, OpenAI-compatible servers</strong> (for example Ollama, vLLM or LM Studio): the same data goes to the
          server whose address is configured. If the customer runs it themselves, the data stays in their infrastructure, and they
          are responsible for that server.
        </li>
      </ul>
      <p>
        Before any text goes to an external provider, we replace email addresses, phone numbers and IBANs with placeholders. Names
        or other details a visitor writes into a question cannot always be recognised this way, so visitors should not write
        sensitive data into the chat. Text from the knowledge sources is given to the model as data, not as instructions.
      </p>
      <p>
        If a customer enters their own API keys for a provider, we store them encrypted. The legal basis is Art. 6(1)(b) GDPR in
        relation to the customer; for visitor data we act on the customer&apos;s behalf (see section 2).
      </p>

      <h2 id="widget">9. Chat widget and visitors</h2>
      <p>The widget loads in its own frame on the customer&apos;s website. It works without cookies.</p>
      <ul>
        <li>
          <strong>Before the first interaction</strong> the widget stores nothing. So that operators can see someone is on the
          website right now, the server keeps the currently open page in memory only while that page is open; nothing is stored.
        </li>
        <li>
          <strong>As soon as a visitor interacts</strong> – writes a message or accepts an operator&apos;s invitation – the server
          creates a random session id. The widget keeps it in the browser&apos;s <code>localStorage</code> and sends it as a header
          with each request, so the conversation continues when the visitor moves to another page. The id contains no information
          about the visitor.
        </li>
        <li>
          From then on we store for this session: the messages of the conversation, the bot&apos;s answers with their sources,
          operators&apos; messages, the time of the first and last visit, the pages of the website visited, the referrer, the
          browser&apos;s language, and details the visitor gives voluntarily, for example in the pre-chat form (such as name or
          email address) or as a rating of the conversation. The visitor&apos;s IP address is not stored with this session.
        </li>
        <li>
          <strong>Closing the session:</strong> with the widget&apos;s close icon, the visitor ends the conversation, and the widget
          deletes the session id from the browser. Local storage can also be cleared at any time in the browser settings.
        </li>
      </ul>
      <p>
        The customer sees the conversations in their dashboard, and their operators in the operator console. The customer sets how
        long conversations are kept in their workspace (between one day and their plan&apos;s maximum); after that they are deleted.
        The owner of the website where the widget is embedded is the controller for this data (see section 2). Access to local
        storage is strictly necessary for the chat the visitor asked for (section 25(2) no. 2 TDDDG).
      </p>

      <h2 id="payments">10. Balance and payments via Stripe</h2>
      <p>
        Customers top up their prepaid balance through Stripe Checkout. The provider is Stripe Payments Europe, Limited, Ireland.
        You enter your payment details directly with Stripe; card numbers, security codes and bank details never reach us. Stripe
        also processes this data for fraud prevention and may collect details about your device and IP address for that purpose.
      </p>
      <p>
        From Stripe we receive the ids of the payment and checkout session, the amount, currency and status, and the details needed
        for the invoice (name or company, billing address, email address and, where applicable, your VAT identification number). We
        record credits, debits for plans and AI usage, and refunds in a ledger of your workspace.
      </p>
      <p>
        The legal bases are Art. 6(1)(b) GDPR (performance of the contract), Art. 6(1)(c) GDPR (retention duties under commercial
        and tax law) and Art. 6(1)(f) GDPR (protection against payment fraud).
      </p>

      <h2 id="recipients">11. Recipients and third countries</h2>
      <p>Personal data is received only where needed for the purpose in question, by:</p>
      <ul>
        <li>our hosting provider, which runs servers and the database on our behalf,</li>
        <li>our email service provider, for sending service emails,</li>
        <li>Stripe, for payments,</li>
        <li>the AI providers a customer has chosen for their bots (see section 8),</li>
        {googleEnabled && <li>Google, for signing in with Google if you use it.</li>}
      </ul>
      <p>
        Service providers acting on our behalf are bound by contract under Art. 28 GDPR. Some of the providers named also process
        data in the USA. Transfers there rely on the European Commission&apos;s adequacy decision for the EU-US Data Privacy
        Framework where the recipient is certified under it, and otherwise on the Commission&apos;s standard contractual clauses
        (Art. 46(2)(c) GDPR). We do not sell personal data or pass it on for advertising.
      </p>

      <h2 id="retention">12. Retention</h2>
      <ul>
        <li>Abuse-limiting counters: one hour at most.</li>
        <li>Access logs of a web server in front of the application: 14 days at most.</li>
        <li>Sign-in session: until you sign out, 30 days at most.</li>
        <li>Links to confirm your email address or reset your password: until used or expired.</li>
        <li>Account data: until you delete your account.</li>
        <li>
          Conversations and visitor data in the widget: according to the retention period the customer has set for their
          workspace, or until the customer deletes them or the workspace.
        </li>
        <li>Knowledge sources: until the customer deletes the source, the bot or the workspace.</li>
        <li>
          Invoices and accounting records: as long as commercial and tax law require (section 147 AO, section 257 HGB; up to ten
          years).
        </li>
      </ul>

      <h2 id="rights">13. Your rights</h2>
      <p>Within the limits set by law, you have the right to</p>
      <ul>
        <li>access the data stored about you (Art. 15 GDPR),</li>
        <li>have inaccurate data rectified (Art. 16 GDPR),</li>
        <li>erasure (Art. 17 GDPR) and restriction of processing (Art. 18 GDPR),</li>
        <li>data portability, that is an export in a common, machine-readable format (Art. 20 GDPR),</li>
        <li>
          object to processing based on Art. 6(1)(f) GDPR on grounds relating to your particular situation (Art. 21 GDPR),
        </li>
        <li>withdraw consent you have given, with effect for the future (Art. 7(3) GDPR),</li>
        <li>lodge a complaint with a data protection supervisory authority (Art. 77 GDPR).</li>
      </ul>
      <p>
        To do so, write to the address in section 1. As a visitor of a website with the chat widget, it is best to contact its
        owner first; if your request reaches us, we forward it to them and help them answer it.
      </p>

      <h2 id="security">14. Data security</h2>
      <p>
        All connections are encrypted with TLS. Passwords are stored only as a scrypt hash, and API keys for AI providers are stored
        encrypted. Every record belongs to exactly one workspace, and every query is limited to that workspace. Visitors&apos;
        messages are shown as text in the dashboard and console, never as executable code. The widget only runs on domains the
        customer has allowed. Payment credits are only booked from signed messages from Stripe.
      </p>

      <h2 id="changes">15. Changes</h2>
      <p>
        We update this policy when Chatwerk&apos;s features or the law change. The version published on this page at the time of
        your visit applies.
      </p>
    </>
  );
}
