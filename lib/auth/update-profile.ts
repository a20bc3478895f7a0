import { z } from "zod";
import { db } from "../db/client";
import { ZLocale, ZName } from "../validation/common";

export const ZProfileInput = z.object({ name: ZName, locale: ZLocale });

export async function updateProfile(userId: string, raw: { name: string; locale: string }) {
  const input = ZProfileInput.parse(raw);
  return db().user.update({ where: { id: userId }, data: input, select: { name: true, locale: true } });
}
