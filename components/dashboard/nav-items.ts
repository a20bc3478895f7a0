import type { TRole } from "@/lib/validation/common";

/** Dashboard sections; later issues fill bots, knowledge, conversations, console, operators, billing. */
export const NAV_ITEMS: { key: string; href: string; minRole: TRole; icon: string }[] = [
  { key: "overview", href: "", minRole: "operator", icon: "M3 12l9-9 9 9M5 10v10h14V10" },
  { key: "bots", href: "/bots", minRole: "admin", icon: "M12 3v3m-7 4h14a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-6a2 2 0 0 1 2-2zm4 5h.01M15 15h.01" },
  { key: "conversations", href: "/conversations", minRole: "operator", icon: "M21 12a8 8 0 0 1-11.6 7.1L3 21l1.9-6.4A8 8 0 1 1 21 12z" },
  { key: "leads", href: "/leads", minRole: "operator", icon: "M22 12h-6l-2 3h-4l-2-3H2m3.5-6.9L2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1z" },
  { key: "console", href: "/console", minRole: "operator", icon: "M4 5h16v11H4zM8 20h8M12 16v4" },
  { key: "operators", href: "/operators", minRole: "operator", icon: "M16 11a4 4 0 1 0-8 0m12 9a8 8 0 0 0-16 0" },
  { key: "billing", href: "/billing", minRole: "owner", icon: "M3 7h18v10H3zM3 11h18M7 15h3" },
  { key: "members", href: "/members", minRole: "operator", icon: "M17 20v-2a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v2m18 0v-2a4 4 0 0 0-3-3.9M13 4.1a4 4 0 0 1 0 7.8M10 8a4 4 0 1 1-8 0 4 4 0 0 1 8 0z" },
  { key: "apiKeys", href: "/api-keys", minRole: "admin", icon: "M15 7a3 3 0 1 1-2.8 4H3v3h3v3h3v-3h3.2A3 3 0 0 1 15 7z" },
  { key: "settings", href: "/settings", minRole: "admin", icon: "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.3l2-1.6-2-3.4-2.4 1a7.4 7.4 0 0 0-2.2-1.3L14.3 3h-4l-.4 2.4a7.4 7.4 0 0 0-2.2 1.3l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.6l-2 1.6 2 3.4 2.4-1a7.4 7.4 0 0 0 2.2 1.3l.4 2.4h4l.4-2.4a7.4 7.4 0 0 0 2.2-1.3l2.4 1 2-3.4-2-1.6c.1-.4.1-.9.1-1.3z" },
];
