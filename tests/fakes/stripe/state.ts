import type Stripe from "stripe";
import { noSuch } from "./errors";
import type { TSessionLine } from "./session";
import type { TStripeFailure, TStripeFake, TStripeFakeOptions } from "./types";

/** A response saved for an `Idempotency-Key`: replayed for the same parameters. */
export type TSaved = { fingerprint: string; status: number; body: string; requestId: string };

/** Everything one fake server holds; the modules of the fake read and change it. */
export type TFakeState = Pick<TStripeFake, "publicUrl" | "sessions" | "customers" | "taxIds" | "invoices" | "events" | "requests" | "deliveries"> & {
  options: TStripeFakeOptions;
  sessionLines: Map<string, TSessionLine[]>;
  sessionParams: Map<string, Stripe.Checkout.SessionCreateParams>;
  idempotent: Map<string, TSaved>;
  failures: { route: string; failure: TStripeFailure }[];
};

/** The state of a fake that does not listen yet (publicUrl is set once it does). */
export function createState(options: TStripeFakeOptions): TFakeState {
  return {
    options,
    publicUrl: "",
    sessions: new Map(),
    sessionLines: new Map(),
    sessionParams: new Map(),
    customers: new Map(),
    taxIds: new Map(),
    invoices: new Map(),
    events: [],
    requests: [],
    deliveries: [],
    idempotent: new Map(),
    failures: [],
  };
}

/** Forgets every object, event, request and scripted failure (the server keeps running). */
export function resetState(state: TFakeState): void {
  for (const m of [state.sessions, state.sessionLines, state.sessionParams, state.customers, state.taxIds, state.invoices, state.idempotent]) m.clear();
  state.events.length = 0;
  state.requests.length = 0;
  state.deliveries.length = 0;
  state.failures = [];
}

/** The customer a session is tied to, when it has one. */
export function sessionCustomer(state: TFakeState, session: Stripe.Checkout.Session): Stripe.Customer | undefined {
  return typeof session.customer === "string" ? state.customers.get(session.customer) : undefined;
}

export function customerOrThrow(state: TFakeState, id: string, param = "id", status = 404): Stripe.Customer {
  const customer = state.customers.get(id);
  if (!customer) throw noSuch("customer", id, param, status);
  return customer;
}
