"use client";

import { useTranslations } from "next-intl";
import { OutlineIcon } from "@/components/dashboard/billing/outline-icon";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/feedback";

/** A billing page that failed to load: say so and offer a retry (retry re-renders the server side too). */
export default function BillingError({ retry }: { error: unknown; reset: () => void; retry: () => void }) {
  const t = useTranslations("dashboard.billing.loadError");
  return (
    <Card>
      <EmptyState
        icon={<OutlineIcon path="M12 8v5m0 3h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />}
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
