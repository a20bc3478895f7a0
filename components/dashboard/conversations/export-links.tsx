import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";

/** JSON and CSV downloads through the export route; `query` carries the filters or `id=`. */
export async function ExportLinks({ slug, query }: { slug: string; query: Record<string, string | undefined> }) {
  const t = await getTranslations("dashboard.conversations");
  const href = (format: string) => {
    const params = new URLSearchParams(Object.entries({ ...query, format }).filter((e): e is [string, string] => Boolean(e[1])));
    return `/api/workspaces/${slug}/conversations/export?${params.toString()}`;
  };
  return (
    <div className="flex gap-2">
      <a href={href("csv")} download className={buttonClasses("secondary")}>
        {t("exportCsv")}
      </a>
      <a href={href("json")} download className={buttonClasses("secondary")}>
        {t("exportJson")}
      </a>
    </div>
  );
}
