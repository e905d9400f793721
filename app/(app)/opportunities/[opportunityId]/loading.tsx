import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function OpportunityLoading() {
  return <PageSkeleton filterHeight="h-24" rows={8} cards />;
}
