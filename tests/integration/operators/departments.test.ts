import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { defaultBusinessHours } from "@/lib/departments/business-hours";
import { createDepartment } from "@/lib/departments/create-department";
import { deleteDepartment } from "@/lib/departments/delete-department";
import { getDepartment } from "@/lib/departments/get-department";
import { listDepartments } from "@/lib/departments/list-departments";
import { updateDepartment } from "@/lib/departments/update-department";
import { expectAppError, expectZodError } from "../../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";

useTestDatabase();

describe("departments", () => {
  it("an admin creates, edits and lists a department with hours, transcripts and members", async () => {
    const { workspace } = await createOwnerWithWorkspace("Dept Co");
    const { user: admin } = await addMember(workspace.id, "admin");
    const { user: op } = await addMember(workspace.id, "operator", "Olga");
    const ctx = await contextFor(admin.id, workspace.slug);

    const created = await createDepartment(ctx, {
      name: "  Vertrieb ",
      description: "Fragen vor dem Kauf",
      assignment: "round_robin",
      businessHours: defaultBusinessHours("Europe/Berlin"),
      offlineMessage: "Wir melden uns morgen.",
      sendTranscripts: true,
      transcriptEmails: ["Sales@Example.com", "sales@example.com"],
      operatorUserIds: [op.id],
    });
    expect(created.name).toBe("Vertrieb");
    expect(created.transcriptEmails).toEqual(["sales@example.com"]);

    const [listed] = await listDepartments(ctx);
    if (!listed) throw new Error("the department is missing");
    expect(listed.businessHours?.days.mon).toEqual([["09:00", "17:00"]]);
    expect(listed.assignment).toBe("round_robin");
    expect(listed.operators).toEqual([{ userId: op.id, name: "Olga" }]);
    // The profile was created on first use.
    expect(await db().operatorProfile.count({ where: { workspaceId: workspace.id, userId: op.id } })).toBe(1);

    const updated = await updateDepartment(ctx, {
      departmentId: created.id,
      name: "Vertrieb DACH",
      assignment: "least_busy",
      businessHours: null,
      sendTranscripts: false,
      transcriptEmails: [],
      operatorUserIds: [],
    });
    expect(updated.name).toBe("Vertrieb DACH");
    expect(updated.businessHours).toBeNull();
    const again = await getDepartment(ctx, created.id);
    expect(again.operators).toEqual([]);
    expect(again.description).toBeNull();
    expect(await db().auditLog.count({ where: { workspaceId: workspace.id, action: { startsWith: "department." } } })).toBe(2);
  });

  it("keeps names unique per workspace but not across workspaces", async () => {
    const a = await createOwnerWithWorkspace("Unique A");
    const b = await createOwnerWithWorkspace("Unique B");
    await createDepartment(a.ctx, { name: "Support" });
    const error = await expectAppError(createDepartment(a.ctx, { name: "Support" }), "conflict");
    expect(error.details).toEqual({ field: "name" });
    await expect(createDepartment(b.ctx, { name: "Support" })).resolves.toMatchObject({ name: "Support" });
    const other = await createDepartment(a.ctx, { name: "Technik" });
    await expectAppError(updateDepartment(a.ctx, { departmentId: other.id, name: "Support" }), "conflict");
  });

  it("validates business hours, emails and assignment", async () => {
    const { ctx } = await createOwnerWithWorkspace("Valid Co");
    await expectZodError(createDepartment(ctx, { name: "X", businessHours: { timeZone: "Mars/Base", days: {} } as never }));
    await expectZodError(createDepartment(ctx, { name: "X", businessHours: { timeZone: "UTC", days: { mon: [["18:00", "08:00"]] } } as never }));
    await expectZodError(createDepartment(ctx, { name: "X", transcriptEmails: ["not-an-email"] }));
    await expectZodError(createDepartment(ctx, { name: "X", assignment: "random" as never }));
    await expectZodError(createDepartment(ctx, { name: "   " }));
  });

  it("operators cannot create, change or delete departments", async () => {
    const { workspace, ctx: owner } = await createOwnerWithWorkspace("Roles Co");
    const { user } = await addMember(workspace.id, "operator");
    const ctx = await contextFor(user.id, workspace.slug);
    const dept = await createDepartment(owner, { name: "Support" });
    await expectAppError(createDepartment(ctx, { name: "Mine" }), "forbidden");
    await expectAppError(updateDepartment(ctx, { departmentId: dept.id, name: "Mine" }), "forbidden");
    await expectAppError(deleteDepartment(ctx, { departmentId: dept.id }), "forbidden");
    // Reading is fine: the console and pre-chat need the list.
    expect((await listDepartments(ctx)).map((d) => d.name)).toEqual(["Support"]);
  });

  it("deleting keeps the conversations and clears their department", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Delete Co");
    const dept = await createDepartment(ctx, { name: "Weg damit" });
    const bot = await createBot(ctx, { name: "Hilfe" });
    const session = await db().visitorSession.create({ data: { workspaceId: workspace.id, botId: bot.id, tokenHash: randomBytes(16).toString("hex") } });
    const conversation = await db().conversation.create({ data: { workspaceId: workspace.id, botId: bot.id, visitorSessionId: session.id, departmentId: dept.id, status: "closed" } });
    await db().message.create({ data: { workspaceId: workspace.id, conversationId: conversation.id, role: "visitor", text: "Hallo" } });

    await deleteDepartment(ctx, { departmentId: dept.id });
    const after = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after.departmentId).toBeNull();
    expect(after.status).toBe("closed");
    expect(await db().message.count({ where: { conversationId: conversation.id } })).toBe(1);
    await expectAppError(getDepartment(ctx, dept.id), "not_found");
    await expectAppError(deleteDepartment(ctx, { departmentId: dept.id }), "not_found");
  });

  it("another workspace's department is not found, and its members cannot be added", async () => {
    const a = await createOwnerWithWorkspace("Tenant A");
    const b = await createOwnerWithWorkspace("Tenant B");
    const { user: bOperator } = await addMember(b.workspace.id, "operator");
    const bDept = await createDepartment(b.ctx, { name: "Geheim" });

    await expectAppError(getDepartment(a.ctx, bDept.id), "not_found");
    await expectAppError(updateDepartment(a.ctx, { departmentId: bDept.id, name: "Übernommen" }), "not_found");
    await expectAppError(deleteDepartment(a.ctx, { departmentId: bDept.id }), "not_found");
    expect(await listDepartments(a.ctx)).toEqual([]);
    await expectAppError(createDepartment(a.ctx, { name: "Mit Fremden", operatorUserIds: [bOperator.id] }), "not_found");
    expect((await getDepartment(b.ctx, bDept.id)).name).toBe("Geheim");
    expect(await db().department.count({ where: { workspaceId: a.workspace.id } })).toBe(0);
  });
});
