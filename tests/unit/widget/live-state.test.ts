import { describe, expect, it } from "vitest";
import type { TInvitation } from "@/lib/live-chat/protocol";
import { canAskForHuman, initialLiveState, liveReducer, rateBeforeEnding, type TLiveAction, type TLiveState } from "@/widget/frame/live-state";

const ANNA = { name: "Anna Berger", avatarUrl: "/api/avatars/AAAAAAAAAAAAAAAAAAAAAA" };
const INVITATION: TInvitation = { invitationId: "i".repeat(22), operator: ANNA, text: "Darf ich helfen?" };

const run = (actions: TLiveAction[], state: TLiveState = initialLiveState(true)) => actions.reduce(liveReducer, state);

describe("live chat state: the way to a human", () => {
  it("starts with the bot and the config's availability; the beacon updates it", () => {
    const state = initialLiveState(false);
    expect(state).toMatchObject({ humanAvailable: false, status: null, operator: null, survey: null });
    expect(canAskForHuman(state)).toBe(true);
    expect(run([{ type: "availability", humanAvailable: true }], state).humanAvailable).toBe(true);
  });

  it("queues with the position from the ack, then shows the operator who accepts", () => {
    const queued = run([{ type: "session", status: "bot" }, { type: "handoffRequested" }]);
    expect(queued.requesting).toBe(true);
    expect(canAskForHuman(queued)).toBe(false);
    const waiting = run([{ type: "status", status: "queued", operator: null }, { type: "handoffResult", result: { status: "queued", position: 2 } }], queued);
    expect(waiting).toMatchObject({ status: "queued", queuePosition: 2, requesting: false });
    expect(canAskForHuman(waiting)).toBe(false);
    const assigned = run([{ type: "status", status: "assigned", operator: ANNA }], waiting);
    expect(assigned).toMatchObject({ status: "assigned", operator: ANNA, lastOperator: ANNA, queuePosition: null });
  });

  it("keeps the operator when a quick accept arrives before the handoff's ack", () => {
    const state = run([{ type: "handoffRequested" }, { type: "status", status: "assigned", operator: ANNA }, { type: "handoffResult", result: { status: "queued", position: 1 } }]);
    expect(state).toMatchObject({ status: "assigned", operator: ANNA, requesting: false });
  });

  it("offers the leave-a-message form with the department's words when nobody can answer", () => {
    const state = run([{ type: "handoffRequested" }, { type: "handoffResult", result: { status: "offline", message: "Mo–Fr 9–17 Uhr" } }]);
    expect(state).toMatchObject({ status: null, offline: { message: "Mo–Fr 9–17 Uhr" }, requesting: false });
    expect(run([{ type: "offlineDone" }], state).offline).toBeNull();
  });

  it("explains a refused request and lets the visitor ask again", () => {
    const state = run([{ type: "handoffRequested" }, { type: "handoffFailed", error: { code: "rate_limited", retryAfterSeconds: 30 } }]);
    expect(state).toMatchObject({ requesting: false, error: { code: "rate_limited", retryAfterSeconds: 30 } });
    expect(canAskForHuman(state)).toBe(true);
    expect(run([{ type: "handoffRequested" }], state).error).toBeNull();
  });

  it("says the bot is back after a live chat went back to it, but not on a first sync", () => {
    expect(run([{ type: "session", status: "bot" }]).notice).toBeNull();
    const back = run([{ type: "session", status: "bot" }, { type: "status", status: "queued", operator: null }, { type: "status", status: "bot", operator: null }]);
    expect(back).toMatchObject({ status: "bot", notice: "backToBot", operator: null });
    expect(canAskForHuman(back)).toBe(true);
    // A new conversation after a closed one is not "back".
    expect(run([{ type: "status", status: "closed", operator: null }, { type: "status", status: "bot", operator: null }]).notice).toBeNull();
  });

  it("takes a reconnect into an assigned chat without losing the operator", () => {
    const state = run([{ type: "status", status: "assigned", operator: ANNA }, { type: "session", status: "assigned" }]);
    expect(state.operator).toEqual(ANNA);
  });
});

describe("live chat state: invitations", () => {
  it("shows an invitation while the bot has the chat, once", () => {
    const state = run([{ type: "invitation", invitation: INVITATION }]);
    expect(state.invitation).toEqual(INVITATION);
    expect(run([{ type: "invitation", invitation: { ...INVITATION } }], state)).toBe(state);
  });

  it("ignores invitations while the visitor waits for or talks to someone", () => {
    expect(run([{ type: "status", status: "queued", operator: null }, { type: "invitation", invitation: INVITATION }]).invitation).toBeNull();
    expect(run([{ type: "status", status: "assigned", operator: ANNA }, { type: "invitation", invitation: INVITATION }]).invitation).toBeNull();
  });

  it("goes to the inviting operator on accept, and says so when it expired", () => {
    const accepted = run([{ type: "invitation", invitation: INVITATION }, { type: "handoffResult", result: { status: "assigned", operator: ANNA } }]);
    expect(accepted).toMatchObject({ invitation: null, status: "assigned", operator: ANNA });
    const expired = run([{ type: "invitation", invitation: INVITATION }, { type: "invitationExpired" }]);
    expect(expired).toMatchObject({ invitation: null, notice: "invitationExpired" });
  });
});

describe("live chat state: post-chat survey", () => {
  const assigned = () => run([{ type: "session", status: "bot" }, { type: "status", status: "assigned", operator: ANNA }]);

  it("asks after an operator closes the chat, never after a bot-only chat", () => {
    expect(run([{ type: "status", status: "closed", operator: null }], assigned()).survey).toEqual({ phase: "asking", ending: false, error: null });
    expect(run([{ type: "session", status: "bot" }, { type: "status", status: "closed", operator: null }]).survey).toBeNull();
  });

  it("asks before the visitor ends a chat an operator had, until answered or dismissed", () => {
    expect(rateBeforeEnding(initialLiveState(true))).toBe(false);
    const state = assigned();
    expect(rateBeforeEnding(state)).toBe(true);
    expect(run([{ type: "surveyOpen", ending: true }], state).survey).toMatchObject({ phase: "asking", ending: true });
    expect(rateBeforeEnding(run([{ type: "surveyOpen", ending: false }, { type: "surveyDismissed" }], state))).toBe(false);
  });

  it("goes sending → thanks, keeps a failure to retry, and treats 'already rated' as done", () => {
    const asking = run([{ type: "status", status: "closed", operator: null }], assigned());
    const sending = run([{ type: "surveySending" }], asking);
    expect(sending.survey?.phase).toBe("sending");
    const failed = run([{ type: "surveyFailed", error: { code: "unavailable" } }], sending);
    expect(failed.survey).toMatchObject({ phase: "asking", error: { code: "unavailable" } });
    const thanks = run([{ type: "surveySending" }, { type: "surveySent" }], failed);
    expect(thanks).toMatchObject({ surveyDone: true, survey: { phase: "thanks", error: null } });
    expect(run([{ type: "surveyFailed", error: { code: "already_rated" } }], sending)).toMatchObject({ surveyDone: true, survey: { phase: "thanks" } });
    expect(run([{ type: "surveyFailed", error: { code: "nothing_to_rate" } }], sending)).toMatchObject({ surveyDone: true, survey: null });
  });

  it("does not ask twice for the same chat, but asks again for the next operator's", () => {
    const rated = run([{ type: "status", status: "closed", operator: null }, { type: "surveySending" }, { type: "surveySent" }, { type: "surveyDismissed" }], assigned());
    expect(run([{ type: "status", status: "closed", operator: null }], rated).survey).toBeNull();
    const next = run([{ type: "status", status: "bot", operator: null }, { type: "status", status: "assigned", operator: { name: "Otto", avatarUrl: null } }, { type: "status", status: "closed", operator: null }], rated);
    expect(next.survey?.phase).toBe("asking");
    expect(next.lastOperator?.name).toBe("Otto");
  });

  it("resets with the session, keeping availability and (when asked) the thanks", () => {
    const thanks = run([{ type: "surveyOpen", ending: true }, { type: "surveySending" }, { type: "surveySent" }], assigned());
    const reset = run([{ type: "reset", keepSurvey: true }], thanks);
    expect(reset).toMatchObject({ humanAvailable: true, status: null, operator: null, lastOperator: null, survey: { phase: "thanks", ending: true } });
    expect(run([{ type: "reset", keepSurvey: false }], thanks).survey).toBeNull();
  });
});
