import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function TasksLoading() {
  return <PageSkeleton filterHeight="h-32" rows={8} />;
}
