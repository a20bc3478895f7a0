/** @jsxImportSource preact */
import { useEffect, useRef, useState } from "preact/hooks";
import type { TTranslate } from "../i18n";
import { Icon } from "./icon";

export type TMenuItem = { id: string; label: string; onSelect: () => void };

/**
 * The header's "more" menu (menu button pattern): Enter, Space or the arrow keys open it
 * and move between items, Escape and Tab close it, focus returns to the button.
 */
export function HeaderMenu({ items, t }: { items: TMenuItem[]; t: TTranslate }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const entries = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? []);

  useEffect(() => {
    if (!open) return;
    entries()[0]?.focus();
    const onPointer = (event: Event) => {
      const target = event.target as Node | null;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  if (items.length === 0) return null;

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const list = entries();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => list[(index + list.length) % list.length]?.focus();
    if (event.key === "ArrowDown") move(at + 1);
    else if (event.key === "ArrowUp") move(at - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(list.length - 1);
    else if (event.key === "Escape") close(true);
    else if (event.key === "Tab") return setOpen(false);
    else return;
    event.preventDefault();
    // The panel's own Escape minimises the chat; here it only closes the menu.
    event.stopPropagation();
  };

  return (
    <div class="cw-menu-wrap">
      <button
        type="button"
        ref={buttonRef}
        class="cw-hbtn"
        id="cw-menu-button"
        aria-label={t("menu.label")}
        title={t("menu.label")}
        aria-haspopup="menu"
        aria-expanded={open ? "true" : "false"}
        aria-controls={open ? "cw-menu" : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
          event.preventDefault();
          setOpen(true);
        }}
      >
        <Icon name="more" />
      </button>
      {open && (
        <div class="cw-menu" id="cw-menu" role="menu" aria-labelledby="cw-menu-button" ref={menuRef} onKeyDown={onMenuKey}>
          {items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              class="cw-menu-item"
              onClick={() => {
                // Back on the button first; an item that opens a form then moves focus on.
                close(true);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
