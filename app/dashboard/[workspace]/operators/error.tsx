"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/feedback";

/** A live-chat administration tab that failed to load: say so and offer a retry. */
export default function OperatorsError({ retry }: { error: unknown; reset: () => void; retry: () => void }) {
  const t = useTranslations("dashboard.operators.loadError");
  return (
    <Card>
      <EmptyState
        icon={
          <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d="M12 8v5m0 3h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
          </svg>
        }
        title={t("title")}
        description={t("text")}
        action={
          <Button variant="secondary" onClick={retry}>
            {t("retry")}
          </Button>
        }
      />
    </Card>
  );
}
