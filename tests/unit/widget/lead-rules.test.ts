import { describe, expect, it } from "vitest";
import type { TWidgetConfig } from "@/lib/widget/protocol";
import { leadFields, messageFormFields, preChatFormFields, readLeadError, validateForm, type TFormField } from "@/widget/frame/lead-rules";
import { readFrameConfig } from "@/widget/frame/pre-chat-config";

const field = (key: string, type: TFormField["type"], required = false, options: string[] = []): TFormField => ({ key, type, label: key, required, options });

const FIELDS: TFormField[] = [
  field("name", "text", true),
  field("email", "email", true),
  field("phone", "phone"),
  field("department", "department", true, ["Sales", "Support"]),
  field("topic", "select", false, ["A", "B"]),
  field("note", "textarea"),
];

describe("validateForm", () => {
  it("asks for required fields, a choice for required selects, and nothing for empty optional ones", () => {
    expect(validateForm(FIELDS, { name: "  ", note: "" })).toEqual({ name: "required", email: "required", department: "choice" });
  });

  it("checks email, phone and choices like the server does", () => {
    const values = { name: "Ada", email: "ada@example", phone: "12", department: "Marketing", topic: "C" };
    expect(validateForm(FIELDS, values)).toEqual({ email: "email", phone: "phone", department: "choice", topic: "choice" });
    expect(validateForm(FIELDS, { name: "Ada", email: "ada@example.com", phone: "+49 (30) 123-456", department: "Sales", topic: "B" })).toEqual({});
    expect(validateForm([field("phone", "phone")], { phone: "call me maybe" })).toEqual({ phone: "phone" });
  });

  it("refuses values over the protocol's field limit instead of cutting them", () => {
    expect(validateForm([field("note", "textarea")], { note: "x".repeat(2001) })).toEqual({ note: "tooLong" });
    expect(validateForm([field("note", "textarea")], { note: "x".repeat(2000) })).toEqual({});
  });
});

describe("leadFields", () => {
  it("sends trimmed values and leaves empty optional fields out", () => {
    expect(leadFields(FIELDS, { name: " Ada ", email: "ada@example.com", phone: " ", note: "\nHi\n", extra: "ignored" })).toEqual({ name: "Ada", email: "ada@example.com", note: "Hi" });
  });
});

describe("form fields", () => {
  it("takes the pre-chat labels in the visitor's locale", () => {
    const config = readFrameConfig({
      botId: "bot_1",
      origin: "https://app.example",
      preChat: { enabled: true, fields: [{ key: "name", type: "text", label: { de: "Ihr Name", en: "Your name" }, required: true, options: [] }] },
    }) as TWidgetConfig;
    expect(preChatFormFields(config, "en")).toEqual([field("name", "text", true)].map((item) => ({ ...item, label: "Your name" })));
    expect(preChatFormFields(config, "de")[0]?.label).toBe("Ihr Name");
  });

  it("has the protocol's fixed shape for leaving a message", () => {
    const fields = messageFormFields({ name: "Name", email: "E-Mail", message: "Nachricht" });
    expect(fields.map((item) => [item.key, item.type, item.required])).toEqual([["name", "text", false], ["email", "email", true], ["message", "textarea", true]]);
  });
});

describe("readLeadError", () => {
  it("names one of our fields from details.field or a zod issue path", () => {
    expect(readLeadError({ code: "validation_failed", message: "Enter a valid email address.", details: { field: "email" } }, FIELDS)).toEqual({
      code: "validation_failed",
      message: "Enter a valid email address.",
      field: "email",
    });
    expect(readLeadError({ code: "validation_failed", message: "x", details: { issues: [{ path: "fields.phone", message: "x" }] } }, FIELDS).field).toBe("phone");
  });

  it("ignores fields that are not on the form and malformed errors", () => {
    expect(readLeadError({ code: "validation_failed", message: "Unknown field.", details: { field: "kind" } }, FIELDS)).toEqual({ code: "validation_failed", message: "Unknown field." });
    expect(readLeadError({ code: "rate_limited", message: "Slow down.", retryAfterSeconds: 12 }, FIELDS)).toEqual({ code: "rate_limited", message: "Slow down.", retryAfterSeconds: 12 });
    expect(readLeadError("boom", FIELDS)).toEqual({ code: "internal", message: "" });
  });
});
