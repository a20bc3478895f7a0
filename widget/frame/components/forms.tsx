/** @jsxImportSource preact */
import type { Ref } from "preact";
import { useEffect, useMemo, useRef } from "preact/hooks";
import type { TWidgetConfig } from "../../../lib/widget/protocol";
import type { TLocale } from "../../shared/i18n";
import type { TChatClient } from "../chat-client";
import type { TTranslate } from "../i18n";
import { chosenDepartmentId, leadFields, messageFormFields, preChatFormFields } from "../lead-rules";
import { Icon } from "./icon";
import { LeadForm } from "./lead-form";
import { Greeting } from "./message-list";

type TPreChatProps = { client: TChatClient; config: TWidgetConfig; locale: TLocale; t: TTranslate; firstFieldRef: Ref<HTMLElement> };

/** The bot's form before the first message; answering it is the visitor's first interaction. */
export function PreChatForm({ client, config, locale, t, firstFieldRef }: TPreChatProps) {
  const fields = useMemo(() => preChatFormFields(config, locale), [config, locale]);
  return (
    <div class="cw-log">
      <ul class="cw-list">
        <Greeting config={config} locale={locale} t={t} />
      </ul>
      <LeadForm
        id="cw-pre"
        fields={fields}
        t={t}
        intro={<p class="cw-form-intro">{t("prechat.intro")}</p>}
        submitLabel={t("prechat.submit")}
        firstFieldRef={firstFieldRef}
        onSubmit={(values) => client.submitLead({ kind: "prechat", fields: leadFields(fields, values) }, fields, chosenDepartmentId(fields, values))}
      />
    </div>
  );
}

/** Under the conversation while the bot has it: "talk to a human" when someone is online, else "leave a message". */
export function HumanOrMessageButton({ t, humanAvailable, onHuman, onLeave }: { t: TTranslate; humanAvailable: boolean; onHuman: () => void; onLeave: () => void }) {
  return (
    <div class="cw-leave">
      {humanAvailable ? (
        <button type="button" class="cw-leave-btn cw-human-btn" onClick={onHuman}>
          <Icon name="person" />
          {t("human.open")}
        </button>
      ) : (
        <button type="button" class="cw-leave-btn" onClick={onLeave}>
          <Icon name="mail" />
          {t("leave.open")}
        </button>
      )}
    </div>
  );
}

type TLeaveProps = {
  client: TChatClient;
  t: TTranslate;
  /** Why nobody answers (the department's offline message), shown as text instead of our intro. */
  offlineMessage?: string | null;
  onDone: (email: string) => void;
  onCancel: () => void;
};

/** "Leave a message" while no human is available: {name?, email, message} as a lead. */
export function LeaveMessageForm({ client, t, offlineMessage, onDone, onCancel }: TLeaveProps) {
  const fields = useMemo(() => messageFormFields({ name: t("leave.name"), email: t("leave.email"), message: t("leave.message") }), [t]);
  const firstFieldRef = useRef<HTMLElement>(null);
  useEffect(() => firstFieldRef.current?.focus(), []);
  return (
    <div class="cw-log cw-sheet">
      <LeadForm
        id="cw-leave"
        fields={fields}
        t={t}
        intro={
          <>
            <h2 class="cw-form-title">{t("leave.title")}</h2>
            <p class="cw-form-intro cw-pre-line">{offlineMessage?.trim() || t("leave.intro")}</p>
          </>
        }
        submitLabel={t("leave.submit")}
        firstFieldRef={firstFieldRef}
        onCancel={onCancel}
        onSubmit={async (values) => {
          const submitted = leadFields(fields, values);
          const result = await client.submitLead({ kind: "message", fields: submitted }, fields);
          if (result.ok) onDone(submitted.email ?? "");
          return result;
        }}
      />
    </div>
  );
}
