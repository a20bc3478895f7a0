import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { issueConsoleToken, signConsoleToken, verifyConsoleToken } from "@/lib/live-chat/console-token";
import { stopJobQueue } from "@/lib/jobs/queue";
import { expectAppError } from "../../helpers/errors";
import { addMember, createOwnerWithWorkspace, createUser } from "../../helpers/factories";
import { connectOperator, connectOperatorWith, startLiveServer, type TLiveServer } from "../../helpers/operator-client";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * /operator accepts only short-lived console tokens: signed for one user, workspace and token
 * version. Forged, expired, revoked, foreign-workspace and cookie-only handshakes are refused
 * with a code the console can act on.
 */
useTestDatabase();

let live: TLiveServer;
let slugA = "";
let slugB = "";
let workspaceA = "";
let operator: { id: string };

beforeAll(async () => {
  const a = await createOwnerWithWorkspace("Token Shop A");
  const b = await createOwnerWithWorkspace("Token Shop B");
  slugA = a.workspace.slug;
  slugB = b.workspace.slug;
  workspaceA = a.workspace.id;
  operator = (await addMember(workspaceA, "operator", "anna")).user;
  live = await startLiveServer();
});

afterAll(async () => {
  await live.close();
  await stopJobQueue();
});

const refusal = async (auth: Record<string, unknown>) => {
  try {
    await connectOperatorWith(live.url, auth);
  } catch (error) {
    return error as Error & { data?: { code: string; message: string } };
  }
  throw new Error("the connection was accepted");
};

describe("POST /api/console/token (issueConsoleToken)", () => {
  it("issues a 60-second token to a member with role operator", async () => {
    const before = Date.now();
    const issued = await issueConsoleToken(operator, slugA);
    const expires = new Date(issued.expiresAt).getTime();
    expect(expires - before).toBeGreaterThan(55_000);
    expect(expires - before).toBeLessThanOrEqual(61_000);
    expect(verifyConsoleToken(issued.token)).toMatchObject({ userId: operator.id, workspaceId: workspaceA, tokenVersion: 0 });
  });

  it("refuses a workspace the user does not belong to", async () => {
    await expectAppError(issueConsoleToken(operator, slugB), "not_found");
    await expectAppError(issueConsoleToken(operator, ""), "validation_failed");
  });
});

describe("/operator handshake", () => {
  it("connects with a fresh token and says who and where", async () => {
    const { socket, ready } = await connectOperator(live.url, operator, slugA);
    expect(ready.me).toMatchObject({ userId: operator.id, role: "operator", status: "online" });
    expect(ready.workspace).toMatchObject({ id: workspaceA, slug: slugA });
    socket.disconnect();
  });

  it("refuses no token, a cookie alone, a forged and an expired token", async () => {
    expect((await refusal({})).message).toBe("unauthorized");
    // A genuine dashboard session cookie opens nothing on its own (the old cookie handshake).
    const cookie = await encode({ token: { uid: operator.id, tv: 0 }, secret: env().NEXTAUTH_SECRET! });
    const cookieOnly = await connectOperatorWith(live.url, { workspace: slugA }, { extraHeaders: { cookie: `next-auth.session-token=${cookie}` } }).then(
      () => null,
      (error: Error) => error,
    );
    expect(cookieOnly?.message).toBe("unauthorized");
    const { token } = await issueConsoleToken(operator, slugA);
    const [payload, signature] = token.split(".");
    // Same claims, another signature; and other claims under the genuine signature.
    const forgedSignature = await refusal({ token: `${payload}.${Buffer.from("x".repeat(32)).toString("base64url")}` });
    expect(forgedSignature.message).toBe("token_invalid");
    const otherClaims = Buffer.from(JSON.stringify({ v: 1, uid: operator.id, wid: "someone-elses", tv: 0, exp: Math.floor(Date.now() / 1000) + 60 })).toString("base64url");
    expect((await refusal({ token: `${otherClaims}.${signature}` })).message).toBe("token_invalid");
    expect((await refusal({ token: "not-a-token" })).message).toBe("token_invalid");
    const expired = signConsoleToken({ userId: operator.id, workspaceId: workspaceA, tokenVersion: 0 }, Date.now() - 61_000);
    const refused = await refusal({ token: expired.token });
    expect(refused.message).toBe("token_expired");
    expect(refused.data).toMatchObject({ code: "token_expired" });
  });

  it("refuses a token after a password change or 'log out everywhere' (token version)", async () => {
    const user = (await addMember(workspaceA, "operator", "revoked")).user;
    const { token } = await issueConsoleToken(user, slugA);
    await db().user.update({ where: { id: user.id }, data: { tokenVersion: { increment: 1 } } });
    expect((await refusal({ token })).message).toBe("token_revoked");
  });

  it("refuses a token of another workspace than the console's, and a removed member", async () => {
    const both = await createUser({ name: "Both" });
    await db().membership.create({ data: { workspaceId: (await db().workspace.findUniqueOrThrow({ where: { slug: slugB } })).id, userId: both.id, role: "operator" } });
    await db().membership.create({ data: { workspaceId: workspaceA, userId: both.id, role: "operator" } });
    const { token } = await issueConsoleToken(both, slugB);
    expect((await refusal({ token, workspace: slugA })).message).toBe("workspace_mismatch");

    const leaving = await addMember(workspaceA, "operator", "leaving");
    const issued = await issueConsoleToken(leaving.user, slugA);
    await db().membership.delete({ where: { id: leaving.membership.id } });
    expect((await refusal({ token: issued.token })).message).toBe("not_found");
    // A token signed for a workspace the user never belonged to (a forger with the key would need this too).
    const foreign = signConsoleToken({ userId: operator.id, workspaceId: (await db().workspace.findUniqueOrThrow({ where: { slug: slugB } })).id, tokenVersion: 0 });
    expect((await refusal({ token: foreign.token })).message).toBe("not_found");
  });
});
