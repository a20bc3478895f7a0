import { pageMetadata } from "@/components/marketing/page-metadata";
import { PrivacyPage } from "@/components/marketing/pages/legal-pages";

export const dynamic = "force-dynamic";
export const generateMetadata = pageMetadata("privacy", "en");

export default function Page() {
  return <PrivacyPage locale="en" />;
}
