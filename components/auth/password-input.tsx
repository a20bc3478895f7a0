"use client";

import { useTranslations } from "next-intl";
import { useState, type InputHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";
import { CheckIcon, EyeIcon } from "./icons";

/** Password field with a show/hide toggle (a plain button, so Enter still submits the form). */
export function PasswordInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  const t = useTranslations("auth.fields");
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <Input {...props} type={visible ? "text" : "password"} className="pr-10" spellCheck={false} autoCapitalize="none" />
      <button
        type="button"
        onClick={() => setVisible((v) => !v)}
        aria-label={visible ? t("hidePassword") : t("showPassword")}
        aria-pressed={visible}
        aria-controls={props.id}
        className="absolute inset-y-0 right-0 flex w-10 items-center justify-center rounded-r-lg text-slate-400 hover:text-slate-600 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500"
      >
        <EyeIcon open={!visible} />
      </button>
    </div>
  );
}

/** The length rule under a new-password field; turns green once the password is long enough. */
export function PasswordRuleHint({ password, min }: { password: string; min: number }) {
  const t = useTranslations("auth.fields");
  const longEnough = password.length >= min;
  return (
    <span className={cn("inline-flex items-center gap-1 transition-colors", longEnough && "text-emerald-700")}>
      <CheckIcon className={cn("size-3.5", longEnough ? "opacity-100" : "opacity-40")} />
      {t("passwordRule", { min })}
    </span>
  );
}
