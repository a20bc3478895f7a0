import Link from "next/link";
import type { TOperatorDetails } from "@/lib/site/operator";
import { OperatorBlock } from "./operator-details";
import { LegalToc } from "./legal-page";

const SECTIONS = [
  { id: "scope", title: "1. Scope and provider" },
  { id: "services", title: "2. Services" },
  { id: "contract", title: "3. Account and contract" },
  { id: "plans", title: "4. Plans, periods and prices" },
  { id: "balance", title: "5. Prepaid balance" },
  { id: "withdrawal", title: "6. Consumers' right of withdrawal" },
  { id: "obligations", title: "7. Customer obligations" },
  { id: "ai", title: "8. AI answers" },
  { id: "data-protection", title: "9. Data protection and processing" },
  { id: "availability", title: "10. Availability and changes" },
  { id: "liability", title: "11. Liability" },
  { id: "termination", title: "12. Term, termination and deletion" },
  { id: "final", title: "13. Final provisions" },
];

export function TermsEn({ operator }: { operator: TOperatorDetails }) {
  return (
    <>
      <p>
        This is an English translation for convenience. Where it differs from the German version (
        <Link href="/agb">AGB</Link>), the German version prevails.
      </p>
      <LegalToc label="Contents" items={SECTIONS} numbered={false} />

      <h2 id="scope">1. Scope and provider</h2>
      <p>
        (1) These terms and conditions apply to all contracts for the use of Chatwerk between the following provider and its
        customers (“customer”):
      </p>
      <OperatorBlock locale="en" operator={operator} />
      <p>
        (2) Chatwerk is offered to businesses and consumers. Differing terms of the customer apply only if the provider expressly
        agrees to them in text form.
      </p>

      <h2 id="services">2. Services</h2>
      <p>
        (1) Chatwerk is software provided over the internet. Customers use it to set up chat bots that answer questions from
        visitors of their websites based on content the customer provides, and to hold live chats with their own staff
        (operators). The scope of each plan is described on the <Link href="/en/features">features page</Link> and the{" "}
        <Link href="/en/pricing">pricing page</Link> as they stand when the contract is concluded.
      </p>
      <p>
        (2) Unless set otherwise, a bot uses the built-in offline AI. If the customer chooses an external AI provider with their
        own key for that provider, that provider&apos;s terms apply in addition.
      </p>
      <p>(3) The provider does not supply operators or support staff; the customer holds live chats with their own staff.</p>

      <h2 id="contract">3. Account and contract</h2>
      <p>
        (1) The presentation of the services on this website is not a binding offer. By signing up, the customer offers to
        conclude a contract for the free plan; the contract is concluded when the customer confirms their email address through
        the link sent to them. Paid plans are booked in the dashboard; the contract for the plan is concluded with the booking.
      </p>
      <p>
        (2) The customer gives true and complete details when signing up and in the billing details, and keeps them up to date.
        Consumers must be of legal age.
      </p>
      <p>
        (3) Login details must be kept secret. The customer is responsible for the actions of the members they invite to their
        workspace.
      </p>

      <h2 id="plans">4. Plans, periods and prices</h2>
      <p>
        (1) The prices and limits (seats, bots, knowledge pages and other features) shown on the{" "}
        <Link href="/en/pricing">pricing page</Link> at the time of booking apply. For consumers, prices include statutory VAT. For
        businesses, prices are net plus VAT; for businesses in other EU member states with a valid VAT identification number, the
        reverse-charge procedure applies.
      </p>
      <p>
        (2) Paid plans are booked for a period of 1, 3, 6 or 12 months and paid in full from the prepaid balance at the start of
        the period. Longer periods are discounted.
      </p>
      <p>
        (3) Before every plan charge, the provider notifies the customer by email and in the dashboard. The customer can end or
        change their plan at any time with effect from the end of the current period. If the balance is not sufficient at the start
        of a new period, the paid plan ends when the previous period expires and the limits of the free plan apply.
      </p>
      <p>
        (4) Price changes apply only to periods that begin after they are announced. The provider announces them in text form at
        least six weeks in advance.
      </p>

      <h2 id="balance">5. Prepaid balance</h2>
      <p>
        (1) The customer tops up their balance through the payment service provider Stripe. It is credited as soon as Stripe has
        confirmed the payment. The balance bears no interest and cannot be transferred to other workspaces.
      </p>
      <p>
        (2) Plan fees and the use of external AI models through the platform are debited from the balance at the prices shown in
        the dashboard. If the customer uses their own keys for an AI provider, that provider bills the customer directly. Every
        booking can be seen in the dashboard.
      </p>
      <p>
        (3) The balance does not go negative. If it is not sufficient for an answer from an external model, the offline AI or an
        operator answers instead.
      </p>
      <p>
        (4) Chargebacks and refunds of payments are set off against the balance. The provider refunds any unused balance on request
        after the contract ends.
      </p>

      <h2 id="withdrawal">6. Consumers&apos; right of withdrawal</h2>
      <p>
        (1) Consumers may withdraw from their contractual declaration within 14 days of the conclusion of the contract without
        giving reasons. A clear statement to the provider is enough, for example by email to the address in section 1. Sending it in
        time is sufficient to meet the deadline.
      </p>
      <p>
        (2) In the event of withdrawal, the provider refunds all payments without undue delay and within 14 days at the latest,
        using the same means of payment. If the consumer asked for the service to begin during the withdrawal period, they pay a
        reasonable amount for the services provided up to the withdrawal.
      </p>

      <h2 id="obligations">7. Customer obligations</h2>
      <ul>
        <li>
          The customer only adds content they are entitled to use, and only crawls websites they control or whose content they may
          use.
        </li>
        <li>
          They do not use Chatwerk for unlawful content, unsolicited advertising, deceiving visitors or attacks on third-party
          systems, and they do not circumvent technical limits or safeguards.
        </li>
        <li>
          They inform the visitors of their website about the chat widget in their privacy policy and make clear that answers may
          come from an AI.
        </li>
        <li>They set the domains their widget may run on in the workspace settings.</li>
      </ul>
      <p>
        If a customer seriously breaches these obligations, the provider may block the content or bots concerned after informing
        the customer, or immediately where there is imminent danger.
      </p>

      <h2 id="ai">8. AI answers</h2>
      <p>
        Bot answers are produced automatically from the customer&apos;s content. They cite their sources and are designed not to
        invent anything, but they may be incomplete or wrong. The customer checks that their content and instructions lead to the
        answers they want and offers visitors contact with a human where needed. Bot answers do not create legally binding
        commitments to visitors on the provider&apos;s behalf.
      </p>

      <h2 id="data-protection">9. Data protection and processing</h2>
      <p>
        How the provider processes personal data is described in the <Link href="/en/privacy">privacy policy</Link>. Where the
        provider processes personal data on the customer&apos;s behalf – in particular data of website visitors and content of
        knowledge sources – the parties conclude a data processing agreement under Art. 28 GDPR.
      </p>

      <h2 id="availability">10. Availability and changes</h2>
      <p>
        (1) The provider aims for availability with as few interruptions as possible and carries out maintenance at times of low
        use where possible. A specific level of availability is owed only if separately agreed.
      </p>
      <p>
        (2) The provider develops Chatwerk further and may change features as long as the agreed core services remain and the
        change is reasonable for the customer. Material changes are announced in good time in text form.
      </p>

      <h2 id="liability">11. Liability</h2>
      <p>
        (1) The provider is liable without limitation for intent and gross negligence, for injury to life, body or health, under
        the German Product Liability Act and to the extent of any guarantee given.
      </p>
      <p>
        (2) For slight negligence, the provider is liable only for breach of essential contractual obligations – those whose
        fulfilment makes proper performance of the contract possible in the first place and on whose observance the customer may
        regularly rely – and only up to the foreseeable damage typical for the contract.
      </p>
      <p>(3) Otherwise, liability is excluded. These rules also apply to the provider&apos;s vicarious agents.</p>

      <h2 id="termination">12. Term, termination and deletion</h2>
      <p>
        (1) The contract runs for an indefinite period. The customer can terminate it at any time by deleting their account in the
        account settings; a plan already paid for then does not continue. The provider can terminate the free plan with one
        month&apos;s notice, and paid plans with effect from the end of the current period.
      </p>
      <p>(2) Both parties&apos; right to terminate for good cause remains unaffected.</p>
      <p>
        (3) When an account is deleted, workspaces where the customer is the only member are deleted with their bots, sources and
        conversations. Data that must be kept by law, in particular accounting records, is deleted only when the retention periods
        have expired.
      </p>

      <h2 id="final">13. Final provisions</h2>
      <p>
        (1) The law of the Federal Republic of Germany applies, excluding the UN Convention on Contracts for the International Sale
        of Goods. For consumers, this choice of law applies only insofar as it does not deprive them of the protection of mandatory
        provisions of the country where they habitually reside.
      </p>
      <p>
        (2) If the customer is a merchant, a legal entity under public law or a special fund under public law, the place of
        jurisdiction is the provider&apos;s registered office.
      </p>
      <p>(3) If any provision is invalid, the validity of the remaining provisions is unaffected.</p>
    </>
  );
}
