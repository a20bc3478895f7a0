import { pageMetadata } from "@/components/marketing/page-metadata";
import { ImprintPage } from "@/components/marketing/pages/legal-pages";

export const dynamic = "force-dynamic";
export const generateMetadata = pageMetadata("imprint", "de");

export default function Page() {
  return <ImprintPage locale="de" />;
}
