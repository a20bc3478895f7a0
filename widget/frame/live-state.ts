/**
 * The visitor's side of live chat, without the UI: whether a human can be reached, the way
 * to one (handoff, queue, offline form), the operator who has the chat, an invitation
 * waiting for an answer, and the post-chat survey. Pure, so every transition is testable
 * from inputs alone; the chat client feeds it socket events and acks.
 */
import type { THandoffResult, TInvitation } from "../../lib/live-chat/protocol";
import type { TConversationStatus } from "../../lib/widget/protocol";

export type TOperator = { name: string; avatarUrl: string | null };

/** A refused or failed request, as the status line explains it. */
export type TLiveError = { code: string; retryAfterSeconds?: number };

export type TSurvey = {
  phase: "asking" | "sending" | "thanks";
  /** Asked because the visitor is ending the chat: answering (or skipping) ends it. */
  ending: boolean;
  error: TLiveError | null;
};

export type TLiveState = {
  humanAvailable: boolean;
  status: TConversationStatus | null;
  /** The operator who has the chat now. */
  operator: TOperator | null;
  /** The operator who last had it: the survey rates their chat. */
  lastOperator: TOperator | null;
  queuePosition: number | null;
  requesting: boolean;
  /** Nobody can answer: the leave-a-message form is shown with this text (the department's, or ours when null). */
  offline: { message: string | null } | null;
  /** A one-off line under the header. */
  notice: "backToBot" | "invitationExpired" | null;
  error: TLiveError | null;
  /** Shown, not yet answered. */
  invitation: TInvitation | null;
  survey: TSurvey | null;
  /** The survey for the last operator's chat was answered or dismissed. */
  surveyDone: boolean;
};

export type TLiveAction =
  | { type: "availability"; humanAvailable: boolean }
  | { type: "session"; status: TConversationStatus }
  | { type: "status"; status: TConversationStatus; operator: TOperator | null }
  | { type: "handoffRequested" }
  | { type: "handoffResult"; result: THandoffResult }
  | { type: "handoffFailed"; error: TLiveError }
  | { type: "offlineDone" }
  | { type: "invitation"; invitation: TInvitation }
  | { type: "invitationExpired" }
  | { type: "surveyOpen"; ending: boolean }
  | { type: "surveySending" }
  | { type: "surveySent" }
  | { type: "surveyFailed"; error: TLiveError }
  | { type: "surveyDismissed" }
  | { type: "reset"; keepSurvey: boolean };

export function initialLiveState(humanAvailable: boolean): TLiveState {
  return {
    humanAvailable,
    status: null,
    operator: null,
    lastOperator: null,
    queuePosition: null,
    requesting: false,
    offline: null,
    notice: null,
    error: null,
    invitation: null,
    survey: null,
    surveyDone: false,
  };
}

const isLive = (status: TConversationStatus | null) => status === "queued" || status === "assigned";

function toStatus(state: TLiveState, status: TConversationStatus, operator: TOperator | null): TLiveState {
  const previous = state.status;
  switch (status) {
    case "assigned": {
      const who = operator ?? state.operator;
      // A new operator's chat gets its own survey.
      const fresh = previous !== "assigned";
      return {
        ...state,
        status,
        operator: who,
        lastOperator: who ?? state.lastOperator,
        queuePosition: null,
        offline: null,
        notice: null,
        error: null,
        invitation: null,
        ...(fresh ? { survey: null, surveyDone: false } : {}),
      };
    }
    case "queued":
      return { ...state, status, operator: null, offline: null, notice: null, error: null, invitation: null };
    case "bot":
      return { ...state, status, operator: null, queuePosition: null, notice: isLive(previous) ? "backToBot" : state.notice };
    case "closed": {
      const ask = state.lastOperator !== null && !state.surveyDone && !state.survey;
      return { ...state, status, operator: null, queuePosition: null, notice: null, survey: ask ? { phase: "asking", ending: false, error: null } : state.survey };
    }
  }
}

function handoffResult(state: TLiveState, result: THandoffResult): TLiveState {
  const settled = { ...state, requesting: false, error: null, notice: null };
  if (result.status === "offline") return { ...settled, offline: { message: result.message }, invitation: null };
  if (result.status === "assigned") return toStatus(settled, "assigned", result.operator);
  // A `conversation:status` may have moved the chat on already (an operator was quick).
  const queued = state.status === "assigned" ? settled : toStatus(settled, "queued", null);
  return { ...queued, queuePosition: result.position };
}

export function liveReducer(state: TLiveState, action: TLiveAction): TLiveState {
  switch (action.type) {
    case "availability":
      return { ...state, humanAvailable: action.humanAvailable };
    case "session":
      // The first sync after (re)connecting: no "back to the bot" for a chat that was never live here.
      return state.status === null ? { ...state, status: action.status } : toStatus(state, action.status, null);
    case "status":
      return toStatus(state, action.status, action.operator);
    case "handoffRequested":
      return { ...state, requesting: true, error: null, notice: null, offline: null };
    case "handoffResult":
      return handoffResult(state, action.result);
    case "handoffFailed":
      return { ...state, requesting: false, error: action.error };
    case "offlineDone":
      return { ...state, offline: null };
    case "invitation":
      if (isLive(state.status) || state.invitation?.invitationId === action.invitation.invitationId) return state;
      return { ...state, invitation: action.invitation, notice: null, offline: null };
    case "invitationExpired":
      return { ...state, invitation: null, requesting: false, notice: isLive(state.status) ? state.notice : "invitationExpired" };
    case "surveyOpen":
      return { ...state, survey: { phase: "asking", ending: action.ending, error: null } };
    case "surveySending":
      return state.survey ? { ...state, survey: { ...state.survey, phase: "sending", error: null } } : state;
    case "surveySent":
      return { ...state, surveyDone: true, survey: state.survey && { ...state.survey, phase: "thanks", error: null } };
    case "surveyFailed": {
      if (!state.survey) return state;
      if (action.error.code === "already_rated") return { ...state, surveyDone: true, survey: { ...state.survey, phase: "thanks", error: null } };
      if (action.error.code === "nothing_to_rate") return { ...state, surveyDone: true, survey: null };
      return { ...state, survey: { ...state.survey, phase: "asking", error: action.error } };
    }
    case "surveyDismissed":
      return { ...state, survey: null, surveyDone: true };
    case "reset":
      return { ...initialLiveState(state.humanAvailable), survey: action.keepSurvey ? state.survey : null };
  }
}

/** "Talk to a human" makes sense only while the bot has the chat. */
export const canAskForHuman = (state: TLiveState) => !isLive(state.status) && !state.requesting;

/** Ending a chat an operator took part in asks for a rating first, once. */
export const rateBeforeEnding = (state: TLiveState) => state.lastOperator !== null && !state.surveyDone;
