import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/feedback";

const TONES = { bot: "neutral", queued: "warning", assigned: "brand", closed: "success" } as const;

export function ConversationStatusBadge({ status }: { status: keyof typeof TONES }) {
  const t = useTranslations("dashboard.conversations");
  return <Badge tone={TONES[status]}>{t(`status.${status}`)}</Badge>;
}
