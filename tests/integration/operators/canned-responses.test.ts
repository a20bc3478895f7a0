import { describe, expect, it } from "vitest";
import { createCannedResponse } from "@/lib/canned/create-canned-response";
import { deleteCannedResponse } from "@/lib/canned/delete-canned-response";
import { listCannedResponses } from "@/lib/canned/list-canned-responses";
import { listCannedResponsesFor } from "@/lib/canned/list-canned-responses-for";
import { updateCannedResponse } from "@/lib/canned/update-canned-response";
import { createDepartment } from "@/lib/departments/create-department";
import { expectAppError, expectZodError } from "../../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";

useTestDatabase();

async function team(name: string) {
  const { workspace, ctx: owner } = await createOwnerWithWorkspace(name);
  const { user: op } = await addMember(workspace.id, "operator");
  const { user: op2 } = await addMember(workspace.id, "operator");
  const sales = await createDepartment(owner, { name: "Vertrieb", operatorUserIds: [op.id] });
  const tech = await createDepartment(owner, { name: "Technik" });
  return { workspace, owner, op: await contextFor(op.id, workspace.slug), op2: await contextFor(op2.id, workspace.slug), sales, tech };
}

describe("canned responses", () => {
  it("roles: admins manage workspace and department responses, operators only their own", async () => {
    const { owner, op, op2, sales } = await team("Canned Roles");
    const ws = await createCannedResponse(owner, { scope: "workspace", shortcut: "/Hallo", title: "Begrüßung", text: "Guten Tag, wie kann ich helfen?" });
    expect(ws.shortcut).toBe("hallo");
    await createCannedResponse(owner, { scope: "department", departmentId: sales.id, shortcut: "preise", title: "Preise", text: "Unsere Preise finden Sie unter /preise." });

    await expectAppError(createCannedResponse(op, { scope: "workspace", shortcut: "x", title: "X", text: "X" }), "forbidden");
    await expectAppError(createCannedResponse(op, { scope: "department", departmentId: sales.id, shortcut: "x", title: "X", text: "X" }), "forbidden");
    await expectAppError(updateCannedResponse(op, { cannedResponseId: ws.id, shortcut: "hallo", title: "Mine", text: "Mine" }), "forbidden");
    await expectAppError(deleteCannedResponse(op, { cannedResponseId: ws.id }), "forbidden");

    const mine = await createCannedResponse(op, { scope: "operator", shortcut: "danke", title: "Danke", text: "Danke für Ihre Geduld!" });
    expect(mine.ownerUserId).toBe(op.actorId);
    await updateCannedResponse(op, { cannedResponseId: mine.id, shortcut: "danke", title: "Danke!", text: "Vielen Dank." });
    // Someone else's personal response does not exist for others, admins included.
    await expectAppError(updateCannedResponse(op2, { cannedResponseId: mine.id, shortcut: "x", title: "x", text: "x" }), "not_found");
    await expectAppError(deleteCannedResponse(owner, { cannedResponseId: mine.id }), "not_found");
    expect((await listCannedResponses(owner)).map((c) => c.shortcut)).toEqual(["hallo", "preise"]);
    expect((await listCannedResponses(op2)).map((c) => c.shortcut)).toEqual(["hallo"]);
    expect((await listCannedResponses(op)).map((c) => c.shortcut)).toEqual(["danke", "hallo", "preise"]);
    await deleteCannedResponse(op, { cannedResponseId: mine.id });
    expect((await listCannedResponses(op)).map((c) => c.shortcut)).toEqual(["hallo", "preise"]);
  });

  it("shortcuts are unique per scope and owner, and validated", async () => {
    const { owner, op, op2, sales, tech } = await team("Canned Unique");
    await createCannedResponse(owner, { scope: "workspace", shortcut: "hallo", title: "A", text: "A" });
    const error = await expectAppError(createCannedResponse(owner, { scope: "workspace", shortcut: "HALLO", title: "B", text: "B" }), "conflict");
    expect(error.details).toEqual({ field: "shortcut" });
    await createCannedResponse(owner, { scope: "department", departmentId: sales.id, shortcut: "hallo", title: "C", text: "C" });
    await createCannedResponse(owner, { scope: "department", departmentId: tech.id, shortcut: "hallo", title: "D", text: "D" });
    await expectAppError(createCannedResponse(owner, { scope: "department", departmentId: tech.id, shortcut: "hallo", title: "E", text: "E" }), "conflict");
    await createCannedResponse(op, { scope: "operator", shortcut: "hallo", title: "F", text: "F" });
    await createCannedResponse(op2, { scope: "operator", shortcut: "hallo", title: "G", text: "G" });
    const other = await createCannedResponse(op, { scope: "operator", shortcut: "tschuess", title: "H", text: "H" });
    await expectAppError(updateCannedResponse(op, { cannedResponseId: other.id, shortcut: "hallo", title: "H", text: "H" }), "conflict");

    await expectZodError(createCannedResponse(owner, { scope: "workspace", shortcut: "mit leerzeichen", title: "X", text: "X" }));
    await expectZodError(createCannedResponse(owner, { scope: "workspace", shortcut: "a".repeat(31), title: "X", text: "X" }));
    await expectZodError(createCannedResponse(owner, { scope: "workspace", shortcut: "ok", title: "X", text: "x".repeat(2001) }));
    await expectZodError(createCannedResponse(owner, { scope: "workspace", shortcut: "ok", title: "", text: "X" }));
    await expectZodError(createCannedResponse(owner, { scope: "global", shortcut: "ok", title: "X", text: "X" } as never));
  });

  it("searches and filters the dashboard list", async () => {
    const { owner, sales } = await team("Canned Search");
    await createCannedResponse(owner, { scope: "workspace", shortcut: "versand", title: "Versandkosten", text: "Ab 50 € versandkostenfrei." });
    await createCannedResponse(owner, { scope: "department", departmentId: sales.id, shortcut: "rabatt", title: "Rabatt", text: "Mengenrabatt ab 10 Stück." });
    await createCannedResponse(owner, { scope: "operator", shortcut: "gruss", title: "Gruß", text: "Schönen Tag noch!" });
    expect((await listCannedResponses(owner, { query: "VERSAND" })).map((c) => c.shortcut)).toEqual(["versand"]);
    expect((await listCannedResponses(owner, { query: "stück" })).map((c) => c.shortcut)).toEqual(["rabatt"]);
    expect((await listCannedResponses(owner, { query: "/gru" })).map((c) => c.shortcut)).toEqual(["gruss"]);
    expect((await listCannedResponses(owner, { scope: "department" })).map((c) => [c.shortcut, c.departmentName])).toEqual([["rabatt", "Vertrieb"]]);
    expect((await listCannedResponses(owner, { scope: "operator" })).map((c) => c.shortcut)).toEqual(["gruss"]);
    expect(await listCannedResponses(owner, { query: "nichts-passt" })).toEqual([]);
  });

  it("listCannedResponsesFor: workspace + given departments + personal, personal first on clashes", async () => {
    const { owner, op, sales, tech } = await team("Canned Console");
    await createCannedResponse(owner, { scope: "workspace", shortcut: "hallo", title: "Firma", text: "Firma" });
    await createCannedResponse(owner, { scope: "workspace", shortcut: "agb", title: "AGB", text: "AGB" });
    await createCannedResponse(owner, { scope: "department", departmentId: sales.id, shortcut: "hallo", title: "Vertrieb", text: "Vertrieb" });
    await createCannedResponse(owner, { scope: "department", departmentId: sales.id, shortcut: "preise", title: "Preise", text: "Preise" });
    await createCannedResponse(owner, { scope: "department", departmentId: tech.id, shortcut: "reset", title: "Reset", text: "Reset" });
    await createCannedResponse(op, { scope: "operator", shortcut: "hallo", title: "Persönlich", text: "Persönlich" });

    const all = await listCannedResponsesFor(op, { departmentIds: [sales.id] });
    expect(all.map((c) => [c.shortcut, c.scope])).toEqual([
      ["agb", "workspace"],
      ["hallo", "operator"],
      ["preise", "department"],
    ]);
    const noDept = await listCannedResponsesFor(owner, { departmentIds: [] });
    expect(noDept.map((c) => [c.shortcut, c.title])).toEqual([
      ["agb", "AGB"],
      ["hallo", "Firma"],
    ]);
    const salesFirst = await listCannedResponsesFor(owner, { departmentIds: [sales.id, tech.id] });
    expect(salesFirst.map((c) => [c.shortcut, c.title])).toEqual([
      ["agb", "AGB"],
      ["hallo", "Vertrieb"],
      ["preise", "Preise"],
      ["reset", "Reset"],
    ]);
    expect((await listCannedResponsesFor(op, { query: "preis", departmentIds: [sales.id] })).map((c) => c.shortcut)).toEqual(["preise"]);
  });

  it("tenant isolation: workspace A never reads or changes B's responses", async () => {
    const a = await team("Canned A");
    const b = await team("Canned B");
    const bResponse = await createCannedResponse(b.owner, { scope: "workspace", shortcut: "geheim", title: "Geheim", text: "Nur für B" });
    await createCannedResponse(b.owner, { scope: "department", departmentId: b.sales.id, shortcut: "b-dept", title: "B", text: "B" });

    expect(await listCannedResponses(a.owner)).toEqual([]);
    expect(await listCannedResponsesFor(a.owner, { departmentIds: [b.sales.id] })).toEqual([]);
    await expectAppError(updateCannedResponse(a.owner, { cannedResponseId: bResponse.id, shortcut: "x", title: "x", text: "x" }), "not_found");
    await expectAppError(deleteCannedResponse(a.owner, { cannedResponseId: bResponse.id }), "not_found");
    await expectAppError(createCannedResponse(a.owner, { scope: "department", departmentId: b.sales.id, shortcut: "x", title: "x", text: "x" }), "not_found");
    expect((await listCannedResponses(b.owner)).map((c) => c.shortcut)).toEqual(["b-dept", "geheim"]);
  });

  it("department responses go with their department", async () => {
    const { owner, sales } = await team("Canned Cascade");
    const { deleteDepartment } = await import("@/lib/departments/delete-department");
    await createCannedResponse(owner, { scope: "department", departmentId: sales.id, shortcut: "weg", title: "Weg", text: "Weg" });
    await deleteDepartment(owner, { departmentId: sales.id });
    expect(await listCannedResponses(owner)).toEqual([]);
  });
});
