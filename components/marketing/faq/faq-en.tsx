import { A, Code, embedSnippet, planFacts, Snippet } from "./faq-bits";
import type { TFaqCategory, TFaqContext } from "./faq-types";

export function faqEn({ baseUrl, planName }: TFaqContext): TFaqCategory[] {
  const f = planFacts("en");
  return [
    {
      id: "getting-started",
      title: "Getting started",
      items: [
        {
          id: "get-started",
          question: "How do I get started with Chatwerk?",
          answer: (
            <>
              <p>
                <A href="/signup">Sign up</A> with your email address and confirm the link we send you. Then create a workspace –
                for your company or a website, say – and your first bot inside it.
              </p>
              <p>
                Give the bot a knowledge source, for example your website's address or your sitemap. As soon as the source shows as
                “ready”, you can test the bot in the dashboard and then embed it on your website.
              </p>
            </>
          ),
        },
        {
          id: "free-plan",
          question: "Is there a free plan?",
          answer: (
            <>
              <p>
                Yes. The {planName(f.free.id)} plan costs nothing, for as long as you like, and needs no payment details. It
                includes {f.free.bots === 1 ? "one bot" : `${f.free.bots} bots`}, {f.free.seats} team seats and up to{" "}
                {f.freePages} knowledge pages. AI answers, cited sources and the cookie-free widget work just as they do in the
                paid plans.
              </p>
              <p>
                Live chat with operators starts with {planName(f.firstLiveChat.id)}; removing “Powered by Chatwerk” starts with{" "}
                {planName(f.firstNoBranding.id)}. The <A href="/en/features">plan comparison</A> shows every difference.
              </p>
            </>
          ),
        },
        {
          id: "embed-widget",
          question: "How do I add the widget to my website?",
          answer: (
            <>
              <p>
                With a single line. The dashboard shows the ready-made code for each bot, with its public bot id. It looks like
                this:
              </p>
              <Snippet code={embedSnippet(baseUrl, "YOUR-BOT-ID")} label="Widget embed code" />
              <p>
                Paste it into your website's template, ideally right before the closing <Code>&lt;/body&gt;</Code> tag. Thanks to{" "}
                <Code>async</Code>, the script doesn't slow down page loading. The widget runs in its own frame and is not affected
                by your CSS or your scripts.
              </p>
              <p>
                In the workspace settings, list the domains the bot may appear on. For newsletters, QR codes or pages without
                scripts, there is also a direct link to the full-page chat.
              </p>
            </>
          ),
        },
        {
          id: "cms",
          question: "Does Chatwerk work with WordPress, Shopify or my site builder?",
          answer: (
            <p>
              Anywhere you can add HTML to the header or footer of your pages – which virtually every content management system,
              shop system and site builder allows, usually under “custom code” or “header and footer”. No plugin needed.
            </p>
          ),
        },
        {
          id: "team",
          question: "Can I invite my team?",
          answer: (
            <p>
              Yes. Invite colleagues to your workspace by email and give them a role: owners manage everything including billing,
              admins set up bots, sources and settings, and operators answer chats in the operator console. How many seats your
              plan includes is shown on the <A href="/en/pricing">pricing page</A>.
            </p>
          ),
        },
      ],
    },
    {
      id: "knowledge-ai",
      title: "Knowledge and AI",
      items: [
        {
          id: "data-sources",
          question: "Which sources does my bot learn from?",
          answer: (
            <>
              <ul>
                <li>
                  <strong>Website:</strong> Chatwerk reads your pages from a start URL, stays on the same site, respects
                  robots.txt and keeps to the page and link-depth limits you set.
                </li>
                <li>
                  <strong>Sitemap:</strong> give the address of your sitemap.xml and exactly the pages listed there are read.
                </li>
                <li>
                  <strong>Files:</strong> PDF, DOCX, TXT, Markdown, HTML and CSV.
                </li>
                <li>
                  <strong>Text and Q&amp;A:</strong> free texts and question-answer pairs for answers that must read exactly so.
                </li>
              </ul>
              <p>
                Every source shows its status live (queued, processing, ready, or failed with a reason). Websites can be re-read on
                demand or on a schedule, so your bot stays up to date.
              </p>
            </>
          ),
        },
        {
          id: "ai-models",
          question: "Which AI models can I use?",
          answer: (
            <>
              <p>
                Out of the box, the <strong>built-in offline AI</strong> answers. It runs entirely on our server, builds its search
                indexes locally and answers by quoting the best-matching passages of your content with their source. It makes no
                call to any external provider.
              </p>
              <p>
                For freely worded answers you can choose a language model per bot: <strong>OpenAI</strong>,{" "}
                <strong>Google Gemini</strong> or a <strong>self-hosted, OpenAI-compatible server</strong> such as Ollama, vLLM
                or LM Studio. You enter your own API keys in the dashboard; we store them encrypted.
              </p>
            </>
          ),
        },
        {
          id: "data-flow",
          question: "Where does data go when the bot answers?",
          answer: (
            <>
              <p>
                With the offline AI, questions and content never leave our server. If you have chosen an external provider for a
                bot, we send it only what it needs for each answer: the question, the matching passages from your sources, the
                recent conversation and your instructions to the bot.
              </p>
              <p>
                Before any text goes to an external provider, we replace <strong>email addresses, phone numbers and IBANs</strong>{" "}
                with placeholders. With a self-hosted server such as Ollama, the data stays in the infrastructure you point us to.
                Details are in the <A href="/en/privacy">privacy policy</A>.
              </p>
            </>
          ),
        },
        {
          id: "unsure",
          question: "What happens when the bot doesn't know the answer?",
          answer: (
            <p>
              It says so instead of making something up. Your sources are given to it as data, not as instructions, and it only
              answers with what they contain. When it is unsure, or the visitor asks for a person, it offers a handover to your team
              – in plans with live chat the conversation then lands in your operators' queue.
            </p>
          ),
        },
      ],
    },
    {
      id: "live-chat",
      title: "Live chat",
      items: [
        {
          id: "handover",
          question: "Can people take over a conversation?",
          answer: (
            <>
              <p>
                Yes, from the {planName(f.firstLiveChat.id)} plan up. When the bot hands over or the visitor asks for it, the
                conversation appears in the operator console's queue. An operator accepts it and sees the whole history so far –
                the visitor doesn't have to repeat anything.
              </p>
              <p>
                In the console, operators can transfer conversations to colleagues or other departments, insert canned responses,
                see who is typing, and send visitors straight to a particular page with a command.
              </p>
            </>
          ),
        },
        {
          id: "support-team",
          question: "How do I organise my support team?",
          answer: (
            <p>
              With departments, such as “Sales” and “Technical”, that you assign operators to. Canned responses can be created for
              the whole workspace, for one department or for personal use. Each operator has a profile with a display name and
              status, and the dashboard shows you all conversations, leads and ratings.
            </p>
          ),
        },
      ],
    },
    {
      id: "privacy-security",
      title: "Privacy and security",
      items: [
        {
          id: "cookies",
          question: "Does the widget set cookies?",
          answer: (
            <>
              <p>
                No. As long as a visitor doesn't use the widget, it stores nothing – neither in the browser nor on our server. Only
                when they write a message does a session begin: a random id that the widget keeps in the browser's{" "}
                <Code>localStorage</Code> and sends as a header with each request. That way the visitor finds their conversation
                again after moving to another page.
              </p>
              <p>
                When the visitor ends the session with the widget's close icon, the conversation is closed and the id is deleted
                from the browser.
              </p>
            </>
          ),
        },
        {
          id: "gdpr",
          question: "How do I exercise my rights under the GDPR?",
          answer: (
            <>
              <p>
                You have the right of access, rectification, erasure, restriction of processing, data portability and objection.
                You can delete your account yourself at any time in your account settings; workspaces where you are the only member
                are deleted with it. For access to or an export of your data, write to the address in the{" "}
                <A href="/en/imprint">imprint</A>.
              </p>
              <p>
                As a website owner, you decide in the workspace settings how long conversations are kept (up to{" "}
                {f.maxRetentionYears} years, depending on the plan). You can answer your visitors' requests about their data with
                the conversations and leads in your dashboard. How we process data ourselves is described in the{" "}
                <A href="/en/privacy">privacy policy</A>.
              </p>
            </>
          ),
        },
        {
          id: "data-processing-agreement",
          question: "Do I need a data processing agreement?",
          answer: (
            <p>
              When you use Chatwerk on your website, we process your visitors' data on your behalf. You remain the controller under
              the GDPR, and we conclude a data processing agreement with you under Art. 28 GDPR – write to us at the address in the{" "}
              <A href="/en/imprint">imprint</A>. Please also mention the chat widget in your own privacy policy.
            </p>
          ),
        },
        {
          id: "security",
          question: "How does Chatwerk protect my data?",
          answer: (
            <ul>
              <li>All connections are encrypted with TLS.</li>
              <li>Passwords are stored only as a scrypt hash, a deliberately expensive method.</li>
              <li>API keys you enter for AI providers are stored encrypted.</li>
              <li>
                Every record belongs to exactly one workspace, and every query – including search in your content – is limited to
                that workspace.
              </li>
              <li>
                Login, sign-up, widget messages and API keys are rate-limited against abuse, and email accounts are confirmed
                before use.
              </li>
              <li>Payment details such as card numbers never reach us; they stay with Stripe.</li>
            </ul>
          ),
        },
      ],
    },
    {
      id: "billing",
      title: "Billing",
      items: [
        {
          id: "balance",
          question: "How does the prepaid balance work?",
          answer: (
            <>
              <p>
                Your workspace has a balance account. You top it up in the dashboard through Stripe Checkout, with fixed amounts of{" "}
                {f.topUps} or an amount of your choice. It is credited as soon as Stripe has confirmed the payment to us, and every
                top-up comes with a PDF invoice.
              </p>
              <p>
                The balance pays for plan fees for the chosen period – you get a notice before each charge – and for answers from
                external AI models that run through the platform. If you use your own API key, we only record the usage. Answers often cost fractions of a
                cent; we add them up exactly and debit whole cents. You see
                every booking in your workspace's history.
              </p>
            </>
          ),
        },
        {
          id: "balance-low",
          question: "What happens when my balance runs short?",
          answer: (
            <p>
              Answers and plan charges never take your balance below zero. If it can't pay for an answer from an external model, the offline AI or a person
              from your team answers instead, and you get one email about it. Before that, we warn you when the balance falls below
              the thresholds you set in billing. Your widget stays available while you top up at your own pace.
            </p>
          ),
        },
        {
          id: "periods",
          question: "Which billing periods and discounts are there?",
          answer: (
            <p>
              Paid plans are booked for 1, 3, 6 or 12 months. Longer periods cost less ({f.periodList}). All amounts are on the{" "}
              <A href="/en/pricing">pricing page</A>.
            </p>
          ),
        },
        {
          id: "payment-methods",
          question: "How can I pay?",
          answer: (
            <p>
              Top-ups run through Stripe Checkout. The payment methods offered to you there, such as card or SEPA Direct Debit,
              depend among other things on your country. Stripe does not pass your card or account details on to us.
            </p>
          ),
        },
        {
          id: "invoices",
          question: "Do I get an invoice, and why do you need my billing address and VAT ID?",
          answer: (
            <>
              <p>
                Yes, you receive invoices for your payments. German VAT law (section 14 UStG) requires an invoice to show the full
                name and address of both the supplier and the recipient. Without them you could not, for example, use the invoice
                to reclaim input VAT.
              </p>
              <p>
                Your address also determines which VAT applies. For businesses in another EU country, the VAT liability passes to
                you as the recipient (reverse charge); for that we must check your valid VAT identification number and show it on
                the invoice. For consumers, prices include VAT.
              </p>
            </>
          ),
        },
      ],
    },
  ];
}
