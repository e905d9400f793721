import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function PartnersLoading() {
  return <PageSkeleton />;
}
