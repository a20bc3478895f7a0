import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type TNavItem = { key: string; href: string; label: string; current: boolean };

/**
 * The main navigation's links as a list, the current page marked with aria-current.
 * Used by the desktop header and the mobile menu, each with its own look.
 */
export function NavLinks({
  items,
  listClassName,
  linkClassName,
  onNavigate,
}: {
  items: TNavItem[];
  listClassName: string;
  linkClassName: { base: string; current: string; other: string };
  onNavigate?: () => void;
}) {
  return (
    <ul className={listClassName}>
      {items.map((item) => (
        <li key={item.key}>
          <Link
            href={item.href}
            aria-current={item.current ? "page" : undefined}
            onClick={onNavigate}
            className={cn(linkClassName.base, item.current ? linkClassName.current : linkClassName.other)}
          >
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
