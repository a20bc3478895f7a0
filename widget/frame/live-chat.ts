/**
 * The frame's live-chat requests on the /widget socket (`handoff:request`,
 * `invitation:accept`, `rating:submit`) and what their acks do to the live state. The chat
 * client owns the socket and the state; this only asks and records the answers.
 */
import type { THandoffResult } from "../../lib/live-chat/protocol";
import type { TAck } from "../../lib/widget/protocol";
import type { TLiveAction, TLiveError, TLiveState } from "./live-state";
import type { TWidgetSocket } from "./socket";

export const LIVE_ACK_TIMEOUT_MS = 20_000;

export type TLiveChatDeps = {
  socket: () => TWidgetSocket | null;
  /** Connects if needed; false when no session could be had in time. */
  whenSynced: () => Promise<boolean>;
  live: () => TLiveState;
  apply: (action: TLiveAction) => void;
  departmentId: () => string | undefined;
  /** The chosen department no longer exists: ask without one. */
  forgetDepartment: () => void;
};

const UNAVAILABLE: TLiveError = { code: "unavailable" };

function errorOf(response: TAck<unknown>): TLiveError {
  if (response.ok) return UNAVAILABLE;
  const { code, retryAfterSeconds } = response.error;
  return retryAfterSeconds ? { code, retryAfterSeconds } : { code };
}

export function createLiveChat(deps: TLiveChatDeps) {
  let accepting: Promise<void> | null = null;

  /** `invitation:accept`, once even when asked from several places; resolves when settled. */
  function acceptInvitation(): Promise<void> {
    if (accepting) return accepting;
    const invitation = deps.live().invitation;
    const socket = deps.socket();
    if (!invitation || !socket) return Promise.resolve();
    accepting = socket
      .timeout(LIVE_ACK_TIMEOUT_MS)
      .emitWithAck("invitation:accept", { invitationId: invitation.invitationId })
      .then((response) => deps.apply(response.ok ? { type: "handoffResult", result: response.data } : { type: "invitationExpired" }))
      // Lost with the connection: the invitation stays and is answered after the re-sync.
      .catch(() => undefined)
      .finally(() => {
        accepting = null;
      });
    return accepting;
  }

  async function askForHandoff(departmentId: string | undefined): Promise<TAck<THandoffResult>> {
    const socket = deps.socket();
    if (!socket) return { ok: false, error: { code: "unavailable", message: "" } };
    return socket.timeout(LIVE_ACK_TIMEOUT_MS).emitWithAck("handoff:request", departmentId ? { departmentId } : {});
  }

  return {
    acceptInvitation,

    /** "Talk to a human": answers a waiting invitation, else asks for the chosen department (or anyone). */
    async requestHuman(): Promise<void> {
      deps.apply({ type: "handoffRequested" });
      try {
        if (!(await deps.whenSynced())) return deps.apply({ type: "handoffFailed", error: UNAVAILABLE });
        if (deps.live().invitation) return await acceptInvitation();
        const departmentId = deps.departmentId();
        let response = await askForHandoff(departmentId);
        if (!response.ok && response.error.code === "not_found" && departmentId) {
          deps.forgetDepartment();
          response = await askForHandoff(undefined);
        }
        deps.apply(response.ok ? { type: "handoffResult", result: response.data } : { type: "handoffFailed", error: errorOf(response) });
      } catch {
        deps.apply({ type: "handoffFailed", error: UNAVAILABLE });
      }
    },

    /** `rating:submit`; resolves true once the rating is stored (or was already). */
    async rate(rating: number, comment: string): Promise<boolean> {
      deps.apply({ type: "surveySending" });
      try {
        const socket = (await deps.whenSynced()) ? deps.socket() : null;
        if (!socket) {
          deps.apply({ type: "surveyFailed", error: UNAVAILABLE });
          return false;
        }
        const text = comment.trim();
        const response = await socket.timeout(LIVE_ACK_TIMEOUT_MS).emitWithAck("rating:submit", text ? { rating, comment: text } : { rating });
        deps.apply(response.ok ? { type: "surveySent" } : { type: "surveyFailed", error: errorOf(response) });
        return response.ok || response.error.code === "already_rated";
      } catch {
        deps.apply({ type: "surveyFailed", error: UNAVAILABLE });
        return false;
      }
    },
  };
}
