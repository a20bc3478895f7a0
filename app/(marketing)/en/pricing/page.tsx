import { pageMetadata } from "@/components/marketing/page-metadata";
import { PricingPage } from "@/components/marketing/pages/pricing-page";

export const dynamic = "force-dynamic";
export const generateMetadata = pageMetadata("pricing", "en");

export default function Page() {
  return <PricingPage locale="en" />;
}
