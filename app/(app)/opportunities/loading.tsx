import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function OpportunitiesLoading() {
  return <PageSkeleton filterHeight="h-24" rows={8} cards />;
}
