import type { IncomingMessage, ServerResponse } from "node:http";
import type Stripe from "stripe";
import { completeCheckout } from "./checkout";
import { invoicePdf } from "./invoice";
import type { TSessionLine } from "./session";
import { sessionCustomer, type TFakeState } from "./state";

/**
 * The pages a browser sees: the hosted payment page at `/pay/<sessionId>` (pay now, or pay
 * by a delayed method that stays unpaid) and the invoice with its PDF at `/invoice/<id>`.
 */

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#0f172a}button{font:inherit;padding:.6rem 1.2rem;margin:.25rem 0;cursor:pointer}.test{color:#b45309}</style>
</head><body><main>${body}</main></body></html>`;
}

function payPage(session: Stripe.Checkout.Session, lines: TSessionLine[], email: string | null): string {
  const amount = new Intl.NumberFormat("de-DE", { style: "currency", currency: (session.currency ?? "eur").toUpperCase() }).format((session.amount_total ?? 0) / 100);
  const items = lines.map((l) => `<li>${esc(l.name)}${l.quantity > 1 ? ` × ${l.quantity}` : ""}</li>`).join("");
  if (session.status !== "open") {
    return page("Zahlung nicht mehr möglich", `<h1>Diese Zahlung ist nicht mehr offen</h1><p>Status: ${esc(session.status ?? "unbekannt")}</p>`);
  }
  return page(
    `${lines[0]?.name ?? "Zahlung"} – Stripe-Testmodus`,
    `<p class="test">Testmodus – es wird kein echtes Geld bewegt.</p>
<h1>${esc(lines[0]?.name ?? "Zahlung")}</h1>
<ul>${items}</ul>
<p>Betrag: <strong data-testid="amount">${esc(amount)}</strong></p>
${email ? `<p>E-Mail: ${esc(email)}</p>` : ""}
<form method="post" action="/pay/${esc(session.id)}"><input type="hidden" name="outcome" value="paid"><button type="submit">Bezahlen</button></form>
<form method="post" action="/pay/${esc(session.id)}"><input type="hidden" name="outcome" value="unpaid"><button type="submit">Per Lastschrift zahlen (Zahlung ausstehend)</button></form>
${session.cancel_url ? `<p><a href="${esc(session.cancel_url)}">Abbrechen</a></p>` : ""}`,
  );
}

export async function handleHosted(state: TFakeState, req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
  const url = new URL(req.url ?? "/", "http://fake.local");
  const html = (status: number, body: string) => {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    res.end(body);
  };
  const pay = /^\/pay\/([A-Za-z0-9_]+)$/.exec(url.pathname);
  if (pay) {
    const session = state.sessions.get(pay[1]!);
    if (!session) return html(404, page("Nicht gefunden", "<h1>Diese Zahlungsseite gibt es nicht.</h1>"));
    const lines = state.sessionLines.get(session.id) ?? [];
    const customer = sessionCustomer(state, session);
    if (req.method === "GET") return html(200, payPage(session, lines, customer?.email ?? session.customer_email));
    if (req.method !== "POST") return html(405, page("Nicht erlaubt", "<h1>Methode nicht erlaubt</h1>"));
    if (session.status !== "open") return html(409, payPage(session, lines, null));
    const outcome = new URLSearchParams(raw).get("outcome");
    await completeCheckout(state, session.id, { paid: outcome !== "unpaid" });
    if (!session.success_url) return html(200, page("Zahlung abgeschlossen", "<h1>Vielen Dank! Die Zahlung ist abgeschlossen.</h1>"));
    res.writeHead(303, { location: session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id) });
    return void res.end();
  }
  const invoicePage = /^\/invoice\/(in_[A-Za-z0-9]+)(\/pdf)?$/.exec(url.pathname);
  const invoice = invoicePage ? state.invoices.get(invoicePage[1]!) : undefined;
  if (invoicePage && invoice && req.method === "GET") {
    if (invoicePage[2]) {
      const pdf = invoicePdf(invoice);
      res.writeHead(200, { "content-type": "application/pdf", "content-length": String(pdf.length), "content-disposition": `inline; filename="Invoice-${invoice.number}.pdf"` });
      return void res.end(pdf);
    }
    return html(200, page(`Rechnung ${invoice.number}`, `<h1>Rechnung ${esc(invoice.number ?? "")}</h1><p><a href="${esc(invoice.invoice_pdf ?? "")}">PDF herunterladen</a></p>`));
  }
  html(404, page("Nicht gefunden", "<h1>Nicht gefunden</h1>"));
}
