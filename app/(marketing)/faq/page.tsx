import { pageMetadata } from "@/components/marketing/page-metadata";
import { FaqPage } from "@/components/marketing/pages/faq-page";

export const dynamic = "force-dynamic";
export const generateMetadata = pageMetadata("faq", "de");

export default function Page() {
  return <FaqPage locale="de" />;
}
