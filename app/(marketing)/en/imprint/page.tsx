import { pageMetadata } from "@/components/marketing/page-metadata";
import { ImprintPage } from "@/components/marketing/pages/legal-pages";

export const dynamic = "force-dynamic";
export const generateMetadata = pageMetadata("imprint", "en");

export default function Page() {
  return <ImprintPage locale="en" />;
}
