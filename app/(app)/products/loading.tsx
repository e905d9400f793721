import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function ProductsLoading() {
  return <PageSkeleton />;
}
