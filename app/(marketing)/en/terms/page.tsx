import { pageMetadata } from "@/components/marketing/page-metadata";
import { TermsPage } from "@/components/marketing/pages/legal-pages";

export const dynamic = "force-dynamic";
export const generateMetadata = pageMetadata("terms", "en");

export default function Page() {
  return <TermsPage locale="en" />;
}
