import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function CallListsLoading() {
  return <PageSkeleton />;
}
