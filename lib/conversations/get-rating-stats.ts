import { db } from "../db/client";
import type { TWorkspaceContext } from "../workspaces/types";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Post-chat survey figures for the overview: average stars and number of ratings in the last `days`. */
export async function getRatingStats(ctx: Pick<TWorkspaceContext, "workspaceId">, options: { days?: number; now?: Date } = {}) {
  const since = new Date((options.now ?? new Date()).getTime() - (options.days ?? 30) * DAY_MS);
  const result = await db().conversation.aggregate({
    where: { workspaceId: ctx.workspaceId, rating: { not: null }, ratedAt: { gte: since } },
    _avg: { rating: true },
    _count: { rating: true },
  });
  return { average: result._avg.rating, count: result._count.rating };
}
