"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SHORTCUT_HELP } from "./shortcuts";

/** Every keyboard shortcut of the console ("?" opens it). */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("dashboard.console.shortcuts");
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("title")}
      description={t("description")}
      footer={
        <Button variant="secondary" onClick={onClose}>
          {t("close")}
        </Button>
      }
    >
      <table className="w-full text-sm">
        <caption className="sr-only">{t("title")}</caption>
        <tbody className="divide-y divide-slate-100">
          {SHORTCUT_HELP.map((s) => (
            <tr key={s.label}>
              <th scope="row" className="py-1.5 pr-4 text-left font-normal whitespace-nowrap">
                {s.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && <span className="mx-0.5 text-slate-400">+</span>}
                    <kbd className="inline-flex min-w-6 items-center justify-center rounded-md border border-slate-300 bg-slate-50 px-1.5 py-px font-mono text-xs text-slate-800 shadow-[0_1px_0_rgb(203_213_225)]">{key}</kbd>
                  </span>
                ))}
              </th>
              <td className="py-1.5 text-slate-700">{t(s.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-slate-500">{t("macHint")}</p>
    </Dialog>
  );
}
