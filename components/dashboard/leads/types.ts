/** A lead as the dashboard's client components receive it (dates as ISO strings). */
export type TLeadView = {
  id: string;
  source: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  message: string | null;
  fields: Record<string, string>;
  createdAt: string;
  botId: string | null;
  botName: string | null;
};
