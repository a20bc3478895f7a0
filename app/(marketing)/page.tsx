import { pageMetadata } from "@/components/marketing/page-metadata";
import { HomePage } from "@/components/marketing/pages/home-page";

export const dynamic = "force-dynamic";
export const generateMetadata = pageMetadata("home", "de");

export default function Page() {
  return <HomePage locale="de" />;
}
