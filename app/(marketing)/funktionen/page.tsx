import { pageMetadata } from "@/components/marketing/page-metadata";
import { FeaturesPage } from "@/components/marketing/pages/features-page";

export const dynamic = "force-dynamic";
export const generateMetadata = pageMetadata("features", "de");

export default function Page() {
  return <FeaturesPage locale="de" />;
}
