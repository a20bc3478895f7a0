import type { TRole } from "../validation/common";

/** The tenant context every service call carries. */
export type TWorkspaceContext = { workspaceId: string; actorId: string; role: TRole };
